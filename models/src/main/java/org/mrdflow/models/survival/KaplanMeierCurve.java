package org.mrdflow.models.survival;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fitted Kaplan-Meier curve: one row per distinct follow-up time, censoring-only times included
 * (as R's {@code survfit}). Arrays returned by accessors are copies.
 */
public final class KaplanMeierCurve {

  /** R's tolerance for "the curve equals the level": {@code sqrt(.Machine$double.eps)}. */
  private static final double QUANTILE_TOLERANCE = Math.sqrt(Math.ulp(1.0));

  private final double[] time;
  private final int[] nRisk;
  private final int[] nEvent;
  private final int[] nCensor;
  private final double[] surv;
  private final double[] stdErr;
  private final double[] cumulativeHazard;
  private final double[] stdCumulativeHazard;

  KaplanMeierCurve(double[] time, int[] nRisk, int[] nEvent, int[] nCensor, double[] surv,
      double[] stdErr, double[] cumulativeHazard, double[] stdCumulativeHazard) {
    this.time = time;
    this.nRisk = nRisk;
    this.nEvent = nEvent;
    this.nCensor = nCensor;
    this.surv = surv;
    this.stdErr = stdErr;
    this.cumulativeHazard = cumulativeHazard;
    this.stdCumulativeHazard = stdCumulativeHazard;
  }

  public int size() {
    return time.length;
  }

  public double[] time() {
    return time.clone();
  }

  public int[] nRisk() {
    return nRisk.clone();
  }

  public int[] nEvent() {
    return nEvent.clone();
  }

  public int[] nCensor() {
    return nCensor.clone();
  }

  /** The last follow-up time of the curve (its last event or censoring). */
  public double lastTime() {
    return time[time.length - 1];
  }

  /**
   * Whether the curve is estimable at t: not past the last follow-up. R's
   * {@code summary(fit, times, extend = FALSE)} reports nothing beyond it; reading the last value
   * there would claim survival nobody was followed long enough to show.
   */
  public boolean isEstimableAt(double t) {
    return t <= lastTime();
  }

  /** Survival probability just after each time. */
  public double[] surv() {
    return surv.clone();
  }

  /** Greenwood SE of {@code -log S} (R's {@code survfit()$std.err}); +Inf once S = 0. */
  public double[] stdErr() {
    return stdErr.clone();
  }

  /** Greenwood standard error of S itself ({@code surv * stdErr}; NaN once S = 0). */
  public double[] seSurv() {
    double[] out = new double[time.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = surv[i] * stdErr[i];
    }
    return out;
  }

  /** Nelson-Aalen cumulative hazard {@code sum d/n}. */
  public double[] cumulativeHazard() {
    return cumulativeHazard.clone();
  }

  /** Standard error of the Nelson-Aalen estimate, {@code sqrt(sum d/n^2)}. */
  public double[] stdCumulativeHazard() {
    return stdCumulativeHazard.clone();
  }

  /** Pointwise confidence limits {lower[], upper[]} of the given type and normal quantile z. */
  public double[][] confidenceLimits(ConfidenceType type, double z) {
    double[] lower = new double[time.length];
    double[] upper = new double[time.length];
    for (int i = 0; i < time.length; i++) {
      double[] ci = type.interval(surv[i], stdErr[i], z);
      lower[i] = ci[0];
      upper[i] = ci[1];
    }
    return new double[][] {lower, upper};
  }

  /**
   * The time by which a fraction {@code p} of subjects has had the event (p = 0.5: the median),
   * with confidence limits read off the confidence curves, using R's rule: the first time the
   * curve is at or below {@code 1 - p}; where the curve sits exactly on {@code 1 - p}, the midpoint
   * between that time and the time it next drops.
   */
  public SurvivalQuantile quantile(double p, ConfidenceType type, double z) {
    double[][] ci = confidenceLimits(type, z);
    double level = 1 - p;
    // the lower confidence curve crosses first: it gives the lower limit
    return new SurvivalQuantile(crossing(surv, level), crossing(ci[0], level),
        crossing(ci[1], level));
  }

  /** The median survival time with confidence limits. */
  public SurvivalQuantile median(ConfidenceType type, double z) {
    return quantile(0.5, type, z);
  }

  private double crossing(double[] curve, double level) {
    for (int i = 0; i < curve.length; i++) {
      if (Double.isNaN(curve[i]) || curve[i] > level + QUANTILE_TOLERANCE) {
        continue;
      }
      if (Math.abs(curve[i] - level) < QUANTILE_TOLERANCE) {
        for (int j = i + 1; j < curve.length; j++) {
          if (curve[j] < curve[i] - QUANTILE_TOLERANCE) {
            return (time[i] + time[j]) / 2;
          }
        }
      }
      return time[i];
    }
    return Double.NaN;
  }

  /**
   * Restricted mean survival time up to {@code limit}: the area under the curve from 0, with the
   * standard error sqrt(sum A_j^2 d_j / (n_j (n_j - d_j))), A_j the area beyond event time j
   * (Klein &amp; Moeschberger 2003, sec. 4.5). Returns {mean, se}.
   */
  public double[] restrictedMean(double limit) {
    double area = 0;
    double previous = 0;
    double level = 1;
    for (int i = 0; i < time.length && time[i] <= limit; i++) {
      area += level * (time[i] - previous);
      previous = time[i];
      level = surv[i];
    }
    area += level * Math.max(0, limit - previous);
    double variance = 0;
    double tail = 0;
    double end = limit;
    for (int i = time.length - 1; i >= 0; i--) {
      if (time[i] > limit) {
        continue;
      }
      tail += surv[i] * (end - time[i]);
      end = time[i];
      if (nEvent[i] > 0 && nRisk[i] > nEvent[i]) {
        variance += tail * tail * nEvent[i]
            / ((double) nRisk[i] * (nRisk[i] - nEvent[i]));
      }
    }
    return new double[] {area, Math.sqrt(variance)};
  }

  /**
   * The curve at each requested time (sorted ascending), with events and censorings counted in
   * the interval since the previous requested time, as R's
   * {@code summary(fit, times =, extend = TRUE)}.
   */
  public List<SurvivalAtTime> atTimes(double[] requested, ConfidenceType type, double z) {
    double[] times = requested.clone();
    Arrays.sort(times);
    List<SurvivalAtTime> out = new ArrayList<>();
    int row = -1; // last curve row with time <= current requested time
    for (double t : times) {
      int events = 0;
      int censored = 0;
      while (row + 1 < time.length && time[row + 1] <= t) {
        row++;
        events += nEvent[row];
        censored += nCensor[row];
      }
      int atRisk = row + 1 < time.length ? nRisk[row + 1] : 0;
      if (row >= 0 && time[row] == t) {
        atRisk = nRisk[row];
      }
      double s = row >= 0 ? surv[row] : 1.0;
      double se = row >= 0 ? stdErr[row] : 0.0;
      // before the curve's first time R reports its starting point, S = 1 with limits 1 for
      // every type (at a later row with S = 1 the log-log, logit and arcsin limits are undefined)
      double[] ci = row >= 0 ? type.interval(s, se, z) : new double[] {1, 1};
      out.add(new SurvivalAtTime(t, atRisk, events, censored, s, se, s * se, ci[0], ci[1]));
    }
    return out;
  }
}
