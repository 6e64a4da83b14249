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
  public EventMask evaluate(float[][] columns, int events) {
    long[] words = new long[EventMask.wordCount(events)];
    Arrays.fill(words, -1L);
    for (int d = 0; d < min.length; d++) {
      float[] values = columns[d];
      double lo = min[d];
      double hi = max[d];
      for (int w = 0; w < words.length; w++) {
        int base = w << 6;
        int end = Math.min(64, events - base);
        long word = 0;
        for (int j = 0; j < end; j++) {
          double v = values[base + j];
          word |= (v >= lo & v < hi ? 1L : 0L) << j;
        }
        words[w] &= word;
      }
    }
    return EventMask.ofWords(words, events);
  }

  @Override
  public RectangleGate withDimensions(List<Dimension> newDimensions) {
    return new RectangleGate(newDimensions, min, max);
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
