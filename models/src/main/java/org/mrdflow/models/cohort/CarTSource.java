package org.mrdflow.models.cohort;

import java.util.Locale;

/** Origin of the CAR-T cells (paper 002, Table 1). */
public enum CarTSource {
  AUTOLOGOUS,
  RECIPIENT_DERIVED_ALLOGENEIC,
  DONOR_DERIVED_ALLOGENEIC,
  THIRD_PARTY;

  /** Parses the enum name, case-insensitive, with '-' or ' ' accepted for '_'. */
  public static CarTSource parse(String value) {
    String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (CarTSource source : values()) {
      if (source.name().equals(v.replace(' ', '_'))) {
        return source;
      }
    }
    throw new IllegalArgumentException(
        "car_t_source '" + value + "' is not one of AUTOLOGOUS, RECIPIENT_DERIVED_ALLOGENEIC,"
            + " DONOR_DERIVED_ALLOGENEIC, THIRD_PARTY");
  }
}
