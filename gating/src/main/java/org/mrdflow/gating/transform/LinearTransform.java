package org.mrdflow.gating.transform;

/**
 * Gating-ML 2.0 section 5.4.1 {@code flin}: {@code flin(x, T, A) = (x + A) / (T + A)}, mapping
 * {@code -A} to 0 and {@code T} to 1.
 */
public record LinearTransform(double T, double A) implements Transform {
  public LinearTransform {
    Transform.requireFinite("flin", T, A);
    Transform.require(T > 0, "flin", "T > 0");
    Transform.require(A >= 0 && A <= T, "flin", "0 <= A <= T");
  }

  @Override
  public double apply(double x) {
    return (x + A) / (T + A);
  }

  @Override
  public double inverse(double y) {
    return y * (T + A) - A;
  }
}
