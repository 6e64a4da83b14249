package org.mrdflow.gating.transform;

/**
 * Fast bulk evaluation of a {@link BiexponentialScale} over float data. The magnitude's IEEE-754
 * bit pattern is a piecewise-linear approximation of its logarithm, so shifting it right gives
 * bins of constant relative width (here 64 per octave, about 1.1% wide), and within a bin (one
 * binade) the value is linear in the low 17 bits, which therefore are the interpolation
 * parameter t in [0, 1). Each bin holds the cubic Hermite interpolant in t of the exact scale
 * through its two end points (values and slopes from the Halley solver), whose error for a
 * log-like function is about h^4/384 relative: below 1e-10, far under float resolution. No
 * search and no division: one 32-byte table read and one fused-multiply-add Horner evaluation
 * per value, without branches.
 *
 * <p>Near data zero the scale is evaluated as its tangent, below the largest of {@code T 1e-9},
 * {@code T 1e-10}, ... where the tangent is within 1e-12 of the solver. The search matters for
 * wide scales: the linear region shrinks as {@code T 10^-M}, so with M = 10 a tangent from
 * {@code T 1e-9} was 0.003 off, and wrong by orders of magnitude beyond. When no normal float
 * qualifies (M beyond about 80), the table starts at the smallest normal float and the values
 * below it go to the exact solver, as do those beyond {@code T 2^20} and NaN.
 */
final class FloatLookup {
  private static final int SHIFT = 17;
  private static final int STRIDE = 4;
  private static final int LOW_MASK = (1 << SHIFT) - 1;
  private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);

  private final BiexponentialScale scale;
  private final double x1;
  private final double slopeAtZero;
  private final int smallBits;
  /** Whether values below {@code smallBits} are on the tangent (else: the exact solver). */
  private final boolean tangentBelow;
  private final int topBits;
  /** Per bin: the cubic's coefficients c0..c3 in t. */
  private final double[] bins;

  FloatLookup(BiexponentialScale scale) {
    this.scale = scale;
    this.x1 = scale.x1;
    this.slopeAtZero = 1 / scale.slopeAt(0);
    int step = 1 << SHIFT;
    float linear = linearBelow(scale);
    this.tangentBelow = linear > 0;
    this.smallBits = Float.floatToRawIntBits(tangentBelow ? linear : Float.MIN_NORMAL) & -step;
    // The table ends at T 2^20 or the largest float, whichever is lower (T may exceed the float
    // range; its end point must stay finite for the solver).
    this.topBits = Float.floatToRawIntBits((float) Math.min(Math.scalb(scale.T, 20), Float.MAX_VALUE))
        & -step;
    // No bin when T 2^20 is below the smallest normal float (it rounds to 0): every value is
    // then off the table (tangent or solver); the unsigned shift of a negative difference would
    // have sized the table up to the largest float and beyond, to infinity.
    int binCount = topBits > smallBits ? (topBits - smallBits) >>> SHIFT : 0;
    // At least one bin: the branch-free loop reads bin 0 for every value, also when the tangent
    // and the solver cover all floats (T beyond the float range) and no value is on the table.
    this.bins = new double[Math.max(binCount, 1) * STRIDE];
    double leftX = Float.intBitsToFloat(smallBits);
    double leftU = scale.solve(leftX);
    double leftSlope = 1 / scale.slopeAt(leftU);
    for (int k = 0; k < binCount; k++) {
      double rightX = Float.intBitsToFloat(smallBits + (k + 1) * step);
      double rightU = scale.solve(rightX);
      double rightSlope = 1 / scale.slopeAt(rightU);
      double width = rightX - leftX;
      double m0 = leftSlope * width;
      double m1 = rightSlope * width;
      int o = k * STRIDE;
      bins[o] = leftU;
      bins[o + 1] = m0;
      bins[o + 2] = 3 * (rightU - leftU) - 2 * m0 - m1;
      bins[o + 3] = 2 * (leftU - rightU) + m0 + m1;
      leftX = rightX;
      leftU = rightU;
      leftSlope = rightSlope;
    }
  }

  /**
   * Where the tangent at zero may replace the scale: {@code T 10^-k} for the smallest k >= 9 at
   * which it is within 1e-12 (in scale units) of the solver; zero when no normal float qualifies.
   * With T beyond the float range, the first candidate is the largest float.
   */
  private static float linearBelow(BiexponentialScale scale) {
    double slope = scale.slopeAt(0);
    for (double x = Math.min(scale.T * 1e-9, Float.MAX_VALUE); x >= Float.MIN_NORMAL; x /= 10) {
      float candidate = (float) x;
      if (Math.abs(candidate / slope - scale.solve(candidate)) <= 1e-12) {
        return candidate;
      }
    }
    return 0;
  }

  void apply(float[] in, float[] out, int n) {
    // Fields copied to locals: the JIT then keeps them in registers across the loop.
    double[] table = bins;
    int small = smallBits;
    int top = topBits;
    double zero = x1;
    int outside = 0;
    // Branch-free body; values off the table (tiny, huge, infinite, NaN) read bin 0 here and are
    // redone by the second loop. The bit tricks matter on x86: an int -> double conversion
    // (cvtsi2sd) writes only part of its register, and C2 then chains every iteration to the
    // previous one; a sign test would mispredict half the time on data straddling zero.
    for (int i = 0; i < n; i++) {
      int raw = Float.floatToRawIntBits(in[i]);
      int bits = raw & 0x7fffffff;
      int k = bits - small;
      boolean onTable = k >= 0 & bits < top;
      outside += onTable ? 0 : 1;
      k = onTable ? k : 0;
      int o = (k >>> SHIFT) * STRIDE;
      // t = low bits / 2^17, exactly: they become the mantissa of a double in [1, 2).
      double t = Double.longBitsToDouble(ONE_BITS | (long) (k & LOW_MASK) << (52 - SHIFT)) - 1;
      double u = Math.fma(t, Math.fma(t, Math.fma(t, table[o + 3], table[o + 2]),
          table[o + 1]), table[o]);
      // The scale is odd about x1: the value's sign bit on 1.0 gives the factor +-1.
      double sign = Double.longBitsToDouble(ONE_BITS | (long) (raw & 0x80000000) << 32);
      out[i] = (float) (zero + u * sign);
    }
    if (outside == 0) {
      return;
    }
    for (int i = 0; i < n; i++) {
      float v = in[i];
      int bits = Float.floatToRawIntBits(v) & 0x7fffffff;
      if (bits < small) {
        out[i] = (float) (tangentBelow ? zero + v * slopeAtZero : scale.apply(v));
      } else if (bits >= top) {
        out[i] = (float) scale.apply(v);
      }
    }
  }
}
