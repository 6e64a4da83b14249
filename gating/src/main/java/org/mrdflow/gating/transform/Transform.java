package org.mrdflow.gating.transform;

/**
 * A one-dimensional scale transformation of Gating-ML 2.0 (section 5): maps a compensated data
 * value to a display/gating scale value and back. Parameter names follow the standard (T, W, M,
 * A). Implementations are immutable and thread-safe.
 */
public sealed interface Transform
    permits LinearTransform, LogTransform, AsinhTransform, BiexponentialScale {

  /** The scale value of data value {@code x}; NaN where the transform is undefined. */
  double apply(double x);

  /** The data value whose scale value is {@code y}. */
  double inverse(double y);

  /**
   * Transforms {@code n} values of {@code in} into {@code out} (may be the same array). The bulk
   * path is what gating uses; it is accurate to float precision.
   */
  default void apply(float[] in, float[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = (float) apply(in[i]);
    }
  }

  /**
   * Checks that every parameter is a finite number (a YAML or XML value such as 0.5E1024 reads as
   * infinity, which satisfies "T > 0" but leaves the scale undefined).
   */
  static void requireFinite(String transform, double... parameters) {
    for (double parameter : parameters) {
      require(Double.isFinite(parameter), transform, "finite parameters");
    }
  }

  /** Checks a Gating-ML parameter constraint, naming the transform and the rule. */
  static void require(boolean condition, String transform, String rule) {
    if (!condition) {
      throw new IllegalArgumentException(transform + " parameters violate " + rule);
    }
  }
}
