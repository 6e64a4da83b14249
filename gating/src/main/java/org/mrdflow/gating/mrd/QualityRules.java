package org.mrdflow.gating.mrd;

/**
 * The sample-quality checks a NEGATIVE rests on (issue 10, "fail closed"), from the strategy
 * YAML's {@code quality} mapping; {@link #DEFAULTS} are the values of the bundled strategy,
 * whose comments say where each comes from. A check that fails raises a QC flag; when the MRD
 * call would be NEGATIVE it becomes INDETERMINATE with the matching {@link MrdStatusReason}.
 *
 * @param maxTimeQcRemovedFraction most of the acquired events the time QC may remove before the
 *     acquisition is too disturbed for a NEGATIVE ({@link MrdStatusReason#POOR_SAMPLE_QUALITY})
 * @param maxNegativeControlPositiveFraction most of the T/NK cells that may lie above the CD34
 *     or the CD10 positive level (they express neither): more means residual spillover or a
 *     shifted negative level ({@link MrdStatusReason#CALIBRATION_FAILED})
 * @param minProgenitorFraction fewest CD34+ CD10- progenitors, as a fraction of the nucleated
 *     cells that are not blasts, of a marrow that is not mostly blood ({@link
 *     MrdStatusReason#HEMODILUTED})
 * @param minGranulocyteFraction fewest high-SSC cells, as a fraction of the nucleated cells that
 *     are not blasts, of a marrow that was not density-gradient separated (flag only)
 * @param maxMrdForHematogones MRD (blasts / nucleated) from which hematogones are not told
 *     from the clone: B cells % of lymphocytes then counts mature B cells only
 * @param maxUnexplainedCd10BrightFraction most CD10-bright lymphoid cells (brighter than the
 *     neutrophils, in the blast scatter window) not called blasts, as a fraction of the
 *     nucleated cells, that normal B precursors explain: more is a clone the blast rules did
 *     not recognise ({@link MrdStatusReason#BLASTS_NOT_SEPARABLE}; aplasia and hCD19 CAR
 *     eligibility not evaluable, the MRD a lower bound)
 */
public record QualityRules(
    double maxTimeQcRemovedFraction,
    double maxNegativeControlPositiveFraction,
    double minProgenitorFraction,
    double minGranulocyteFraction,
    double maxMrdForHematogones,
    double maxUnexplainedCd10BrightFraction) {

  public static final QualityRules DEFAULTS =
      new QualityRules(0.2, 0.1, 0.0025, 0.25, 0.05, 0.2);

  public QualityRules {
    check("maxTimeQcRemovedFraction", maxTimeQcRemovedFraction);
    check("maxNegativeControlPositiveFraction", maxNegativeControlPositiveFraction);
    check("minProgenitorFraction", minProgenitorFraction);
    check("minGranulocyteFraction", minGranulocyteFraction);
    check("maxMrdForHematogones", maxMrdForHematogones);
    check("maxUnexplainedCd10BrightFraction", maxUnexplainedCd10BrightFraction);
  }

  private static void check(String name, double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException(name + " must be a fraction in [0, 1], got " + fraction);
    }
  }
}
