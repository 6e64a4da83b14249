package org.mrdflow.models.competing;

import java.util.Arrays;

/**
 * The Aalen-Johansen cumulative incidence of one cause in one group: the estimate and its
 * variance just after each time the cause occurs, and the group's last follow-up time (beyond
 * which the curve is undefined).
 */
public final class CumulativeIncidenceCurve {

  private final int cause;
  private final double[] jumpTimes;
  private final double[] estimate;
  private final double[] variance;
  private final double lastTime;

  CumulativeIncidenceCurve(int cause, double[] jumpTimes, double[] estimate, double[] variance,
      double lastTime) {
    this.cause = cause;
    this.jumpTimes = jumpTimes;
    this.estimate = estimate;
    this.variance = variance;
    this.lastTime = lastTime;
  }

  public int cause() {
    return cause;
  }

  /** Times at which the cause occurs. */
  public double[] jumpTimes() {
    return jumpTimes.clone();
  }

  /** Cumulative incidence just after each jump time. */
  public double[] estimate() {
    return estimate.clone();
  }

  /** Variance of the estimate just after each jump time (Aalen 1978, as cmprsk). */
  public double[] variance() {
    return variance.clone();
  }

  /** Last follow-up time of the group. */
  public double lastTime() {
    return lastTime;
  }

  /**
   * The step function with both corners of every jump, as {@code cmprsk::cuminc} returns it:
   * starts at (0, 0), then (t, before), (t, after) for each jump, and ends at the last follow-up
   * time. Returns {time[], estimate[], variance[]}.
   */
  public double[][] stepFunction() {
    int m = jumpTimes.length;
    int size = 1 + 2 * m + 1;
    double[] t = new double[size];
    double[] e = new double[size];
    double[] v = new double[size];
    for (int j = 0; j < m; j++) {
      t[1 + 2 * j] = jumpTimes[j];
      t[2 + 2 * j] = jumpTimes[j];
      e[1 + 2 * j] = j == 0 ? 0 : estimate[j - 1];
      v[1 + 2 * j] = j == 0 ? 0 : variance[j - 1];
      e[2 + 2 * j] = estimate[j];
      v[2 + 2 * j] = variance[j];
    }
    t[size - 1] = lastTime;
    e[size - 1] = m == 0 ? 0 : estimate[m - 1];
    v[size - 1] = m == 0 ? 0 : variance[m - 1];
    return new double[][] {t, e, v};
  }

  /**
   * Estimate and variance at each requested time ({@code cmprsk::timepoints}): the value after the
   * last jump at or before the time; NaN past the last follow-up time. Returns {estimate[],
   * variance[]}.
   */
  public double[][] at(double[] times) {
    double[] e = new double[times.length];
    double[] v = new double[times.length];
    for (int k = 0; k < times.length; k++) {
      double t = times[k];
      if (t > lastTime) {
        e[k] = Double.NaN;
        v[k] = Double.NaN;
        continue;
      }
      int j = upperIndex(t);
      e[k] = j < 0 ? 0 : estimate[j];
      v[k] = j < 0 ? 0 : variance[j];
    }
    return new double[][] {e, v};
  }

  private int upperIndex(double t) {
    int j = Arrays.binarySearch(jumpTimes, t);
    return j >= 0 ? j : -j - 2;
  }

  /**
   * Pointwise confidence limits at the requested times. PLAIN: F +/- z se clipped to [0, 1];
   * LOG_LOG: {@code F^exp(+/- z se / (F log F))}, defined for 0 &lt; F &lt; 1 (Choudhury 2002).
   * Returns {lower[], upper[]}.
   */
  public double[][] confidenceLimits(double[] times, boolean logLog, double z) {
    double[][] at = at(times);
    double[] lower = new double[times.length];
    double[] upper = new double[times.length];
    for (int k = 0; k < times.length; k++) {
      double f = at[0][k];
      double se = Math.sqrt(at[1][k]);
      if (!logLog) {
        lower[k] = Math.max(0, f - z * se);
        upper[k] = Math.min(1, f + z * se);
      } else if (f > 0 && f < 1) {
        double s = se / (f * Math.log(f));
        lower[k] = Math.pow(f, Math.exp(-z * s));
        upper[k] = Math.pow(f, Math.exp(z * s));
      } else {
        lower[k] = Double.NaN;
        upper[k] = Double.NaN;
      }
    }
    return new double[][] {lower, upper};
  }
}
