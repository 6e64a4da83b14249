package org.mrdflow.models;

/**
 * Wald summaries of fitted regression coefficients from their covariance matrix: standard
 * errors, z, two-sided p-values and the exponentiated coefficients (hazard ratios) with their
 * intervals, as R's {@code summary.coxph} and cmprsk's {@code summary.crr} print them.
 *
 * @param coef coefficients (log hazard ratios)
 * @param variance their covariance matrix (model-based or robust)
 */
public record CoefficientTable(double[] coef, double[][] variance) {

  /** Standard errors {@code sqrt(diag(variance))}. */
  public double[] se() {
    double[] se = new double[coef.length];
    for (int j = 0; j < se.length; j++) {
      se[j] = Math.sqrt(variance[j][j]);
    }
    return se;
  }

  /** Wald z = coef / se. */
  public double[] z() {
    double[] se = se();
    double[] z = new double[coef.length];
    for (int j = 0; j < z.length; j++) {
      z[j] = coef[j] / se[j];
    }
    return z;
  }

  /** Two-sided Wald p-values. */
  public double[] p() {
    double[] z = z();
    double[] p = new double[z.length];
    for (int j = 0; j < p.length; j++) {
      p[j] = Probabilities.normalTwoSided(z[j]);
    }
    return p;
  }

  /** Hazard ratios {@code exp(coef)}. */
  public double[] hazardRatio() {
    double[] hr = new double[coef.length];
    for (int j = 0; j < hr.length; j++) {
      hr[j] = Math.exp(coef[j]);
    }
    return hr;
  }

  /** {@code exp(coef + signedZ se)}: pass -z for the lower and +z for the upper limit. */
  public double[] hazardRatioLimit(double signedZ) {
    double[] se = se();
    double[] out = new double[coef.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = Math.exp(coef[j] + signedZ * se[j]);
    }
    return out;
  }
}
