package org.mrdflow.gating.gate;

import java.util.Arrays;
import java.util.List;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.events.EventMask;

/**
 * Gating-ML 2.0 section 5.1.1 rectangle gate in n >= 1 dimensions (a range gate when n = 1): an
 * event is inside when {@code min_i <= x_i < max_i} in every dimension. An open bound is
 * {@code -Infinity} / {@code +Infinity}. NaN is never inside.
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
    // For a float v, v >= lo exactly when v >= the smallest float at or above lo, and v < hi
    // exactly when v < the smallest float at or above hi: comparing floats loses nothing.
    float[] lo = new float[n];
    float[] hi = new float[n];
    for (int d = 0; d < n; d++) {
      lo[d] = floatAtOrAbove(min[d]);
      hi[d] = floatAtOrAbove(max[d]);
    }
    long[] words = new long[within.wordCount()];
    for (int w = 0; w < words.length; w++) {
      long parent = within.word(w);
      if (parent == 0) {
        continue;
      }
      int base = w << 6;
      int end = Math.min(64, events - base);
      long word = parent;
      for (int d = 0; d < n && word != 0; d++) {
        float[] values = columns[d];
        float low = lo[d];
        float high = hi[d];
        long inside = 0;
        for (int j = 0; j < end; j++) {
          float v = values[base + j];
          inside |= (v >= low & v < high ? 1L : 0L) << j;
        }
        word &= inside;
      }
      words[w] = word;
    }
    return EventMask.ofWords(words, events);
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
