package org.mrdflow.gating.transform;

/**
 * Gating-ML 2.0 section 5.4.6 {@code fratio}: a new dimension computed from two others,
 * {@code fratio(x, y, A, B, C) = A (x - B) / (y - C)}. Division by zero gives an infinity or NaN,
 * which no bounded gate contains.
 */
public record RatioTransform(double A, double B, double C) {
  public double apply(double x, double y) {
    return A * (x - B) / (y - C);
  }

  public void apply(float[] x, float[] y, float[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = (float) apply(x[i], y[i]);
    }
  }
}
