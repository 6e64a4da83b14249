package org.mrdflow.gating.gate;

import java.util.Arrays;
import java.util.List;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.events.EventMask;

/**
 * Gating-ML 2.0 section 5.1.2 polygon gate in two dimensions. The polygon is closed implicitly
 * and may be non-simple (self-intersecting); an event is inside when a ray from it crosses the
 * boundary an odd number of times (even-odd rule). That is the rule the compliance suite's
 * non-simple polygon (Polygon3NS) is defined by: where its two loops overlap the winding number
 * is 2 and the truth says "outside". NaN is never inside.
 */
public record PolygonGate(List<Dimension> dimensions, double[] xs, double[] ys)
    implements GeometricGate {

  public PolygonGate {
    dimensions = List.copyOf(dimensions);
    xs = xs.clone();
    ys = ys.clone();
    if (dimensions.size() != 2) {
      throw new GatingException("polygon gate needs 2 dimensions, got " + dimensions.size());
    }
    if (xs.length < 3 || ys.length != xs.length) {
      throw new GatingException(
          "polygon gate needs at least 3 vertices with 2 coordinates each, got " + xs.length);
    }
  }

  @Override
  public double[] xs() {
    return xs.clone();
  }

  @Override
  public double[] ys() {
    return ys.clone();
  }

  @Override
  public EventMask evaluate(float[][] columns, EventMask within) {
    int events = within.size();
    float[] xValues = columns[0];
    float[] yValues = columns[1];
    double minX = Arrays.stream(xs).min().orElseThrow();
    double maxX = Arrays.stream(xs).max().orElseThrow();
    double minY = Arrays.stream(ys).min().orElseThrow();
    double maxY = Arrays.stream(ys).max().orElseThrow();
    // Edge i joins vertex i to the previous vertex; the same terms, in the same order, as
    // inside(), so every event gets the same answer.
    int n = xs.length;
    double[] previousY = new double[n];
    double[] edgeX = new double[n];
    double[] edgeY = new double[n];
    for (int i = 0, j = n - 1; i < n; j = i++) {
      previousY[i] = ys[j];
      edgeX[i] = xs[j] - xs[i];
      edgeY[i] = ys[j] - ys[i];
    }
    double[] blockX = new double[64];
    double[] blockY = new double[64];
    long[] words = new long[within.wordCount()];
    for (int w = 0; w < words.length; w++) {
      long parent = within.word(w);
      if (parent == 0) {
        continue;
      }
      int base = w << 6;
      int end = Math.min(64, events - base);
      // Widened in a loop of their own (vectorised); a float -> double conversion inside the
      // test loop would chain its iterations on x86 (cvtss2sd writes only part of a register).
      for (int j = 0; j < end; j++) {
        blockX[j] = xValues[base + j];
        blockY[j] = yValues[base + j];
      }
      long word = 0;
      for (int j = 0; j < end; j++) {
        double x = blockX[j];
        double y = blockY[j];
        int odd = 0;
        for (int i = 0; i < n; i++) {
          // Only edges spanning y need the division (the slow part).
          if ((ys[i] > y) != (previousY[i] > y)) {
            odd ^= x < edgeX[i] * (y - ys[i]) / edgeY[i] + xs[i] ? 1 : 0;
          }
        }
        boolean inBox = x >= minX & x <= maxX & y >= minY & y <= maxY;
        word |= (long) (inBox ? odd : 0) << j;
      }
      words[w] = word & parent;
    }
    return EventMask.ofWords(words, events);
  }

  /** Even-odd test: does a ray from (x, y) towards +x cross an odd number of edges? */
  boolean inside(double x, double y) {
    boolean inside = false;
    int n = xs.length;
    for (int i = 0, j = n - 1; i < n; j = i++) {
      if ((ys[i] > y) != (ys[j] > y)
          && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
        inside = !inside;
      }
    }
    return inside;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolygonGate other
        && other.dimensions.equals(dimensions)
        && Arrays.equals(other.xs, xs)
        && Arrays.equals(other.ys, ys);
  }

  @Override
  public int hashCode() {
    return 31 * dimensions.hashCode() + 17 * Arrays.hashCode(xs) + Arrays.hashCode(ys);
  }

  @Override
  public String toString() {
    return "PolygonGate" + dimensions.stream().map(Dimension::parameter).toList()
        + " with " + xs.length + " vertices";
  }
}
