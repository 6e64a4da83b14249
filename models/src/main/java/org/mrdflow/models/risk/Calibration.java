package org.mrdflow.models.risk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Calibration of predicted probabilities (Steyerberg, Clinical Prediction Models, 2nd ed., ch. 15):
 * Brier score, logistic recalibration slope, calibration-in-the-large, and a binned table.
 *
 * @param brier mean squared difference between prediction and outcome
 * @param slope b of logit P(y = 1) = a + b logit(p); 1 is perfect, below 1 means overfitting
 * @param interceptInTheLarge a of logit P(y = 1) = a + logit(p) (slope fixed at 1); 0 is perfect
 * @param bins groups of about equal size by predicted probability
 */
public record Calibration(double brier, double slope, double interceptInTheLarge, List<CalibrationBin> bins) {

  /** Predictions are clipped to [EPS, 1 - EPS] before taking logits. */
  private static final double EPS = 1e-12;

  public Calibration {
    bins = List.copyOf(bins);
  }

  /** Computes all measures, every row weighing 1; {@code groups} bins (fewer when rows are few). */
  public static Calibration of(double[] p, int[] y, int groups) {
    double[] ones = new double[p.length];
    Arrays.fill(ones, 1);
    return of(p, y, ones, groups);
  }

  /**
   * Computes all measures with case weights (the {@link Ipcw} weights of a censored outcome: rows
   * of weight 0 have no known label and drop out). The Brier score is the weighted sum over all n
   * rows divided by n ({@link IpcwMetrics#brier}); slope and intercept maximize the weighted
   * log-likelihood (R: {@code glm(y ~ logit(p), weights = w, family = quasibinomial)}); each bin
   * holds about equally many rows of positive weight and reports weighted means.
   */
  public static Calibration of(double[] p, int[] y, double[] w, int groups) {
    if (p.length != y.length || p.length != w.length || p.length == 0) {
      throw new IllegalArgumentException("need equal, non-zero numbers of predictions, outcomes and weights");
    }
    int known = 0;
    for (double v : w) {
      known += v > 0 ? 1 : 0;
    }
    double[] logit = new double[known];
    double[] pk = new double[known];
    int[] yk = new int[known];
    double[] wk = new double[known];
    for (int i = 0, k = 0; i < p.length; i++) {
      if (!(p[i] >= 0 && p[i] <= 1)) {
        throw new IllegalArgumentException("prediction " + i + " is not a probability: " + p[i]);
      }
      if (w[i] > 0) {
        double c = Math.min(1 - EPS, Math.max(EPS, p[i]));
        logit[k] = Math.log(c / (1 - c));
        pk[k] = p[i];
        yk[k] = y[i];
        wk[k] = w[i];
        k++;
      }
    }
    return new Calibration(IpcwMetrics.brier(p, y, w), slope(logit, yk, wk), interceptInTheLarge(logit, yk, wk),
        bins(pk, yk, wk, groups));
  }

  /** Newton-Raphson for the one-parameter model logit P = a + offset. */
  static double interceptInTheLarge(double[] offset, int[] y, double[] w) {
    double a = 0;
    for (int iter = 0; iter < 100; iter++) {
      double score = 0;
      double information = 0;
      for (int i = 0; i < y.length; i++) {
        double mu = 1 / (1 + Math.exp(-(a + offset[i])));
        score += w[i] * (y[i] - mu);
        information += w[i] * mu * (1 - mu);
      }
      if (information <= 0) {
        return Double.NaN;
      }
      double step = score / information;
      a += step;
      if (Math.abs(step) < 1e-12) {
        return a;
      }
    }
    return Double.isFinite(a) ? a : Double.NaN;
  }

  /** Newton-Raphson for logit P = a + b x; NaN when x is constant or the fit diverges (separation). */
  static double slope(double[] x, int[] y, double[] w) {
    double a = 0;
    double b = 0;
    for (int iter = 0; iter < 100; iter++) {
      double g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
      for (int i = 0; i < y.length; i++) {
        double mu = 1 / (1 + Math.exp(-(a + b * x[i])));
        double v = w[i] * mu * (1 - mu);
        g0 += w[i] * (y[i] - mu);
        g1 += w[i] * (y[i] - mu) * x[i];
        h00 += v;
        h01 += v * x[i];
        h11 += v * x[i] * x[i];
      }
      double det = h00 * h11 - h01 * h01;
      if (!(det > 1e-12 * (1 + h00 * h11))) {
        return Double.NaN;
      }
      double da = (h11 * g0 - h01 * g1) / det;
      double db = (h00 * g1 - h01 * g0) / det;
      a += da;
      b += db;
      if (Math.abs(da) + Math.abs(db) < 1e-10) {
        return b;
      }
    }
    return Double.NaN;
  }

  static List<CalibrationBin> bins(double[] p, int[] y, double[] w, int groups) {
    Integer[] order = new Integer[p.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    int g = Math.max(1, Math.min(groups, p.length));
    List<CalibrationBin> bins = new ArrayList<>(g);
    for (int b = 0; b < g; b++) {
      int from = (int) ((long) b * p.length / g);
      int to = (int) ((long) (b + 1) * p.length / g);
      double predicted = 0;
      double observed = 0;
      double weight = 0;
      for (int k = from; k < to; k++) {
        predicted += w[order[k]] * p[order[k]];
        observed += w[order[k]] * y[order[k]];
        weight += w[order[k]];
      }
      bins.add(new CalibrationBin(b + 1, to - from, predicted / weight, observed / weight));
    }
    return bins;
  }
}
