package org.mrdflow.models.risk;

/**
 * Time-dependent discrimination and prediction error of a score for the cumulative incidence of
 * relapse by the horizon, weighted by {@link Ipcw} (Uno et al. 2007; Blanche et al. 2013, AUC with
 * controls "definition 2": everyone without a relapse by the horizon, competing deaths included).
 * Rows censored before the horizon carry weight 0 and still count in the Brier score's n, as in
 * riskRegression's {@code Score}.
 */
public final class IpcwMetrics {

  private IpcwMetrics() {}

  /**
   * Weighted AUC: sum over case i, control j of w_i w_j psi(s_i, s_j) / (sum_i w_i * sum_j w_j),
   * psi = 1 if the case scores higher, 1/2 on a tie. Its standard error treats the weights as
   * known (riskRegression's {@code conservative = TRUE}): the AUC is a ratio a / (b c) of means over
   * all n rows, and its influence function is
   * IF_k = (h1_k + h2_k - 2a) / (bc) - AUC ((w_k case_k - b) / b + (w_k control_k - c) / c), with
   * h1_k = w_k case_k mean_j(w_j control_j psi(s_k, s_j)), h2_k = w_k control_k mean_i(w_i case_i
   * psi(s_i, s_k)); SE = sd(IF) / sqrt(n) with the n - 1 sample SD, as riskRegression reports it.
   */
  public static AucEstimate auc(double[] score, int[] label, double[] weight) {
    int n = check(score, label, weight);
    int cases = 0;
    int controls = 0;
    double b = 0;
    double c = 0;
    for (int k = 0; k < n; k++) {
      if (label[k] == 1) {
        cases++;
        b += weight[k];
      } else if (label[k] == 0) {
        controls++;
        c += weight[k];
      }
    }
    if (cases == 0 || controls == 0) {
      throw new IllegalArgumentException("AUC needs cases and controls, got " + cases + " cases and " + controls + " controls");
    }
    b /= n;
    c /= n;
    double[] h1 = new double[n];
    double[] h2 = new double[n];
    double a = 0;
    for (int i = 0; i < n; i++) {
      if (label[i] != 1) {
        continue;
      }
      for (int j = 0; j < n; j++) {
        if (label[j] != 0) {
          continue;
        }
        double psi = score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
        double h = weight[i] * weight[j] * psi;
        h1[i] += h;
        h2[j] += h;
        a += h;
      }
    }
    a /= (double) n * n;
    double auc = a / (b * c);
    double[] influence = new double[n];
    double mean = 0;
    for (int k = 0; k < n; k++) {
      double caseK = label[k] == 1 ? weight[k] : 0;
      double controlK = label[k] == 0 ? weight[k] : 0;
      influence[k] = ((h1[k] + h2[k]) / n - 2 * a) / (b * c) - auc * ((caseK - b) / b + (controlK - c) / c);
      mean += influence[k] / n;
    }
    double sum = 0;
    for (double f : influence) {
      sum += (f - mean) * (f - mean);
    }
    double se = Math.sqrt(sum / (n - 1) / n);
    return new AucEstimate(auc, se, Math.max(0, auc - Discrimination.Z_975 * se),
        Math.min(1, auc + Discrimination.Z_975 * se), cases, controls);
  }

  /** Weighted Brier score: sum_i w_i (label_i - p_i)^2 / n over all n rows (weight 0 for unknown labels). */
  public static double brier(double[] p, int[] label, double[] weight) {
    int n = check(p, label, weight);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (weight[i] > 0) {
        sum += weight[i] * (label[i] - p[i]) * (label[i] - p[i]);
      }
    }
    return sum / n;
  }

  private static int check(double[] score, int[] label, double[] weight) {
    if (score.length != label.length || weight.length != label.length) {
      throw new IllegalArgumentException("scores, labels and weights differ in length");
    }
    for (int i = 0; i < label.length; i++) {
      if (weight[i] > 0 && label[i] != 0 && label[i] != 1) {
        throw new IllegalArgumentException("row " + (i + 1) + " has weight " + weight[i] + " but no 0/1 label");
      }
      if (!(weight[i] >= 0) || Double.isInfinite(weight[i])) {
        throw new IllegalArgumentException("row " + (i + 1) + ": weight must be finite and >= 0, got " + weight[i]);
      }
    }
    return label.length;
  }
}
