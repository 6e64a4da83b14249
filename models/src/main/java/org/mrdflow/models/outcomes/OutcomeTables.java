package org.mrdflow.models.outcomes;

/**
 * Rows of the tables {@code mrdflow outcomes} writes (Parquet column = component name in
 * snake_case). {@code analysis} is "infusion" (time from CAR-T infusion by pre-HSCT group, the seed
 * paper's comparison, subject to immortal-time bias), "transplant" (landmark at HSCT, transplanted
 * patients), "time-dependent" (transplant and MRD as time-dependent covariates), "simon-makuch",
 * "landmark 90d" / "landmark 180d" (by transplant at the landmark), "naive (biased)" (ever
 * transplanted, for contrast) or "risk" (the relapse-risk models).
 */
public final class OutcomeTables {

  private OutcomeTables() {}

  /** One step of a Kaplan-Meier or cumulative-incidence curve. Counts are null for incidence. */
  public record CurveRow(
      String analysis, String endpoint, String groupLabel, double timeMonths, Integer nRisk, Integer nEvent,
      Integer nCensor, double estimate, double lower, double upper) {}

  /**
   * An estimate at a landmark time (survival or cumulative incidence) with its 95% CI; NaN (null in
   * Parquet) past the group's last follow-up ({@code followUpMonths}), where it is not estimable.
   */
  public record EstimateRow(
      String analysis, String endpoint, String groupLabel, int patients, int events, double months,
      double estimate, double lower, double upper, double followUpMonths) {}

  /** A hypothesis test between groups. */
  public record TestRow(
      String analysis, String endpoint, String test, String comparison, double statistic, int df, double p) {}

  /** One coefficient of a Cox or Fine-Gray model; ratio = hazard or subdistribution hazard ratio. */
  public record CoefficientRow(
      String analysis, String endpoint, String model, String term, int patients, int events, double coef,
      double se, double ratio, double lower, double upper, double p) {}

  /**
   * Cross-validated performance of a relapse-risk model on every patient eligible at the landmark.
   * The unprefixed metrics are weighted by the inverse probability of censoring (IPCW, time-dependent
   * AUC and Brier score of the cumulative incidence of relapse by the horizon); the
   * {@code complete_case_*} ones are unweighted on the {@code complete_case_patients} whose status at
   * the horizon is known, for comparison only.
   *
   * @param patients eligible at the landmark, all of them scored
   * @param relapses relapses at or before the horizon (cases)
   * @param controls no relapse by the horizon: followed past it, or a competing death
   * @param competingDeaths deaths without relapse at or before the horizon (controls)
   * @param censoredBeforeHorizon censored at or before the horizon without an event (weight 0)
   * @param concordance Harrell's C against the time to relapse, competing deaths never relapsing
   */
  public record RiskModelRow(
      String model, int patients, int relapses, int folds, int repeats, long seed, double auc, double aucLower,
      double aucUpper, double brier, double calibrationSlope, double calibrationInTheLarge, double concordance,
      int controls, int competingDeaths, int censoredBeforeHorizon, int completeCasePatients, double completeCaseAuc,
      double completeCaseAucLower, double completeCaseAucUpper, double completeCaseBrier,
      double completeCaseCalibrationSlope, double completeCaseCalibrationInTheLarge) {}

  /**
   * One group of a model's binned calibration table: weighted ("ipcw") or "complete_case" means of
   * the patients with a known status in the group.
   */
  public record CalibrationRow(
      String model, int bin, int patients, double meanPredicted, double observedRate, String weighting) {}

  /**
   * One out-of-fold prediction: every reported risk-model metric is recomputable from these rows.
   *
   * @param repeat 1-based cross-validation repeat
   * @param fold 1-based fold that held the patient out
   * @param predictedProbability a classifier's probability of relapse by the horizon (null for a
   *     linear predictor)
   * @param linearPredictor the comparator's score (null for a classifier)
   * @param label 1 relapse by the horizon, 0 none (competing death included), null censored before it
   * @param days days from the landmark to relapse, death or censoring
   * @param status 0 censored, 1 relapse, 2 death without relapse
   * @param ipcwWeight the evaluation weight (0 for a censored-before-horizon patient)
   */
  public record OutOfFoldRow(
      String patientKey, int repeat, int fold, String model, Double predictedProbability, Double linearPredictor,
      Integer label, double days, int status, double ipcwWeight) {}

  /** Patients and events per group. */
  public record GroupRow(
      String analysis, String groupLabel, int patients, int relapses, int nonRelapseDeaths, int deaths) {}
}
