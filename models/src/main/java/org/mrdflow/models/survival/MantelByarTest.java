package org.mrdflow.models.survival;

import java.util.TreeSet;
import org.mrdflow.models.ChiSquareResult;
import org.mrdflow.models.StatsInputException;

/**
 * The Mantel-Byar test (Mantel &amp; Byar 1974, J Am Stat Assoc 69:81-86) of a binary
 * time-dependent state, e.g. transplanted or not: a log-rank test in which each patient counts in
 * the state he is in at each event time, so the time before a transplant is credited to the
 * untransplanted group. On counting-process rows, the risk set at event time t is the rows with
 * {@code start < t <= stop}, split by the row's current 0/1 value. With n0, n1 at risk and d0, d1
 * events: U = sum (d1 - d n1 / n), V = sum d (n1/n)(n0/n)(n - d)/(n - 1) (0 when n = 1), chi-square
 * U^2 / V on 1 df. It equals the score test of a Cox model of the state with exact ties; with
 * the binomial variance sum d n1 n0 / n^2 it equals Breslow's score test.
 */
public final class MantelByarTest {

  /**
   * The test with its per-event-time table.
   *
   * @param time distinct event times
   * @param n0 rows at risk in state 0 at each time
   * @param n1 rows at risk in state 1
   * @param d0 events in state 0
   * @param d1 events in state 1
   * @param expected1 expected events in state 1, {@code d n1 / n}
   * @param varianceHypergeometric each time's hypergeometric variance
   * @param u observed minus expected events in state 1
   * @param variance the hypergeometric variance of U
   * @param test U^2 / V on 1 df
   * @param varianceBinomial the binomial variance {@code sum d n1 n0 / n^2}
   * @param testBinomial U^2 over the binomial variance
   * @param testContinuity {@code (|U| - 1/2)^2 / V} (zero when |U| &lt; 1/2)
   */
  public record Result(double[] time, int[] n0, int[] n1, int[] d0, int[] d1, double[] expected1,
      double[] varianceHypergeometric, double u, double variance, ChiSquareResult test,
      double varianceBinomial, ChiSquareResult testBinomial, ChiSquareResult testContinuity) {

    /** Observed events in states 0 and 1. */
    public double[] observed() {
      return new double[] {sum(d0), sum(d1)};
    }

    /** Expected events in states 0 and 1. */
    public double[] expected() {
      double e1 = 0;
      for (double e : expected1) {
        e1 += e;
      }
      return new double[] {sum(d0) + sum(d1) - e1, e1};
    }

    /** (O1 / E1) / (O0 / E0). */
    public double observedOverExpectedRatio() {
      double[] o = observed();
      double[] e = expected();
      return (o[1] / e[1]) / (o[0] / e[0]);
    }

    private static double sum(int[] v) {
      double s = 0;
      for (int x : v) {
        s += x;
      }
      return s;
    }
  }

  private MantelByarTest() {}

  /**
   * Runs the test.
   *
   * @param data counting-process (or right-censored) rows; any non-zero status is an event
   * @param state the row's 0/1 state during its interval
   */
  public static Result test(SurvivalData data, double[] state) {
    int n = data.size();
    if (state.length != n) {
      throw new StatsInputException("mantel-byar: " + state.length + " states for " + n + " rows");
    }
    for (int i = 0; i < n; i++) {
      if (state[i] != 0 && state[i] != 1) {
        throw new StatsInputException("mantel-byar: the group of row " + (i + 1)
            + " must be 0 or 1, got " + state[i]);
      }
    }
    double[] stop = data.time();
    TreeSet<Double> times = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      if (data.isEvent(i)) {
        times.add(stop[i]);
      }
    }
    if (times.isEmpty()) {
      throw new StatsInputException("mantel-byar: no events");
    }
    int m = times.size();
    double[] time = new double[m];
    int[] n0 = new int[m];
    int[] n1 = new int[m];
    int[] d0 = new int[m];
    int[] d1 = new int[m];
    double[] expected1 = new double[m];
    double[] varHyp = new double[m];
    double u = 0;
    double v = 0;
    double vBinomial = 0;
    int k = 0;
    for (double t : times) {
      for (int i = 0; i < n; i++) {
        if (!data.atRisk(i, t)) {
          continue;
        }
        boolean dies = data.isEvent(i) && stop[i] == t;
        if (state[i] == 1) {
          n1[k]++;
          d1[k] += dies ? 1 : 0;
        } else {
          n0[k]++;
          d0[k] += dies ? 1 : 0;
        }
      }
      double total = n0[k] + n1[k];
      double deaths = d0[k] + d1[k];
      time[k] = t;
      expected1[k] = deaths * n1[k] / total;
      varHyp[k] = total > 1
          ? deaths * (n1[k] / total) * (n0[k] / total) * (total - deaths) / (total - 1) : 0;
      u += d1[k] - expected1[k];
      v += varHyp[k];
      vBinomial += deaths * n1[k] * n0[k] / (total * total);
      k++;
    }
    double continuity = Math.max(Math.abs(u) - 0.5, 0);
    return new Result(time, n0, n1, d0, d1, expected1, varHyp, u, v,
        ChiSquareResult.of(u * u / v, 1), vBinomial, ChiSquareResult.of(u * u / vBinomial, 1),
        ChiSquareResult.of(continuity * continuity / v, 1));
  }
}
