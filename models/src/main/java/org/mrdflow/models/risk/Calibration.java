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

  /** Computes all measures; {@code groups} bins (fewer when rows are few). */
  public static Calibration of(double[] p, int[] y, int groups) {
    if (p.length != y.length || p.length == 0) {
      throw new IllegalArgumentException("need equal, non-zero numbers of predictions and outcomes");
    }
    double[] logit = new double[p.length];
    double brier = 0;
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] >= 0 && p[i] <= 1)) {
        throw new IllegalArgumentException("prediction " + i + " is not a probability: " + p[i]);
      }
      brier += (p[i] - y[i]) * (p[i] - y[i]);
      double c = Math.min(1 - EPS, Math.max(EPS, p[i]));
      logit[i] = Math.log(c / (1 - c));
    }
    return new Calibration(brier / p.length, slope(logit, y), interceptInTheLarge(logit, y), bins(p, y, groups));
  }

  /** Newton-Raphson for the one-parameter model logit P = a + offset. */
  static double interceptInTheLarge(double[] offset, int[] y) {
    double a = 0;
    for (int iter = 0; iter < 100; iter++) {
      double score = 0;
      double information = 0;
      for (int i = 0; i < y.length; i++) {
        double mu = 1 / (1 + Math.exp(-(a + offset[i])));
        score += y[i] - mu;
        information += mu * (1 - mu);
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
  static double slope(double[] x, int[] y) {
    double a = 0;
    double b = 0;
    for (int iter = 0; iter < 100; iter++) {
      double g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
      for (int i = 0; i < y.length; i++) {
        double mu = 1 / (1 + Math.exp(-(a + b * x[i])));
        double w = mu * (1 - mu);
        g0 += y[i] - mu;
        g1 += (y[i] - mu) * x[i];
        h00 += w;
        h01 += w * x[i];
        h11 += w * x[i] * x[i];
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

  static List<CalibrationBin> bins(double[] p, int[] y, int groups) {
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
      for (int k = from; k < to; k++) {
        predicted += p[order[k]];
        observed += y[order[k]];
      }
      int rows = to - from;
      bins.add(new CalibrationBin(b + 1, rows, predicted / rows, observed / rows));
    }
    return bins;
  }
}
