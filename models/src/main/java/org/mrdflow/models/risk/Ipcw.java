package org.mrdflow.models.risk;

import java.util.Arrays;

/**
 * Inverse-probability-of-censoring weights for the cumulative incidence of relapse by the horizon
 * (Blanche, Dartigues and Jacqmin-Gadda 2013, Stat Med 32:5381, section 2.3; the weights of
 * riskRegression's {@code Score} with {@code cens.model = "km"}). With G the Kaplan-Meier estimate
 * of the censoring distribution (censoring is the event; a relapse or death censors it and, at a
 * tied time, comes first, so it is no longer at risk of censoring: prodlim's {@code reverse = TRUE},
 * which riskRegression uses):
 *
 * <ul>
 *   <li>relapse or death without relapse at T_i &lt;= horizon: w_i = 1 / G(T_i-);
 *   <li>follow-up past the horizon (T_i &gt; horizon): w_i = 1 / G(horizon);
 *   <li>censored at or before the horizon without an event: w_i = 0 (its weight is carried by the
 *       patients still followed, which is what the division by G does).
 * </ul>
 *
 * The weights make the known-label patients stand for everyone eligible: E[w_i 1{label_i = 1}] is
 * the cumulative incidence of relapse, so weighted means of the known labels are unbiased under
 * censoring independent of the features and outcome (the marginal Kaplan-Meier model of G).
 */
public final class Ipcw {

  private final double[] jumpTimes;
  private final double[] survivalAfter;

  private Ipcw(double[] jumpTimes, double[] survivalAfter) {
    this.jumpTimes = jumpTimes;
    this.survivalAfter = survivalAfter;
  }

  /** The censoring Kaplan-Meier G of the rows' follow-up. */
  public static Ipcw censoringDistribution(RiskData data) {
    int n = data.rows();
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(data.days()[a], data.days()[b]));
    double[] times = new double[n];
    double[] after = new double[n];
    int jumps = 0;
    double g = 1;
    int atRisk = n;
    for (int k = 0; k < n; ) {
      double t = data.days()[order[k]];
      int tied = 0;
      int censored = 0;
      while (k + tied < n && data.days()[order[k + tied]] == t) {
        censored += data.status()[order[k + tied]] == RiskData.CENSORED ? 1 : 0;
        tied++;
      }
      if (censored > 0) {
        // a relapse or death at t comes first and has left the censoring risk set
        g *= 1 - (double) censored / (atRisk - (tied - censored));
        times[jumps] = t;
        after[jumps] = g;
        jumps++;
      }
      atRisk -= tied;
      k += tied;
    }
    return new Ipcw(Arrays.copyOf(times, jumps), Arrays.copyOf(after, jumps));
  }

  /** G(t): probability of remaining uncensored beyond t (right-continuous). */
  public double survival(double t) {
    int k = upperBound(t);
    return k == 0 ? 1 : survivalAfter[k - 1];
  }

  /** G(t-): the left limit, censorings at t not yet counted. */
  public double survivalBefore(double t) {
    int k = upperBound(Math.nextDown(t));
    return k == 0 ? 1 : survivalAfter[k - 1];
  }

  /** Number of jump times <= t. */
  private int upperBound(double t) {
    int lo = 0;
    int hi = jumpTimes.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (jumpTimes[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The weight of each row of {@code data} under this censoring distribution (definitions above). */
  public double[] weights(RiskData data) {
    double[] w = new double[data.rows()];
    double atHorizon = survival(data.horizonDays());
    for (int i = 0; i < w.length; i++) {
      if (data.days()[i] > data.horizonDays()) {
        w[i] = 1 / atHorizon;
      } else if (data.status()[i] != RiskData.CENSORED) {
        w[i] = 1 / survivalBefore(data.days()[i]);
      }
    }
    return w;
  }

  /** Weights of {@code data} from its own censoring distribution. */
  public static double[] weightsOf(RiskData data) {
    return censoringDistribution(data).weights(data);
  }
}
