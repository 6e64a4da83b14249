package org.mrdflow.models.cohort;

/**
 * The MRD call of one sample, as written in the {@code mrd_status} column of {@code mrd_results}
 * (architecture.md, Parquet contract; categories from domain.md section 2).
 */
public enum MrdStatus {
  /** Blasts at or above the LOD and MRD at or above 1e-4. */
  POSITIVE,
  /** No blast cluster at or above the LOD and achieved sensitivity at or below 1e-4. */
  NEGATIVE,
  /** Neither: below 1e-4 but detectable, not quantifiable, or insufficient sensitivity. */
  INDETERMINATE;

  /**
   * Which call stands for several aliquots of one day: POSITIVE (2) over NEGATIVE (1) over
   * INDETERMINATE (0). Leukemia found in any aliquot is found, and one adequately sensitive
   * negative is a valid negative.
   */
  public int sameDayPrecedence() {
    return switch (this) {
      case POSITIVE -> 2;
      case NEGATIVE -> 1;
      case INDETERMINATE -> 0;
    };
  }

  /** Parses the Parquet column value (case-insensitive). */
  public static MrdStatus parse(String value) {
    for (MrdStatus status : values()) {
      if (status.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "mrd_status '" + value + "' is not one of POSITIVE, NEGATIVE, INDETERMINATE");
  }
}
