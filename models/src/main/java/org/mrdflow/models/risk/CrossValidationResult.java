package org.mrdflow.models.risk;

import java.util.List;

/**
 * Out-of-fold performance of one model, on every patient eligible at the landmark.
 *
 * @param model model name
 * @param settings the cross-validation settings
 * @param probabilities whether the scores are probabilities (a Cox-type linear predictor is not:
 *     its Brier score and calibration are NaN)
 * @param folds fold of each row in each repeat, [repeat][row]
 * @param outOfFold out-of-fold scores, [repeat][row]
 * @param weights the {@link Ipcw} weight of each row, from the censoring distribution of all rows
 * @param weighted metrics weighted by {@link #weights} (the primary, reported numbers)
 * @param completeCase unweighted metrics of the rows whose label is known (censored-before-horizon
 *     rows left out), for comparison only: they describe a relapse-enriched sample
 */
public record CrossValidationResult(
    String model,
    CrossValidationSettings settings,
    boolean probabilities,
    int[][] folds,
    double[][] outOfFold,
    double[] weights,
    Metrics weighted,
    Metrics completeCase) {

  /**
   * Metrics averaged over repeats.
   *
   * @param aucByRepeat AUC of each repeat's out-of-fold scores
   * @param auc mean AUC over repeats
   * @param aucLower lower 95% limit: auc - 1.96 sqrt(mean per-repeat variance), clipped to [0, 1].
   *     Averaging over repeats removes fold-assignment noise, not sampling variance, so the mean
   *     per-repeat variance is the variance kept.
   * @param aucUpper upper 95% limit
   * @param brier mean Brier score over repeats
   * @param calibrationSlope mean logistic recalibration slope over repeats (NaN if any is undefined)
   * @param calibrationInTheLarge mean calibration-in-the-large over repeats
   * @param bins binned calibration of all repeats' out-of-fold predictions pooled
   */
  public record Metrics(
      List<AucEstimate> aucByRepeat,
      double auc,
      double aucLower,
      double aucUpper,
      double brier,
      double calibrationSlope,
      double calibrationInTheLarge,
      List<CalibrationBin> bins) {

    public Metrics {
      aucByRepeat = List.copyOf(aucByRepeat);
      bins = List.copyOf(bins);
    }
  }
}
