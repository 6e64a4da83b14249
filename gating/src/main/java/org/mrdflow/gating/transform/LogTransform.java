package org.mrdflow.gating.transform;

/**
 * Gating-ML 2.0 section 5.4.2 {@code flog}: {@code flog(x, T, M) = (1/M) log10(x / T) + 1},
 * undefined (NaN, so in no gate) for {@code x <= 0}.
 */
public record LogTransform(double T, double M) implements Transform {
  public LogTransform {
    Transform.requireFinite("flog", T, M);
    Transform.require(T > 0, "flog", "T > 0");
    Transform.require(M > 0, "flog", "M > 0");
  }

  @Override
  public double apply(double x) {
    return x > 0 ? Math.log10(x / T) / M + 1 : Double.NaN;
  }

  @Override
  public double inverse(double y) {
    return T * Math.pow(10, M * (y - 1));
  }
}
