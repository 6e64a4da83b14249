package org.mrdflow.fcs;

/**
 * Sum, minimum and maximum of one channel over all events, ignoring NaN (for QC and {@code fcs
 * stats}). Min and max are NaN when every value is NaN or there are no events.
 */
public record ColumnSummary(double sum, double min, double max, long nanCount) {

  static ColumnSummary of(float[] values) {
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long nan = 0;
    for (float v : values) {
      if (Float.isNaN(v)) {
        nan++;
      } else {
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    return finish(sum, min, max, nan, values.length);
  }

  static ColumnSummary of(double[] values) {
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long nan = 0;
    for (double v : values) {
      if (Double.isNaN(v)) {
        nan++;
      } else {
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    return finish(sum, min, max, nan, values.length);
  }

  private static ColumnSummary finish(double sum, double min, double max, long nan, int n) {
    return nan == n ? new ColumnSummary(sum, Double.NaN, Double.NaN, nan)
        : new ColumnSummary(sum, min, max, nan);
  }
}
