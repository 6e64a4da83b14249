package org.mrdflow.models.agreement;

import java.util.Arrays;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.mrdflow.models.StatsInputException;

/**
 * Passing-Bablok regression of a test method y on a reference x (Passing & Bablok 1983, J Clin
 * Chem Clin Biochem 21:709): the slope is the median of all pairwise slopes, shifted by K, the
 * number of slopes below -1 (pairs with equal x and y are skipped, slopes of exactly -1 left
 * out, equal x gives +-infinity); its interval takes the ranks {@code M1 = round((N - C)/2)} and
 * {@code M2 = N - M1 + 1} (plus K) with {@code C = z sqrt(n (n-1)(2n+5) / 18)}. The intercept is
 * {@code median(y - b x)}, its bounds the same with the slope's bounds. With few pairs a rank
 * falls outside the slopes (n = 5 gives M1 = 1, beyond the ends once shifted by K): that bound is
 * NaN, as R's indexing gives NA, rather than an end slope passed off as a confidence bound. With
 * every pair the same point no slope is defined: estimate and bounds are NaN.
 */
public record PassingBablok(int n, Interval slope, Interval intercept) {

  public static PassingBablok fit(double[] x, double[] y, double level) {
    int n = x.length;
    if (y.length != n) {
      throw new StatsInputException("Passing-Bablok needs paired values: " + n + " x, "
          + y.length + " y");
    }
    if (n < 3) {
      throw new StatsInputException("Passing-Bablok needs at least 3 pairs, got " + n);
    }
    double[] slopes = new double[n * (n - 1) / 2];
    int count = 0;
    int below = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double dx = x[j] - x[i];
        double dy = y[j] - y[i];
        if (dx == 0 && dy == 0) {
          continue;
        }
        double s = dx == 0 ? (dy > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY)
            : dy / dx;
        if (s == -1) {
          continue;
        }
        if (s < -1) {
          below++;
        }
        slopes[count++] = s;
      }
    }
    if (count == 0) {
      Interval undefined = new Interval(Double.NaN, Double.NaN, Double.NaN, level);
      return new PassingBablok(n, undefined, undefined);
    }
    double[] sorted = Arrays.copyOf(slopes, count);
    Arrays.sort(sorted);
    int k = below;
    double b = count % 2 == 1
        ? rank(sorted, (count + 1) / 2 + k)
        : 0.5 * (rank(sorted, count / 2 + k) + rank(sorted, count / 2 + 1 + k));
    double z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - level) / 2);
    double c = z * Math.sqrt(n * (n - 1.0) * (2.0 * n + 5) / 18);
    int m1 = (int) Math.rint((count - c) / 2);
    int m2 = count - m1 + 1;
    double lower = rank(sorted, m1 + k);
    double upper = rank(sorted, m2 + k);
    // Which slope bound gives the lower intercept depends on the sign of x.
    double a1 = medianOfResiduals(x, y, upper);
    double a2 = medianOfResiduals(x, y, lower);
    return new PassingBablok(n, new Interval(b, lower, upper, level),
        new Interval(medianOfResiduals(x, y, b), Math.min(a1, a2), Math.max(a1, a2), level));
  }

  /** The 1-based rank r of sorted values; NaN outside them (too few pairs for that rank). */
  private static double rank(double[] sorted, int r) {
    return r < 1 || r > sorted.length ? Double.NaN : sorted[r - 1];
  }

  private static double medianOfResiduals(double[] x, double[] y, double slope) {
    double[] residuals = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      residuals[i] = y[i] - slope * x[i];
    }
    Arrays.sort(residuals);
    int n = residuals.length;
    return n % 2 == 1 ? residuals[n / 2] : 0.5 * (residuals[n / 2 - 1] + residuals[n / 2]);
  }
}
