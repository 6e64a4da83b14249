package org.mrdflow.models;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Erf;
import org.hipparchus.special.Gamma;

/**
 * Tail probabilities computed directly from the regularized incomplete gamma and beta functions,
 * so that small p-values keep their relative precision (as R's {@code lower.tail = FALSE}).
 */
public final class Probabilities {

  /** {@code qnorm(0.975)}: the two-sided 95% normal quantile. */
  public static final double Z_975 = 1.959963984540054;

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

  private Probabilities() {}

  /** {@code P(X^2_df >= x)}; NaN for a NaN statistic or df < 1. */
  public static double chiSquareUpperTail(double x, int df) {
    if (Double.isNaN(x) || df < 1) {
      return Double.NaN;
    }
    if (x <= 0) {
      return 1.0;
    }
    return Gamma.regularizedGammaQ(df / 2.0, x / 2.0);
  }

  /** {@code P(Z <= z)} for a standard normal Z, accurate in both tails. */
  public static double normalCdf(double z) {
    if (z < 0) {
      return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }
    return 1 - 0.5 * Erf.erfc(z / Math.sqrt(2));
  }

  /** Two-sided normal p-value {@code 2 P(Z >= |z|)}. */
  public static double normalTwoSided(double z) {
    if (Double.isNaN(z)) {
      return Double.NaN;
    }
    return Erf.erfc(Math.abs(z) / Math.sqrt(2));
  }

  /** Standard normal quantile {@code qnorm(p)}. */
  public static double normalQuantile(double p) {
    return STANDARD_NORMAL.inverseCumulativeProbability(p);
  }

  /** Two-sided Student t p-value {@code 2 P(T_df >= |t|)} via the incomplete beta function. */
  public static double tTwoSided(double t, double df) {
    if (Double.isNaN(t) || !(df > 0)) {
      return Double.NaN;
    }
    return Beta.regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
  }

  /** Student t quantile {@code qt(p, df)}. */
  public static double tQuantile(double p, double df) {
    return new TDistribution(df).inverseCumulativeProbability(p);
  }
}
