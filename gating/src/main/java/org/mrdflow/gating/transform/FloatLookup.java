package org.mrdflow.gating.transform;

/**
 * Fast bulk evaluation of a {@link BiexponentialScale} over float data. The magnitude's IEEE-754
 * bit pattern is a piecewise-linear approximation of its logarithm, so shifting it right gives
 * bins of constant relative width (here 64 per octave, about 1.1% wide), and within a bin (one
 * binade) the value is linear in the low 17 bits, which therefore are the interpolation
 * parameter t in [0, 1). Each bin holds the cubic Hermite interpolant in t of the exact scale
 * through its two end points (values and slopes from the Halley solver), whose error for a
 * log-like function is about h^4/384 relative: below 1e-10, far under float resolution. No
 * search and no division: one 32-byte table read and one Horner evaluation per value.
 *
 * <p>Below {@code T 1e-9} the scale is linear to within 1e-15 and is evaluated as such; beyond
 * {@code T 2^20}, and for NaN, the exact solver is used.
 */
final class FloatLookup {
  private static final int SHIFT = 17;
  private static final int STRIDE = 4;
  private static final double T_PER_BIT = 1.0 / (1 << SHIFT);

  private final BiexponentialScale scale;
  private final double x1;
  private final double slopeAtZero;
  private final int smallBits;
  private final int topBits;
  /** Per bin: the cubic's coefficients c0..c3 in t. */
  private final double[] bins;

  FloatLookup(BiexponentialScale scale) {
    this.scale = scale;
    this.x1 = scale.x1;
    this.slopeAtZero = 1 / scale.slopeAt(0);
    int step = 1 << SHIFT;
    this.smallBits = Float.floatToRawIntBits((float) (scale.T * 1e-9)) & -step;
    this.topBits = Float.floatToRawIntBits((float) Math.scalb(scale.T, 20)) & -step;
    int binCount = (topBits - smallBits) >>> SHIFT;
    this.bins = new double[binCount * STRIDE];
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

  void apply(float[] in, float[] out, int n) {
    for (int i = 0; i < n; i++) {
      float v = in[i];
      int bits = Float.floatToRawIntBits(v) & 0x7fffffff;
      if (bits - smallBits >= 0 && bits < topBits) {
        int o = ((bits - smallBits) >>> SHIFT) * STRIDE;
        double t = (bits & ((1 << SHIFT) - 1)) * T_PER_BIT;
        double u = bins[o] + t * (bins[o + 1] + t * (bins[o + 2] + t * bins[o + 3]));
        // copySign instead of a branch: compensated data straddle zero, so a sign branch
        // would mispredict about half the time.
        out[i] = (float) (x1 + Math.copySign(u, v));
      } else if (bits < smallBits) {
        out[i] = (float) (x1 + v * slopeAtZero);
      } else {
        out[i] = (float) scale.apply(v);
      }
    }
  }
}
