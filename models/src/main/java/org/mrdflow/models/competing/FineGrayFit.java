package org.mrdflow.models.competing;

import java.util.List;
import org.mrdflow.models.CoefficientTable;

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
    return wald().se();
  }

  public double[] z() {
    return wald().z();
  }

  /** Two-sided Wald p-values with the robust SE. */
  public double[] p() {
    return wald().p();
  }

  /** Subdistribution hazard ratios {@code exp(coef)}. */
  public double[] subdistributionHazardRatio() {
    return wald().hazardRatio();
  }

  /** {@code exp(coef + signedZ se)}: pass -z for the lower and +z for the upper limit. */
  public double[] subdistributionHazardRatioLimit(double signedZ) {
    return wald().hazardRatioLimit(signedZ);
  }

  private CoefficientTable wald() {
    return new CoefficientTable(coef, variance);
  }
}
