package org.mrdflow.models.competing;

import java.util.List;
import org.mrdflow.models.Probabilities;

/**
 * A fitted Fine-Gray subdistribution-hazards model: coefficients, the robust (sandwich)
 * covariance, and the log pseudo-likelihood at the estimate and at zero.
 *
 * @param terms covariate names
 * @param coef coefficients (log subdistribution hazard ratios)
 * @param variance sandwich covariance matrix
 * @param loglik log pseudo-likelihood at the estimate
 * @param loglikNull log pseudo-likelihood at beta = 0
 * @param iterations Newton-Raphson iterations used
 * @param converged whether the iterations met the convergence criterion
 */
public record FineGrayFit(List<String> terms, double[] coef, double[][] variance, double loglik,
    double loglikNull, int iterations, boolean converged) {

  public FineGrayFit {
    terms = List.copyOf(terms);
  }

  /** Robust standard errors. */
  public double[] se() {
    double[] se = new double[coef.length];
    for (int j = 0; j < se.length; j++) {
      se[j] = Math.sqrt(variance[j][j]);
    }
    return se;
  }

  public double[] z() {
    double[] se = se();
    double[] z = new double[coef.length];
    for (int j = 0; j < z.length; j++) {
      z[j] = coef[j] / se[j];
    }
    return z;
  }

  /** Two-sided Wald p-values with the robust SE. */
  public double[] p() {
    double[] z = z();
    double[] p = new double[z.length];
    for (int j = 0; j < p.length; j++) {
      p[j] = Probabilities.normalTwoSided(z[j]);
    }
    return p;
  }

  /** Subdistribution hazard ratios {@code exp(coef)}. */
  public double[] subdistributionHazardRatio() {
    double[] out = new double[coef.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = Math.exp(coef[j]);
    }
    return out;
  }

  /** {@code exp(coef + signedZ se)}: pass -z for the lower and +z for the upper limit. */
  public double[] subdistributionHazardRatioLimit(double signedZ) {
    double[] se = se();
    double[] out = new double[coef.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = Math.exp(coef[j] + signedZ * se[j]);
    }
    return out;
  }
}
