package org.mrdflow.review;

import java.math.BigDecimal;
import java.util.Locale;
import org.mrdflow.gating.mrd.MrdStatus;
import org.mrdflow.review.warehouse.Analysis;

/**
 * What a reviewer may override, named as the {@code mrd_results} column it corrects: the call,
 * the MRD value, the CD19+ share of blasts and the hCD19 CAR-T eligibility. Values are stored as
 * text in a canonical form (the call's name, a plain decimal fraction, true/false).
 */
public enum ReviewField {
  MRD_STATUS("mrd_status", "MRD call"),
  MRD_FRACTION("mrd_fraction", "MRD fraction of nucleated cells"),
  CD19_POS_BLAST_FRACTION("cd19_pos_blast_fraction", "CD19+ share of blasts"),
  HCD19_CAR_ELIGIBLE("hcd19_car_eligible", "hCD19 CAR-T eligibility");

  private final String column;
  private final String label;

  ReviewField(String column, String label) {
    this.column = column;
    this.label = label;
  }

  public String column() {
    return column;
  }

  public String label() {
    return label;
  }

  /** @throws ReviewException 400 naming the fields that exist */
  public static ReviewField of(String column) {
    for (ReviewField f : values()) {
      if (f.column.equals(column)) {
        return f;
      }
    }
    throw new ReviewException(400, "field must be one of mrd_status, mrd_fraction, cd19_pos_blast_fraction,"
        + " hcd19_car_eligible, not '" + Text.shorten(column) + "'");
  }

  /** The pipeline's value of this field, in canonical text; null where the warehouse has none. */
  public String warehouseValue(Analysis a) {
    return switch (this) {
      case MRD_STATUS -> a.mrdStatus();
      case MRD_FRACTION -> decimal(a.mrdFraction());
      case CD19_POS_BLAST_FRACTION -> decimal(a.cd19PosBlastFraction());
      case HCD19_CAR_ELIGIBLE -> a.hcd19CarEligible() == null ? null : a.hcd19CarEligible().toString();
    };
  }

  /**
   * A typed value in canonical text.
   *
   * @throws ReviewException 400 saying what this field takes
   */
  public String canonical(String value) {
    if (value == null || value.isBlank()) {
      throw new ReviewException(400, "value is required to override " + column);
    }
    String v = value.strip();
    switch (this) {
      case MRD_STATUS -> {
        try {
          return MrdStatus.valueOf(v.toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
          throw new ReviewException(400, "mrd_status must be POSITIVE, NEGATIVE or INDETERMINATE, not '" + Text.shorten(v) + "'");
        }
      }
      case MRD_FRACTION, CD19_POS_BLAST_FRACTION -> {
        double d;
        try {
          d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
          throw new ReviewException(400, column + " must be a number between 0 and 1, not '" + Text.shorten(v) + "'");
        }
        if (!(d >= 0 && d <= 1)) {
          throw new ReviewException(400, column + " must be a fraction between 0 and 1 (0.0001 = 0.01 %), not " + Text.shorten(v));
        }
        return decimal(d);
      }
      case HCD19_CAR_ELIGIBLE -> {
        String b = v.toLowerCase(Locale.ROOT);
        if (!b.equals("true") && !b.equals("false")) {
          throw new ReviewException(400, "hcd19_car_eligible must be true or false, not '" + Text.shorten(v) + "'");
        }
        return b;
      }
      default -> throw new AssertionError(this);
    }
  }

  private static String decimal(Double d) {
    return d == null ? null : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
