package org.mrdflow.models.agreement;

import org.hipparchus.distribution.continuous.BetaDistribution;
import org.mrdflow.models.StatsInputException;

/**
 * Exact (Clopper & Pearson 1934) confidence interval of a binomial proportion: the bounds are
 * beta quantiles, {@code B(a/2; k, n-k+1)} and {@code B(1-a/2; k+1, n-k)}, with 0 and 1 at k = 0
 * and k = n (R's {@code binom.test}).
 */
public final class ClopperPearson {
  private ClopperPearson() {}

  /** k successes of n; NaN estimate and bounds when n = 0 (nothing to agree on). */
  public static Interval interval(long k, long n, double level) {
    if (k < 0 || n < 0 || k > n) {
      throw new StatsInputException("proportion needs 0 <= k <= n, got k=" + k + ", n=" + n);
    }
    if (!(level > 0 && level < 1)) {
      throw new StatsInputException("confidence level must be in (0, 1), got " + level);
    }
    if (n == 0) {
      return new Interval(Double.NaN, Double.NaN, Double.NaN, level);
    }
    double alpha = 1 - level;
    double lower = k == 0 ? 0 : new BetaDistribution(k, n - k + 1.0)
        .inverseCumulativeProbability(alpha / 2);
    double upper = k == n ? 1 : new BetaDistribution(k + 1.0, n - k)
        .inverseCumulativeProbability(1 - alpha / 2);
    return new Interval((double) k / n, lower, upper, level);
  }
}
