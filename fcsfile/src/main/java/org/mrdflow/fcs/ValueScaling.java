package org.mrdflow.fcs;

import java.util.List;

/**
 * The optional value conversions of {@link FcsReadOptions}, applied to decoded columns in
 * flowCore's order: truncation at {@code $PnR}, {@code $PnE} linearization, then gain and time
 * step. A column whose values change becomes {@code double[]} (except a float column that is only
 * truncated).
 */
final class ValueScaling {
  private ValueScaling() {}

  static void apply(Object[] columns, List<FcsChannel> channels, FcsReadOptions options,
      double timestep) {
    for (int c = 0; c < columns.length; c++) {
      FcsChannel ch = channels.get(c);
      if (options.truncateAtRange() && ch.range() > 0) {
        truncate(columns[c], ch.range());
      }
      boolean linearize = options.linearize() && ch.isLogAmplified()
          && ch.dataType() == FcsDataType.INTEGER && ch.range() > 0;
      if (linearize) {
        double f2 = ch.logOffset() == 0 ? 1 : ch.logOffset();
        double[] d = toDouble(columns[c]);
        double perUnit = ch.logDecades() / ch.range();
        for (int e = 0; e < d.length; e++) {
          d[e] = Math.pow(10, d[e] * perUnit) * f2;
        }
        columns[c] = d;
      } else if (options.applyGain() && !ch.isLogAmplified() && ch.gain() > 0 && ch.gain() != 1) {
        columns[c] = scale(columns[c], 1 / ch.gain());
      }
      if (options.applyTimestep() && timestep > 0 && "time".equalsIgnoreCase(ch.name())) {
        columns[c] = scale(columns[c], timestep);
      }
    }
  }

  private static void truncate(Object column, double range) {
    if (column instanceof float[] f) {
      float r = (float) range;
      for (int e = 0; e < f.length; e++) {
        if (f[e] > r) {
          f[e] = r;
        }
      }
    } else {
      double[] d = (double[]) column;
      for (int e = 0; e < d.length; e++) {
        if (d[e] > range) {
          d[e] = range;
        }
      }
    }
  }

  private static double[] scale(Object column, double factor) {
    double[] d = toDouble(column);
    for (int e = 0; e < d.length; e++) {
      d[e] *= factor;
    }
    return d;
  }

  private static double[] toDouble(Object column) {
    if (column instanceof double[] d) {
      return d;
    }
    float[] f = (float[]) column;
    double[] d = new double[f.length];
    for (int e = 0; e < f.length; e++) {
      d[e] = f[e];
    }
    return d;
  }
}
