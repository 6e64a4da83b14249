package org.mrdflow.gating.transform;

/**
 * Gating-ML 2.0 section 5.4.3 {@code fasinh}:
 * {@code fasinh(x, T, M, A) = (asinh(x sinh(M ln10) / T) + A ln10) / ((M + A) ln10)}. The common
 * "arcsinh with cofactor k" is this transform with {@code T = k sinh(M ln10)}, A = 0.
 */
public record AsinhTransform(double T, double M, double A) implements Transform {
  private static final double LN10 = Math.log(10);

  public AsinhTransform {
    Transform.requireFinite("fasinh", T, M, A);
    Transform.require(T > 0, "fasinh", "T > 0");
    Transform.require(M > 0, "fasinh", "M > 0");
    Transform.require(A >= 0 && A <= M, "fasinh", "0 <= A <= M");
  }

  /** arcsinh(x / cofactor) rescaled so that T = cofactor sinh(M ln10) maps to 1. */
  public static AsinhTransform withCofactor(double cofactor, double M) {
    return new AsinhTransform(cofactor * Math.sinh(M * LN10), M, 0);
  }

  @Override
  public double apply(double x) {
    return (asinh(x * Math.sinh(M * LN10) / T) + A * LN10) / ((M + A) * LN10);
  }

  @Override
  public double inverse(double y) {
    return T * Math.sinh((M + A) * LN10 * y - A * LN10) / Math.sinh(M * LN10);
  }

  /** Inverse hyperbolic sine, accurate near zero (log1p form) and without overflow for huge z. */
  static double asinh(double z) {
    double abs = Math.abs(z);
    double result;
    if (abs > 1e150) {
      result = Math.log(abs) + Math.log(2);
    } else {
      result = Math.log1p(abs + abs * abs / (1 + Math.sqrt(1 + abs * abs)));
    }
    return Math.copySign(result, z);
  }
}
