package org.mrdflow.fcs;

/**
 * Sum, minimum and maximum of one channel over all events, ignoring NaN (for QC and {@code fcs
 * stats}). Min and max are NaN when every value is NaN or there are no events.
 */
public record ColumnSummary(double sum, double min, double max, long nanCount) {

  static ColumnSummary of(float[] values) {
    Accumulator column = new Accumulator();
    for (float v : values) {
      column.add(v);
    }
    return column.summary(values.length);
  }

  static ColumnSummary of(double[] values) {
    Accumulator column = new Accumulator();
    for (double v : values) {
      column.add(v);
    }
    return column.summary(values.length);
  }

  /** Running sum, min, max and NaN count; a float widens to the same double exactly. */
  private static final class Accumulator {
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long nan;

    void add(double v) {
      if (Double.isNaN(v)) {
        nan++;
      } else {
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }

    ColumnSummary summary(int n) {
      return nan == n ? new ColumnSummary(sum, Double.NaN, Double.NaN, nan)
          : new ColumnSummary(sum, min, max, nan);
    }
  }
}
