package org.mrdflow.models.cohort;

import java.util.Locale;

/** Sex as recorded in the clinical table. */
public enum Sex {
  MALE,
  FEMALE;

  /** Parses "M", "male", "F", "female" (case-insensitive). */
  public static Sex parse(String value) {
    String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "m", "male" -> MALE;
      case "f", "female" -> FEMALE;
      default -> throw new IllegalArgumentException("sex '" + value + "' is not M/F/male/female");
    };
  }
}
