package org.mrdflow.gating.transform;

/**
 * Logicle scale (Parks, Roederer & Moore 2006, Cytometry A 69A:541; Moore & Parks 2012;
 * Gating-ML 2.0 section 5.4.5): {@code logicle(x, T, W, M, A) = root(B(y) - x)} with the
 * biexponential {@code B(y) = a e^(b y) - c e^(-d y) - f}. Data value T maps to 1, data zero to
 * {@code x1 = (W + A) / (M + A)}, and W decades around zero are nearly linear.
 *
 * <p>Written about {@code x1}, with {@code P = a e^(b x1)} and {@code N = c e^(-d x1)}, the
 * logicle conditions (B(x1) = 0 and B''(x1) = 0) give {@code B(x1 + u) = P expm1(b u) - N
 * expm1(-d u)} with {@code N = P b^2 / d^2}; {@code B(1) = T} fixes P. Here {@code b = (M + A)
 * ln 10} and d solves {@code 2 (ln d - ln b) + w (b + d) = 0}, {@code w = W / (M + A)}.
 */
public final class LogicleTransform extends BiexponentialScale {
  private final double b;
  private final double d;
  private final double positive;
  private final double negative;

  public LogicleTransform(double T, double W, double M, double A) {
    super("logicle", T, W, M, A);
    Transform.require(T > 0, "logicle", "T > 0");
    Transform.require(M > 0, "logicle", "M > 0");
    Transform.require(W >= 0 && 2 * W <= M, "logicle", "0 <= W <= M/2");
    Transform.require(-A <= W && A <= M - 2 * W, "logicle", "-W <= A <= M - 2W");
    double w = W / (M + A);
    this.b = (M + A) * Math.log(10);
    this.d = solveD(b, w);
    double span = 1 - x1;
    this.positive = T / (Math.expm1(b * span) - (b * b) / (d * d) * Math.expm1(-d * span));
    this.negative = positive * (b * b) / (d * d);
  }

  /**
   * FlowJo's biexponential ("Biex") settings as a logicle: FlowJo's width basis plays the role of
   * the reference negative data value r of Parks et al. 2006, whose linearisation width is
   * {@code W = (M - log10(T / |r|)) / 2} decades; positive decades are M and extra negative
   * decades are A. W is clamped at 0 (a width basis beyond T 10^-M means no linear region).
   *
   * @param maxValue top of scale T (FlowJo's "maximum value", usually 262144)
   * @param positiveDecades M (FlowJo default 4.5)
   * @param widthBasis FlowJo's width basis, a negative number (e.g. -10, -100)
   * @param extraNegativeDecades A (FlowJo's "negative decades", default 0)
   */
  public static LogicleTransform fromFlowJoBiex(
      double maxValue, double positiveDecades, double widthBasis, double extraNegativeDecades) {
    Transform.require(widthBasis != 0, "FlowJo biex", "width basis != 0");
    double w = (positiveDecades - Math.log10(maxValue / Math.abs(widthBasis))) / 2;
    return new LogicleTransform(maxValue, Math.max(0, w), positiveDecades, extraNegativeDecades);
  }

  /**
   * d of the logicle condition, by Newton's method safeguarded by bisection on (0, b]: the
   * function {@code 2 ln(d / b) + w (b + d)} increases in d, is -inf at 0 and {@code 2wb >= 0}
   * at b.
   */
  private static double solveD(double b, double w) {
    if (w == 0) {
      return b;
    }
    double lo = 0;
    double hi = b;
    double d = b / 2;
    for (int i = 0; i < 200; i++) {
      double f = 2 * Math.log(d / b) + w * (b + d);
      if (f < 0) {
        lo = d;
      } else {
        hi = d;
      }
      double next = d - f / (2 / d + w);
      if (!(next > lo && next < hi)) {
        next = (lo + hi) / 2;
      }
      if (Math.abs(next - d) <= 2 * Math.ulp(d)) {
        return next;
      }
      d = next;
    }
    return d;
  }

  @Override
  double dataAt(double u) {
    return positive * Math.expm1(b * u) - negative * Math.expm1(-d * u);
  }

  @Override
  double slopeAt(double u) {
    return positive * b * Math.exp(b * u) + negative * d * Math.exp(-d * u);
  }

  @Override
  double curvatureAt(double u) {
    return positive * b * b * Math.exp(b * u) - negative * d * d * Math.exp(-d * u);
  }

  @Override
  double logarithmicGuess(double x) {
    return Math.log(x / positive) / b;
  }
}
