package org.mrdflow.gating.transform;

/**
 * Hyperlog scale (Bagwell 2005, Cytometry A 64A:34; Gating-ML 2.0 section 5.4.4):
 * {@code hyperlog(x, T, W, M, A) = root(EH(y) - x)} with {@code EH(y) = a e^(b y) + c y - f}
 * for y >= x1 and odd about x1 below. Written about x1 with {@code P = a e^(b x1)}:
 * {@code EH(x1 + u) = P expm1(b u) + c u}, where the standard's {@code c = a e^(b x0) / w} is
 * {@code P e^(b w) / w}, {@code b = (M + A) ln 10}, {@code w = W / (M + A)}, and EH(1) = T fixes P.
 */
public final class HyperlogTransform extends BiexponentialScale {
  private final double b;
  private final double positive;
  private final double linear;

  public HyperlogTransform(double T, double W, double M, double A) {
    super("hyperlog", T, W, M, A);
    Transform.require(T > 0, "hyperlog", "T > 0");
    Transform.require(M > 0, "hyperlog", "M > 0");
    Transform.require(W > 0 && 2 * W <= M, "hyperlog", "0 < W <= M/2");
    Transform.require(-A <= W && A <= M - 2 * W, "hyperlog", "-W <= A <= M - 2W");
    double w = W / (M + A);
    this.b = (M + A) * Math.log(10);
    double span = 1 - x1;
    double linearPerPositive = Math.exp(b * w) / w;
    this.positive = T / (Math.expm1(b * span) + linearPerPositive * span);
    this.linear = positive * linearPerPositive;
  }

  @Override
  double dataAt(double u) {
    return positive * Math.expm1(b * u) + linear * u;
  }

  @Override
  double slopeAt(double u) {
    return positive * b * Math.exp(b * u) + linear;
  }

  @Override
  double curvatureAt(double u) {
    return positive * b * b * Math.exp(b * u);
  }

  @Override
  double logarithmicGuess(double x) {
    return Math.log(x / positive) / b;
  }
}
