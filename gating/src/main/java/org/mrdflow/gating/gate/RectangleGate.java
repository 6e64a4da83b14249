package org.mrdflow.gating.gate;

import java.util.Arrays;
import java.util.List;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.events.EventMask;

/**
 * Gating-ML 2.0 section 5.1.1 rectangle gate in n >= 1 dimensions (a range gate when n = 1): an
 * event is inside when {@code min_i <= x_i < max_i} in every dimension. An absent (open) bound is
 * {@code min = -Infinity} / {@code max = +Infinity} and is not tested at all, as in the standard
 * (so an infinite value passes its open side). NaN fails every bound that is tested.
 */
public record RectangleGate(List<Dimension> dimensions, double[] min, double[] max)
    implements GeometricGate {

  public RectangleGate {
    dimensions = List.copyOf(dimensions);
    min = min.clone();
    max = max.clone();
    if (dimensions.isEmpty() || min.length != dimensions.size() || max.length != min.length) {
      throw new GatingException(
          "rectangle gate needs one min and one max per dimension, got " + dimensions.size()
              + " dimensions, " + min.length + " mins and " + max.length + " maxes");
    }
    for (int d = 0; d < min.length; d++) {
      if (Double.isNaN(min[d]) || Double.isNaN(max[d])) {
        throw new GatingException("rectangle gate bound of " + dimensions.get(d).parameter()
            + " is not a number");
      }
    }
  }

  @Override
  public double[] min() {
    return min.clone();
  }

  @Override
  public double[] max() {
    return max.clone();
  }

  @Override
  public EventMask evaluate(float[][] columns, EventMask within) {
    int events = within.size();
    int n = min.length;
    // Each tested dimension becomes an inclusive range [low, low + span] of order keys (see
    // orderKey); open sides take the keys of the infinities, so NaN, whose keys lie beyond
    // both, fails as soon as one side is tested. A dimension open on both sides is skipped.
    float[][] tested = new float[n][];
    int[] lows = new int[n];
    long[] spans = new long[n];
    int count = 0;
    for (int d = 0; d < n; d++) {
      boolean testLow = min[d] != Double.NEGATIVE_INFINITY;
      boolean testHigh = max[d] != Double.POSITIVE_INFINITY;
      if (!testLow && !testHigh) {
        continue;
      }
      // For a float v, v >= lo exactly when v >= the smallest float at or above lo, and v < hi
      // exactly when v < the smallest float at or above hi: comparing floats loses nothing.
      int low = testLow ? zeroAwareKey(floatAtOrAbove(min[d])) : orderKey(Float.NEGATIVE_INFINITY);
      long high = testHigh
          ? zeroAwareKey(floatAtOrAbove(max[d])) - 1L
          : orderKey(Float.POSITIVE_INFINITY);
      tested[count] = columns[d];
      lows[count] = low;
      spans[count] = high - low;
      count++;
    }
    long[] words = new long[within.wordCount()];
    for (int w = 0; w < words.length; w++) {
      long word = within.word(w);
      int base = w << 6;
      int end = Math.min(64, events - base);
      for (int d = 0; d < count && word != 0; d++) {
        word &= inside(tested[d], base, end, lows[d], spans[d]);
      }
      words[w] = word;
    }
    return EventMask.ofWords(words, events);
  }

  /**
   * Bit j set when the key of value {@code base + j} is in [low, low + span]. Integer arithmetic
   * only: the JIT turns float comparisons into branches, which random data mispredict.
   */
  private static long inside(float[] values, int base, int end, int low, long span) {
    long inside = 0;
    for (int j = 0; j < end; j++) {
      int bits = Float.floatToRawIntBits(values[base + j]);
      // key - low as an unsigned 32-bit number: keys below low wrap to beyond any span.
      long offset = (bits ^ (bits >> 31 & 0x7fffffff)) - low & 0xffffffffL;
      inside |= (offset - span - 1) >>> 63 << j;
    }
    return inside;
  }

  /**
   * An int that orders non-NaN floats as they compare (-0 just below +0): the bits, with the
   * magnitude bits of negative values flipped. NaNs lie above +Infinity or below -Infinity.
   */
  private static int orderKey(float f) {
    int bits = Float.floatToRawIntBits(f);
    return bits ^ (bits >> 31 & 0x7fffffff);
  }

  /** orderKey, with both zeros at -0's key: -0 >= +0 and -0 < +0 is false, as for floats. */
  private static int zeroAwareKey(float bound) {
    return orderKey(bound == 0 ? -0f : bound);
  }

  /** The smallest float not below {@code bound} (infinities map to themselves). */
  static float floatAtOrAbove(double bound) {
    float f = (float) bound;
    return f < bound ? Math.nextUp(f) : f;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RectangleGate other
        && other.dimensions.equals(dimensions)
        && Arrays.equals(other.min, min)
        && Arrays.equals(other.max, max);
  }

  @Override
  public int hashCode() {
    return 31 * dimensions.hashCode() + 17 * Arrays.hashCode(min) + Arrays.hashCode(max);
  }

  @Override
  public String toString() {
    return "RectangleGate" + dimensions.stream().map(Dimension::parameter).toList()
        + " min=" + Arrays.toString(min) + " max=" + Arrays.toString(max);
  }
}
