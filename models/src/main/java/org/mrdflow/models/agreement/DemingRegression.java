package org.mrdflow.models.agreement;

import org.hipparchus.distribution.continuous.TDistribution;
import org.mrdflow.models.StatsInputException;

/**
 * Deming regression of a test method y on a reference x with both measured with error (Linnet
 * 1990, Stat Med 9:1463): with {@code delta = var(error y) / var(error x)} (1 when the methods
 * are equally precise), {@code b = (syy - delta sxx + sqrt((syy - delta sxx)^2 + 4 delta sxy^2))
 * / (2 sxy)} and {@code a = mean(y) - b mean(x)}. Intervals are jackknife (Linnet 1990; the
 * default of R's mcr): {@code se^2 = (n-1)/n sum (theta_(-i) - mean theta_(-i))^2}, estimate
 * +- {@code t(n-2) se}.
 */
public record DemingRegression(int n, double errorVarianceRatio, Interval slope,
    Interval intercept) {

  public static DemingRegression fit(double[] x, double[] y, double errorVarianceRatio,
      double level) {
    int n = x.length;
    if (y.length != n) {
      throw new StatsInputException("Deming regression needs paired values: " + n + " x, "
          + y.length + " y");
    }
    if (n < 3) {
      throw new StatsInputException("Deming regression needs at least 3 pairs, got " + n);
    }
    if (!(errorVarianceRatio > 0)) {
      throw new StatsInputException("Deming error variance ratio must be positive, got "
          + errorVarianceRatio);
    }
    double[] full = fitOnce(x, y, errorVarianceRatio, -1);
    double[] slopes = new double[n];
    double[] intercepts = new double[n];
    for (int i = 0; i < n; i++) {
      double[] leaveOut = fitOnce(x, y, errorVarianceRatio, i);
      intercepts[i] = leaveOut[0];
      slopes[i] = leaveOut[1];
    }
    double t = new TDistribution(n - 2).inverseCumulativeProbability(1 - (1 - level) / 2);
    double slopeSe = jackknifeSe(slopes);
    double interceptSe = jackknifeSe(intercepts);
    return new DemingRegression(n, errorVarianceRatio,
        new Interval(full[1], full[1] - t * slopeSe, full[1] + t * slopeSe, level),
        new Interval(full[0], full[0] - t * interceptSe, full[0] + t * interceptSe, level));
  }

  /** {intercept, slope} without pair {@code skip} (-1: all pairs). */
  private static double[] fitOnce(double[] x, double[] y, double delta, int skip) {
    int m = 0;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      if (i != skip) {
        mx += x[i];
        my += y[i];
        m++;
      }
    }
    mx /= m;
    my /= m;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int i = 0; i < x.length; i++) {
      if (i != skip) {
        double dx = x[i] - mx;
        double dy = y[i] - my;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
      }
    }
    double u = syy - delta * sxx;
    double slope = (u + Math.sqrt(u * u + 4 * delta * sxy * sxy)) / (2 * sxy);
    return new double[] {my - slope * mx, slope};
  }

  private static double jackknifeSe(double[] values) {
    int n = values.length;
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= n;
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt((n - 1.0) / n * squares);
  }
}
