package org.mrdflow.models.risk;

import java.util.List;

/**
 * Out-of-fold performance of one model.
 *
 * @param model model name
 * @param settings the cross-validation settings
 * @param outOfFold out-of-fold predicted probabilities, [repeat][row]
 * @param aucByRepeat DeLong AUC of each repeat's out-of-fold predictions
 * @param auc mean AUC over repeats
 * @param aucLower lower 95% limit: auc - 1.96 sqrt(mean DeLong variance), clipped to [0, 1].
 *     Averaging over repeats removes fold-assignment noise, not sampling variance, so the mean
 *     per-repeat variance is the variance kept.
 * @param aucUpper upper 95% limit
 * @param brier mean Brier score over repeats
 * @param calibrationSlope mean logistic recalibration slope over repeats (NaN if any is undefined)
 * @param calibrationInTheLarge mean calibration-in-the-large over repeats
 * @param bins binned calibration of all repeats' out-of-fold predictions pooled
 */
public record CrossValidationResult(
    String model,
    CrossValidationSettings settings,
    double[][] outOfFold,
    List<AucEstimate> aucByRepeat,
    double auc,
    double aucLower,
    double aucUpper,
    double brier,
    double calibrationSlope,
    double calibrationInTheLarge,
    List<CalibrationBin> bins) {

  public CrossValidationResult {
    aucByRepeat = List.copyOf(aucByRepeat);
    bins = List.copyOf(bins);
  }
}
