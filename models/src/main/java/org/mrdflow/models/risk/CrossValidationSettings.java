package org.mrdflow.models.risk;

/**
 * Repeated stratified k-fold cross-validation.
 *
 * @param folds k
 * @param repeats independent repetitions with fresh fold assignments
 * @param seed seed of the fold assignments (the trainers have their own)
 * @param calibrationGroups groups of the binned calibration table
 */
public record CrossValidationSettings(int folds, int repeats, long seed, int calibrationGroups) {

  public CrossValidationSettings {
    if (folds < 2 || repeats < 1 || calibrationGroups < 1) {
      throw new IllegalArgumentException(
          "need folds >= 2, repeats >= 1, calibrationGroups >= 1; got " + folds + ", " + repeats + ", " + calibrationGroups);
    }
  }

  /** 5 folds x 10 repeats, 5 calibration groups (small clinical cohorts). */
  public static CrossValidationSettings defaults(long seed) {
    return new CrossValidationSettings(5, 10, seed, 5);
  }
}
