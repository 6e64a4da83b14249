package org.mrdflow.gating.mrd;

import org.mrdflow.gating.events.EventMask;

/**
 * Where the CD19 spillover spreading of CD34-bright CD19-negative cells ends: the B-lineage CD19
 * threshold for cells as CD34 bright as pro-B blasts. On the logicle scale that spreading is a
 * plateau with a sharp upper edge, so the edge is extrapolated from quantiles of a reference of
 * such cells (a MAD-SD overshoots it by up to a fifth of the scale): the smaller of the
 * upper-tail extrapolation q95 + k (q95 - q75), accurate while pro-B blasts are under 5 % of the
 * reference, and the core one q75 + k' (q75 - q50), right up to 15 %. A pro-B clone that
 * outnumbers the normal progenitors lifts both; but an edge cannot lie beyond the valley that
 * separates CD19-negative from CD19+ cells in the whole low-SSC compartment, so then the
 * reference is cut at that valley and the edge extrapolated again.
 */
final class Cd19SpreadingEdge {
  private Cd19SpreadingEdge() {}

  /**
   * @param cd19 CD19 of all events (logicle)
   * @param reference CD34-bright cells expected to be CD19 negative
   * @param valley CD19 valley of the low-SSC cells ({@link #valley}), +inf when there is none
   * @param minEvents fewest reference events below the valley to re-estimate from
   */
  static double of(float[] cd19, EventMask reference, double valley, double tailExtension,
      double coreExtension, int minEvents) {
    double edge = extrapolate(RobustStats.values(cd19, reference), tailExtension, coreExtension);
    if (edge > valley) {
      EventMask below = reference.andNot(EventCuts.above(cd19, valley, reference));
      if (below.cardinality() >= minEvents) {
        edge = extrapolate(RobustStats.values(cd19, below), tailExtension, coreExtension);
      }
    }
    return edge;
  }

  /**
   * The lowest smoothed CD19 density of {@code events} between {@code negativeLevel} and the
   * highest mode above it (the CD19+ B cells and blasts), when it falls to {@code maxRatio} of
   * that mode; +inf when the CD19 distribution has no such second mode (B-cell aplasia without
   * CD19+ blasts).
   */
  static double valley(float[] cd19, EventMask events, double negativeLevel, double maxRatio,
      RobustStats.Binning binning) {
    float[] values = RobustStats.values(cd19, events);
    if (values.length == 0) {
      return Double.POSITIVE_INFINITY;
    }
    RobustStats.Histogram h = RobustStats.histogram(values, binning);
    int from = h.bin(negativeLevel);
    int mode = -1;
    for (int b = from + 1; b < h.density().length - 1; b++) {
      boolean local = h.density()[b] >= h.density()[b - 1]
          && h.density()[b] >= h.density()[b + 1];
      if (local && (mode < 0 || h.density()[b] > h.density()[mode])) {
        mode = b;
      }
    }
    if (mode < 0) {
      return Double.POSITIVE_INFINITY;
    }
    int valley = h.lowestBin(from, mode);
    return h.density()[valley] <= maxRatio * h.density()[mode] ? h.center(valley)
        : Double.POSITIVE_INFINITY;
  }

  private static double extrapolate(float[] values, double tailExtension, double coreExtension) {
    double q50 = RobustStats.quantile(values, 0.50);
    double q75 = RobustStats.quantile(values, 0.75);
    double q95 = RobustStats.quantile(values, 0.95);
    return Math.min(q95 + tailExtension * (q95 - q75), q75 + coreExtension * (q75 - q50));
  }
}
