package org.mrdflow.fcs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Summary statistics of a dataset in the corpus golden-record layout (row-major float64). */
final class EventStatistics {
  final int events;
  final int channels;
  final double[] sum;
  final double[] min;
  final double[] max;
  final long[] nanCount;
  final double[][] columns;

  EventStatistics(FcsDataset d) {
    events = d.eventCount();
    channels = d.parameterCount();
    columns = new double[channels][];
    sum = new double[channels];
    min = new double[channels];
    max = new double[channels];
    nanCount = new long[channels];
    for (int c = 0; c < channels; c++) {
      double[] col = d.doubleColumn(c);
      columns[c] = col;
      double s = 0;
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double v : col) {
        if (Double.isNaN(v)) {
          nanCount[c]++;
          continue;
        }
        s += v;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      sum[c] = s;
      min[c] = events == nanCount[c] ? Double.NaN : lo;
      max[c] = events == nanCount[c] ? Double.NaN : hi;
    }
  }

  double value(int event, int channel) {
    return columns[channel][event];
  }

  /** SHA-256 of the events x channels matrix as little-endian float64, row-major. */
  String sha256Float64Le() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer row = ByteBuffer.allocate(8 * channels).order(ByteOrder.LITTLE_ENDIAN);
      for (int e = 0; e < events; e++) {
        row.clear();
        for (int c = 0; c < channels; c++) {
          row.putDouble(columns[c][e]);
        }
        md.update(row.array());
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
