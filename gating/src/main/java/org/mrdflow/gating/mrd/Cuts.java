package org.mrdflow.gating.mrd;

import java.util.ArrayList;
import java.util.List;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.PolygonGate;
import org.mrdflow.gating.gate.RectangleGate;
import org.mrdflow.gating.gate.Region;

/**
 * The MRD cuts as geometry. A cut is measured as a threshold on some function of an event's
 * float value (the value itself, its log10, a z-score); each is stated here as a range of the
 * dimension's own values whose bounds are the floats where that comparison changes, found
 * exactly (the function is monotone, so a binary search over the floats' order finds the first
 * float that passes). The range therefore selects exactly the events the comparison would,
 * for every finite value, and it is what the engine applies, exports and draws.
 */
final class Cuts {
  /** Half-planes are clipped to this box on the logicle scale (data lie within about -1..2). */
  static final double BOX = 50;

  private Cuts() {}

  /** A float function of a dimension's value: log10 of scatter, a z-score, ... */
  @FunctionalInterface
  interface FloatFunction {
    double apply(float value);
  }

  /** Values with {@code (float) value > (float) t}. */
  static Region above(String name, Dimension d, double t) {
    float f = (float) t;
    return Float.isNaN(f) || f == Float.POSITIVE_INFINITY ? new Region.Nothing()
        : range(name, d, Math.nextUp(f), Double.POSITIVE_INFINITY);
  }

  /** Values with {@code value <= (float) t}. */
  static Region atMost(String name, Dimension d, double t) {
    float f = (float) t;
    return Float.isNaN(f) ? new Region.Nothing()
        : f == Float.POSITIVE_INFINITY ? new Region.Everything()
        : range(name, d, Double.NEGATIVE_INFINITY, Math.nextUp(f));
  }

  /** Values with {@code value < (float) t}. */
  static Region below(String name, Dimension d, double t) {
    float f = (float) t;
    return Float.isNaN(f) || f == Float.NEGATIVE_INFINITY ? new Region.Nothing()
        : f == Float.POSITIVE_INFINITY ? new Region.Everything()
        : range(name, d, Double.NEGATIVE_INFINITY, f);
  }

  /** Values whose {@code function} is strictly above {@code (float) t} (function monotone). */
  static Region functionAbove(String name, Dimension d, FloatFunction function, double t) {
    float f = (float) t;
    return from(name, d, firstFloat(v -> (float) function.apply(v) > f));
  }

  /** Values whose {@code function} is at most {@code (float) t} (function monotone). */
  static Region functionAtMost(String name, Dimension d, FloatFunction function, double t) {
    float f = (float) t;
    return upTo(name, d, firstFloat(v -> (float) function.apply(v) > f));
  }

  /** Values whose {@code function} is strictly below {@code (float) t} (function monotone). */
  static Region functionBelow(String name, Dimension d, FloatFunction function, double t) {
    float f = (float) t;
    return upTo(name, d, firstFloat(v -> (float) function.apply(v) >= f));
  }

  /**
   * Bounds of {@code lo <= function(v) <= hi} compared in double (function monotone): the
   * first float passing the lower and the first float failing the upper comparison.
   */
  static double[] functionWithin(FloatFunction function, double lo, double hi) {
    return new double[] {firstFloat(v -> function.apply(v) >= lo),
        firstFloat(v -> function.apply(v) > hi)};
  }

  /** {@code [from, to)}: a rectangle of one dimension, open where the bound is infinite. */
  static Region range(String name, Dimension d, double from, double to) {
    return new Region.Shape(name, new RectangleGate(List.of(d), new double[] {from},
        new double[] {to}));
  }

  /** Values at or above {@code first} (the first passing float; NaN: none passes). */
  private static Region from(String name, Dimension d, double first) {
    return Double.isNaN(first) ? new Region.Nothing()
        : first == Double.NEGATIVE_INFINITY ? new Region.Everything()
        : range(name, d, first, Double.POSITIVE_INFINITY);
  }

  /** Values below {@code first} (the first failing float; NaN: every value passes). */
  private static Region upTo(String name, Dimension d, double first) {
    return Double.isNaN(first) ? new Region.Everything()
        : first == Double.NEGATIVE_INFINITY ? new Region.Nothing()
        : range(name, d, Double.NEGATIVE_INFINITY, first);
  }

