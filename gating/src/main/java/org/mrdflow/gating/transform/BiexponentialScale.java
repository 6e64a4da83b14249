package org.mrdflow.gating.transform;

import java.util.Objects;

/**
 * Common machinery of the Logicle and Hyperlog scales (Gating-ML 2.0 sections 5.4.4-5.4.5).
 * Both are defined by their inverse, an increasing function of the scale value y that is odd
 * about {@code x1} (the scale value of data zero): {@code inverse(x1 + u) = -inverse(x1 - u)}.
 * The forward transform solves {@code inverse(y) = x} by Halley's method (Moore & Parks 2012,
 * "Update for the logicle data scale", Cytometry A 81A:273).
 *
 * <p>Subclasses express the inverse as a function of {@code u = y - x1 >= 0} with
 * {@code expm1}, which keeps full double precision near data zero without a Taylor series.
 */
public abstract sealed class BiexponentialScale implements Transform
    permits LogicleTransform, HyperlogTransform {
  private static final int MAX_ITERATIONS = 60;
  /**
   * Most decades a scale may span from its bottom to the largest float it is applied to: M + A
   * below T, plus those from T up to {@link Float#MAX_VALUE}. The inverse grows as
   * {@code exp(decades ln 10)} and a double ends near 10^308, so beyond this (with a margin for
   * the iteration's intermediate terms) the scale cannot be evaluated.
   */
  static final double MAX_DECADES = 290;

  final double T;
  final double W;
  final double M;
  final double A;
  /** Scale value of data zero: x2 + w in the standard's notation. */
  final double x1;

  /** The Gating-ML name of the scale, for {@link #toString()}. */
  private final String name;

  private volatile FloatLookup lookup;

  BiexponentialScale(String name, double T, double W, double M, double A) {
    Transform.requireFinite(name, T, W, M, A);
    this.name = name;
    this.T = T;
    this.W = W;
    this.M = M;
    this.A = A;
    this.x1 = (A + W) / (M + A);
    // Checked here, before a subclass sizes its exponentials (which would overflow to 0 or NaN).
    double decades = M + A + Math.max(0, Math.log10(Float.MAX_VALUE / T));
    Transform.require(!(decades > MAX_DECADES), name, "M + A + log10(3.4e38 / T) <= " + (int) MAX_DECADES
        + " (decades from the scale's bottom to the largest float, which a double must hold)");
  }

  /** Top of scale: the data value mapped to 1. */
  public double T() {
    return T;
  }

  /** Width of the (near-)linear region, in decades. */
  public double W() {
    return W;
  }

  /** Number of decades of the logarithmic part at the top of the scale. */
  public double M() {
    return M;
  }

  /** Additional decades of negative data brought on scale. */
  public double A() {
    return A;
  }

  /** Data value at scale value {@code x1 + u}, {@code u >= 0}. */
  abstract double dataAt(double u);

  /** Derivative of {@link #dataAt} with respect to u. */
  abstract double slopeAt(double u);

  /** Second derivative of {@link #dataAt} with respect to u. */
  abstract double curvatureAt(double u);

  /** u at which the purely exponential term alone would reach {@code x}: a start for Halley. */
  abstract double logarithmicGuess(double x);

  @Override
  public final double inverse(double y) {
    double u = y - x1;
    return u >= 0 ? dataAt(u) : -dataAt(-u);
  }

  @Override
  public final double apply(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    if (Double.isInfinite(x)) {
      return x;
    }
    double u = solve(Math.abs(x));
    return x >= 0 ? x1 + u : x1 - u;
  }

  /** The u >= 0 with {@code dataAt(u) = x}, x >= 0, to within a few ulps of {@code x1 + u}. */
  final double solve(double x) {
    if (x == 0) {
      return 0;
    }
    // dataAt is increasing and convex on u >= 0, so the tangent at 0 overshoots the root; the
    // logarithmic guess is close for large x. Start from the smaller of the two.
    double u = Math.min(x / slopeAt(0), Math.max(0, logarithmicGuess(x)));
    for (int i = 0; i < MAX_ITERATIONS; i++) {
      double g = dataAt(u) - x;
      double dg = slopeAt(u);
      double ddg = curvatureAt(u);
      double delta = g / (dg * (1 - g * ddg / (2 * dg * dg)));
      u -= delta;
      if (u < 0) {
        u = 0;
      }
      if (Math.abs(delta) <= 4 * Math.ulp(x1 + u)) {
        return u;
      }
    }
    throw new ArithmeticException(this + " did not converge for x = " + x);
  }

  /**
   * Bulk path: a precomputed piecewise-cubic table indexed by the float's bit pattern (see
   * {@link FloatLookup}), within 1e-9 of {@link #apply(double)} and far below float resolution.
   */
  @Override
  public final void apply(float[] in, float[] out, int n) {
    FloatLookup table = lookup;
    if (table == null) {
      table = new FloatLookup(this);
      lookup = table;
    }
    table.apply(in, out, n);
  }

  /** Scales are equal when they are the same kind with the same parameters. */
  @Override
  public final boolean equals(Object o) {
    return o instanceof BiexponentialScale other && other.getClass() == getClass()
        && other.T == T && other.W == W && other.M == M && other.A == A;
  }

  @Override
  public final int hashCode() {
    return Objects.hash(getClass(), T, W, M, A);
  }

  @Override
  public final String toString() {
    return name + "(T=" + T + ", W=" + W + ", M=" + M + ", A=" + A + ")";
  }
}
