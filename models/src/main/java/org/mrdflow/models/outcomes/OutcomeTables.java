package org.mrdflow.models.outcomes;

/**
 * Rows of the tables {@code mrdflow outcomes} writes (Parquet column = component name in
 * snake_case). {@code analysis} is "infusion" (time from CAR-T infusion, the seed paper's origin),
 * "transplant" (landmark at HSCT, transplanted patients) or "risk" (the relapse-risk models).
 */
public final class OutcomeTables {

  private OutcomeTables() {}

  /** One step of a Kaplan-Meier or cumulative-incidence curve. Counts are null for incidence. */
  public record CurveRow(
      String analysis, String endpoint, String groupLabel, double timeMonths, Integer nRisk, Integer nEvent,
      Integer nCensor, double estimate, double lower, double upper) {}

  /** An estimate at a landmark time (survival or cumulative incidence) with its 95% CI. */
  public record EstimateRow(
      String analysis, String endpoint, String groupLabel, int patients, int events, double months,
      double estimate, double lower, double upper) {}

  /** A hypothesis test between groups. */
  public record TestRow(
      String analysis, String endpoint, String test, String comparison, double statistic, int df, double p) {}

  /** One coefficient of a Cox or Fine-Gray model; ratio = hazard or subdistribution hazard ratio. */
  public record CoefficientRow(
      String analysis, String endpoint, String model, String term, int patients, int events, double coef,
      double se, double ratio, double lower, double upper, double p) {}

  /** Cross-validated performance of a relapse-risk model. */
  public record RiskModelRow(
      String model, int patients, int relapses, int folds, int repeats, long seed, double auc, double aucLower,
      double aucUpper, double brier, double calibrationSlope, double calibrationInTheLarge, double concordance) {}

  /** One group of a model's binned calibration table. */
  public record CalibrationRow(String model, int bin, int patients, double meanPredicted, double observedRate) {}

  /** Patients and events per group. */
  public record GroupRow(
      String analysis, String groupLabel, int patients, int relapses, int nonRelapseDeaths, int deaths) {}
}