  /**
   * Ranges of dimension {@code d} holding exactly the {@code positive} events of {@code events}
   * when they are sorted by {@code values} (the dimension's values): each run of positive
   * events becomes one range from its first value to the next negative event's value
   * (exclusive), open at either end of the data. A classification that depends on this value
   * alone (e.g. a per-subclone posterior) is thus stated as geometry that selects the same
   * events; ties between a positive and a negative event at one value go to the positive.
   */
  static Region runs(String name, Dimension d, float[] values, EventMask events,
      EventMask positive) {
    int[] indices = events.indices();
    long[] keyed = new long[indices.length];
    int n = 0;
    for (int i : indices) {
      if (!Float.isNaN(values[i])) {
        // Order key of the value in the high half, positive flag as the lowest bit: sorting
        // puts a positive after a negative of the same value.
        keyed[n++] = (long) orderKey(values[i]) << 32 | (positive.get(i) ? 1 : 0);
      }
    }
    java.util.Arrays.sort(keyed, 0, n);
    // Distinct values, each positive when any event at it is (the last of a tie sorts last).
    int distinct = 0;
    for (int k = 0; k < n; k++) {
      if (k + 1 < n && keyed[k + 1] >> 32 == keyed[k] >> 32) {
        continue;
      }
      keyed[distinct++] = keyed[k];
    }
    List<Region> ranges = new ArrayList<>();
    int k = 0;
    while (k < distinct) {
      if ((keyed[k] & 1) == 0) {
        k++;
        continue;
      }
      double from = k == 0 ? Double.NEGATIVE_INFINITY : fromKey((int) (keyed[k] >> 32));
      while (k < distinct && (keyed[k] & 1) == 1) {
        k++;
      }
      double to = k == distinct ? Double.POSITIVE_INFINITY : fromKey((int) (keyed[k] >> 32));
      if (from == Double.NEGATIVE_INFINITY && to == Double.POSITIVE_INFINITY) {
        return new Region.Everything();
      }
      ranges.add(range(name + "-" + (ranges.size() + 1), d, from, to));
    }
    return ranges.isEmpty() ? new Region.Nothing()
        : ranges.size() == 1 ? ranges.get(0) : new Region.Or(name, ranges);
  }

  /** A predicate of a float value that is false up to some float and true from it on. */
  @FunctionalInterface
  interface FloatPredicate {
    boolean test(float value);
  }

  /**
   * The smallest non-NaN float for which the monotone predicate holds, as a double; NaN when it
   * holds for none. Binary search over the order keys of the floats (-Infinity .. +Infinity).
   */
  static double firstFloat(FloatPredicate passes) {
    long lo = orderKey(Float.NEGATIVE_INFINITY);
    long hi = orderKey(Float.POSITIVE_INFINITY);
    if (!passes.test(Float.POSITIVE_INFINITY)) {
      return Double.NaN;
    }
    while (lo < hi) {
      long mid = (lo + hi) >> 1;
      if (passes.test(fromKey((int) mid))) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return fromKey((int) lo);
  }

  /** An int that orders floats as they compare (-0 just below +0). */
  private static int orderKey(float f) {
    int bits = Float.floatToRawIntBits(f);
    return bits ^ (bits >> 31 & 0x7fffffff);
  }

  private static float fromKey(int key) {
    return Float.intBitsToFloat(key ^ (key >> 31 & 0x7fffffff));
  }

  /**
   * The half-plane {@code a x + b y < c} over (x, y) as a polygon clipped to the box
   * [-{@value #BOX}, {@value #BOX}]^2: a linear score cut (e.g. the blasts' CD38 + CD45 deficit
   * against normal progenitors) as Gating-ML 2.0 geometry.
   */
  static Region halfPlane(String name, Dimension x, Dimension y, double a, double b, double c) {
    double[][] corners = {{-BOX, -BOX}, {BOX, -BOX}, {BOX, BOX}, {-BOX, BOX}};
    List<double[]> kept = new ArrayList<>();
    for (int i = 0; i < corners.length; i++) {
      double[] p = corners[i];
      double[] q = corners[(i + 1) % corners.length];
      double fp = a * p[0] + b * p[1] - c;
      double fq = a * q[0] + b * q[1] - c;
      if (fp < 0) {
        kept.add(p);
      }
      if (fp < 0 != fq < 0) {
        double s = fp / (fp - fq);
        kept.add(new double[] {p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1])});
      }
    }
    if (kept.size() < 3) {
      return new Region.Nothing();
    }
    double[] xs = new double[kept.size()];
    double[] ys = new double[kept.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = kept.get(i)[0];
      ys[i] = kept.get(i)[1];
    }
    return new Region.Shape(name, new PolygonGate(List.of(x, y), xs, ys));
  }
}
