package org.mrdflow.models.timeline;

import java.util.Objects;
import org.mrdflow.models.cohort.MrdMeasurement;

/**
 * A finding on a patient's timeline that a reviewer should see (issue 12; the clinical points of
 * domain.md section 1). Derived by {@link PatientTimelines}, which documents each rule.
 *
 * @param type which finding
 * @param sample the sample that shows it (the first POSITIVE, the first marrow with B cells back,
 *     the first marrow with CD19-negative blasts, the last marrow before HSCT); null only for
 *     {@link Type#MRD_BEFORE_HSCT} when no marrow precedes the transplant
 * @param reference the earlier sample it is compared with (the last NEGATIVE, the last aplastic
 *     marrow, the earlier CD19-positive disease); null for {@link Type#MRD_BEFORE_HSCT}
 * @param early loss of B-cell aplasia only: whether it came within {@value
 *     PatientTimelines#EARLY_LOSS_OF_APLASIA_DAYS} days of the CAR-T infusion; null for the other
 *     flags and when the infusion date is unknown
 * @param description one sentence for a reviewer, with dates and values
 */
public record TimelineFlag(Type type, MrdMeasurement sample, MrdMeasurement reference, Boolean early, String description) {

  public TimelineFlag {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    if (sample == null && type != Type.MRD_BEFORE_HSCT) {
      throw new IllegalArgumentException(type + " needs the sample that shows it");
    }
  }

  /** The four findings; {@link #label()} is the short text drawn at the sample. */
  public enum Type {
    /** A NEGATIVE marrow followed by a POSITIVE one (INDETERMINATE marrows count as neither). */
    MRD_CONVERSION("MRD conversion"),
    /** B-cell aplasia followed by a marrow with normal B cells, after CAR-T and before HSCT. */
    LOSS_OF_B_CELL_APLASIA("loss of B-cell aplasia"),
    /** Blasts that are not CD19-positive after earlier CD19-positive disease. */
    CD19_NEGATIVE_EMERGENCE("CD19-negative blasts"),
    /** The last marrow on or before the HSCT date, with its call. */
    MRD_BEFORE_HSCT("MRD before HSCT");

    private final String label;

    Type(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
