package org.mrdflow.models.outcomes;

import org.mrdflow.models.cohort.CohortSettings;
import org.mrdflow.models.risk.CrossValidationSettings;
import org.mrdflow.models.risk.RiskSettings;

/**
 * Settings of an outcomes analysis.
 *
 * @param cohort cohort derivation (pre-transplant MRD window)
 * @param risk landmark and horizon of the relapse-risk models
 * @param crossValidation folds, repeats and fold seed
 * @param modelSeed seed of the random forest
 * @param confidenceBands draw confidence limits in the figures
 */
public record OutcomesSettings(
    CohortSettings cohort, RiskSettings risk, CrossValidationSettings crossValidation, long modelSeed,
    boolean confidenceBands) {

  public static OutcomesSettings defaults(long seed) {
    return new OutcomesSettings(
        CohortSettings.defaults(), RiskSettings.defaults(), CrossValidationSettings.defaults(seed), seed, true);
  }
}
