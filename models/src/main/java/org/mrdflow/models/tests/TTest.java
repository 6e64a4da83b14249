package org.mrdflow.models.tests;

import org.mrdflow.models.Probabilities;
import org.mrdflow.models.StatsInputException;

/**
 * Two-sided t tests as R's {@code t.test}: Welch's unequal-variance test (R's default), Student's
 * pooled test, the one-sample and the paired test, with the 95% confidence interval of the mean
 * (difference).
 */
public final class TTest {

  /**
   * The result.
   *
   * @param statistic t
   * @param df degrees of freedom (Welch-Satterthwaite for Welch)
   * @param p two-sided p-value
   * @param estimate the mean difference (one-sample/paired: the mean)
   * @param lower lower confidence limit of the estimate
   * @param upper upper confidence limit
   * @param stdErr standard error of the estimate
   */
  public record Result(double statistic, double df, double p, double estimate, double lower,
      double upper, double stdErr) {}

  private TTest() {}

  /** Welch's two-sample test of equal means. */
  public static Result welch(double[] x, double[] y, double confidenceLevel) {
    check(x, 2, "x");
    check(y, 2, "y");
    double vx = variance(x) / x.length;
    double vy = variance(y) / y.length;
    double se = Math.sqrt(vx + vy);
    double df = (vx + vy) * (vx + vy)
        / (vx * vx / (x.length - 1) + vy * vy / (y.length - 1));
    return result(mean(x) - mean(y), se, df, confidenceLevel);
  }

  /** Student's two-sample test with pooled variance. */
  public static Result student(double[] x, double[] y, double confidenceLevel) {
    check(x, 1, "x");
    check(y, 1, "y");
    double df = x.length + y.length - 2.0;
    if (df < 1) {
      throw new StatsInputException("t test: not enough observations");
    }
    double pooled = ((x.length - 1) * variance(x) + (y.length - 1) * variance(y)) / df;
    double se = Math.sqrt(pooled * (1.0 / x.length + 1.0 / y.length));
    return result(mean(x) - mean(y), se, df, confidenceLevel);
  }

  /** One-sample test of mean {@code mu}; the estimate is the sample mean. */
  public static Result oneSample(double[] x, double mu, double confidenceLevel) {
    check(x, 2, "x");
    double se = Math.sqrt(variance(x) / x.length);
    Result centred = result(mean(x) - mu, se, x.length - 1.0, confidenceLevel);
    return new Result(centred.statistic(), centred.df(), centred.p(), mean(x),
        centred.lower() + mu, centred.upper() + mu, se);
  }

  /** Paired test: one-sample test of the differences {@code x - y} against 0. */
  public static Result paired(double[] x, double[] y, double confidenceLevel) {
    if (x.length != y.length) {
      throw new StatsInputException("paired t test: " + x.length + " and " + y.length
          + " observations");
    }
    double[] d = new double[x.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = x[i] - y[i];
    }
    return oneSample(d, 0, confidenceLevel);
  }

  private static Result result(double estimate, double se, double df, double level) {
    double t = estimate / se;
    double q = Probabilities.tQuantile(1 - (1 - level) / 2, df);
    return new Result(t, df, Probabilities.tTwoSided(t, df), estimate, estimate - q * se,
        estimate + q * se, se);
  }

  private static void check(double[] x, int min, String name) {
    if (x.length < min) {
      throw new StatsInputException("t test: not enough '" + name + "' observations ("
          + x.length + ")");
    }
    for (double v : x) {
      if (!Double.isFinite(v)) {
        throw new StatsInputException("t test: '" + name + "' contains a missing value");
      }
    }
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  static double variance(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return s / (x.length - 1);
  }
}
