package org.mrdflow.models.risk;

/** Discrimination of a probability or risk score for a binary outcome. */
public final class Discrimination {

  /** Two-sided 95% normal quantile. */
  static final double Z_975 = 1.959963984540054;

  private Discrimination() {}

  /**
   * AUC with DeLong, DeLong and Clarke-Pearson (1988) variance: with placement values V10(i) = mean
   * over controls of psi(case i, control) and V01(j) = mean over cases of psi(case, control j),
   * where psi = 1 if the case scores higher, 1/2 on a tie, 0 otherwise, the AUC is the mean of V10
   * and Var = S10 / m + S01 / n with S10, S01 the sample variances of V10 and V01.
   */
  public static AucEstimate auc(double[] score, int[] label) {
    if (score.length != label.length) {
      throw new IllegalArgumentException("scores and labels differ in length: " + score.length + " vs " + label.length);
    }
    int m = 0;
    for (int y : label) {
      if (y != 0 && y != 1) {
        throw new IllegalArgumentException("labels must be 0 or 1, got " + y);
      }
      m += y;
    }
    int n = label.length - m;
    if (m == 0 || n == 0) {
      throw new IllegalArgumentException("AUC needs cases and controls, got " + m + " cases and " + n + " controls");
    }
    double[] cases = new double[m];
    double[] controls = new double[n];
    for (int i = 0, a = 0, b = 0; i < label.length; i++) {
      if (label[i] == 1) {
        cases[a++] = score[i];
      } else {
        controls[b++] = score[i];
      }
    }
    double[] v10 = new double[m];
    double[] v01 = new double[n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double psi = cases[i] > controls[j] ? 1 : cases[i] == controls[j] ? 0.5 : 0;
        v10[i] += psi;
        v01[j] += psi;
      }
    }
    double auc = 0;
    for (int i = 0; i < m; i++) {
      v10[i] /= n;
      auc += v10[i];
    }
    auc /= m;
    for (int j = 0; j < n; j++) {
      v01[j] /= m;
    }
    double se = Math.sqrt(sampleVariance(v10, auc) / m + sampleVariance(v01, auc) / n);
    return new AucEstimate(
        auc, se, Math.max(0, auc - Z_975 * se), Math.min(1, auc + Z_975 * se), m, n);
  }

  private static double sampleVariance(double[] v, double mean) {
    if (v.length < 2) {
      return Double.NaN;
    }
    double s = 0;
    for (double x : v) {
      s += (x - mean) * (x - mean);
    }
    return s / (v.length - 1);
  }
}
