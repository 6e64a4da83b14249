package org.mrdflow.models.agreement;

import org.hipparchus.distribution.continuous.TDistribution;
import org.mrdflow.models.StatsInputException;

/**
 * Bland-Altman agreement of two methods on the same subjects (Bland & Altman 1986, Lancet
 * i:307; 1999, Stat Methods Med Res 8:135): differences {@code d = test - reference}, bias
 * {@code mean(d)}, limits of agreement {@code bias +- z sd(d)} with z = 1.96 for 95 %, the bias's
 * t interval ({@code se = sd / sqrt(n)}) and each limit's approximate t interval
 * ({@code se = sqrt(3 sd^2 / n)}).
 */
public record BlandAltman(int n, double standardDeviation, Interval bias, Interval lowerLimit,
    Interval upperLimit) {

  /** Limits at mean +- 1.96 SD; intervals at {@code level}. */
  public static BlandAltman fit(double[] reference, double[] test, double level) {
    int n = reference.length;
    if (test.length != n) {
      throw new StatsInputException("Bland-Altman needs paired values: " + n + " reference, "
          + test.length + " test");
    }
    if (n < 3) {
      throw new StatsInputException("Bland-Altman needs at least 3 pairs, got " + n);
    }
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += test[i] - reference[i];
    }
    mean /= n;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      double d = test[i] - reference[i] - mean;
      squares += d * d;
    }
    double sd = Math.sqrt(squares / (n - 1));
    double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
    double biasSe = sd / Math.sqrt(n);
    double limitSe = Math.sqrt(3 * sd * sd / n);
    double lower = mean - 1.96 * sd;
    double upper = mean + 1.96 * sd;
    return new BlandAltman(n, sd,
        new Interval(mean, mean - t * biasSe, mean + t * biasSe, level),
        new Interval(lower, lower - t * limitSe, lower + t * limitSe, level),
        new Interval(upper, upper - t * limitSe, upper + t * limitSe, level));
  }
}
