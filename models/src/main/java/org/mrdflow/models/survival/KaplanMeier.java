package org.mrdflow.models.survival;

import java.util.Arrays;

/**
 * The Kaplan-Meier product-limit estimator (Kaplan &amp; Meier 1958) with Greenwood's variance and
 * the Nelson-Aalen cumulative hazard, matching R's {@code survfit(Surv(time, status) ~ 1)}.
 * At a tied time, events are counted before censorings (a subject censored at t is at risk at t).
 *
 * <p>On counting-process data (R's {@code survfit(Surv(start, stop, event) ~ 1)}) the risk set at
 * t is the rows with {@code start < t <= stop}, so a patient who enters a group late (delayed
 * entry, e.g. on the day of a transplant) is counted from then on: with the group defined by a
 * time-dependent covariate this is the Simon-Makuch (1984) estimator. The curve lists the distinct
 * stop times (entry times are not listed); a row that ends without an event counts as a
 * censoring, whether the patient was censored, switched group or the row was split.
 */
public final class KaplanMeier {

  private KaplanMeier() {}

  /** Fits the curve; any non-zero status is an event. */
  public static KaplanMeierCurve fit(SurvivalData data) {
    int n = data.size();
    int[] order = data.orderByTime();
    double[] t = data.time();
    double[] entries = data.isCountingProcess() ? data.start() : new double[0];
    Arrays.sort(entries);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || t[order[i]] != t[order[i - 1]]) {
        distinct++;
      }
    }
    double[] time = new double[distinct];
    int[] nRisk = new int[distinct];
    int[] nEvent = new int[distinct];
    int[] nCensor = new int[distinct];
    double[] surv = new double[distinct];
    double[] stdErr = new double[distinct];
    double[] cumhaz = new double[distinct];
    double[] stdChaz = new double[distinct];
    double s = 1;
    double greenwood = 0;
    double hazard = 0;
    double hazardVariance = 0;
    int row = -1;
    for (int i = 0; i < n; i++) {
      int subject = order[i];
      if (i == 0 || t[subject] != t[order[i - 1]]) {
        row++;
        time[row] = t[subject];
        // rows ending at or after t, minus those that have not entered yet (start >= t)
        nRisk[row] = n - i - (entries.length - countBelow(entries, t[subject]));
      }
      if (data.isEvent(subject)) {
        nEvent[row]++;
      } else {
        nCensor[row]++;
      }
      boolean lastOfTime = i == n - 1 || t[order[i + 1]] != t[subject];
      if (lastOfTime) {
        double d = nEvent[row];
        double r = nRisk[row];
        if (d > 0) {
          s *= 1 - d / r;
          // Greenwood (1926): Var(-log S) = sum d / (n (n - d)); infinite once S = 0.
          greenwood += r > d ? d / (r * (r - d)) : Double.POSITIVE_INFINITY;
          hazard += d / r;
          hazardVariance += d / (r * r);
        }
        surv[row] = s;
        stdErr[row] = Math.sqrt(greenwood);
        cumhaz[row] = hazard;
        stdChaz[row] = Math.sqrt(hazardVariance);
      }
    }
    return new KaplanMeierCurve(time, nRisk, nEvent, nCensor, surv, stdErr, cumhaz, stdChaz);
  }

  /** Number of sorted values strictly below t. */
  private static int countBelow(double[] sorted, double t) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Reverse Kaplan-Meier (Schemper &amp; Smith 1996): the curve of time to censoring, censoring
   * being the "event" and any event a censoring. Its median is the median potential follow-up.
   */
  public static KaplanMeierCurve reverse(SurvivalData data) {
    return fit(data.reversed());
  }
}
