package org.mrdflow.simulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.mrdflow.fcs.SpilloverMatrix;
import org.mrdflow.gating.compensation.Compensation;
import org.mrdflow.gating.events.Channel;
import org.mrdflow.gating.events.EventTable;

/** Test-side cytometry: compensation through the gating engine, medians and separations by label. */
final class Cytometry {
  private Cytometry() {}

  /** raw x inverse(spillover) over the detectors, as a lab compensates with the file's matrix. */
  static EventTable compensate(List<String> channelNames, float[][] columns, List<String> detectors,
      double[][] spillover) {
    List<Channel> channels = new ArrayList<>();
    channelNames.forEach(n -> channels.add(Channel.named(n)));
    EventTable raw = new EventTable(channels, columns);
    return Compensation.of(SpilloverMatrix.of("test", detectors, spillover)).apply(raw);
  }

  static IntPredicate is(Population p) {
    return code -> code == p.code();
  }

  static double[] selected(float[] values, byte[] labels, IntPredicate code) {
    double[] chosen = new double[values.length];
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      if (code.test(labels[i] & 0xFF)) {
        chosen[n++] = values[i];
      }
    }
    double[] out = Arrays.copyOf(chosen, n);
    Arrays.sort(out);
    return out;
  }

  static double quantile(double[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }

  static double median(float[] values, byte[] labels, IntPredicate code) {
    return quantile(selected(values, labels, code), 0.5);
  }

  /**
   * Robust separation of two populations on an arcsinh scale: median difference over the pooled
   * half-width of the 16-84 percentile range (about one SD for a normal distribution).
   */
  static double separation(float[] values, byte[] labels, Population a, Population b, double cofactor) {
    double[] x = asinh(selected(values, labels, is(a)), cofactor);
    double[] y = asinh(selected(values, labels, is(b)), cofactor);
    double sx = (quantile(x, 0.84) - quantile(x, 0.16)) / 2;
    double sy = (quantile(y, 0.84) - quantile(y, 0.16)) / 2;
    return (quantile(x, 0.5) - quantile(y, 0.5)) / Math.sqrt((sx * sx + sy * sy) / 2);
  }

  private static double[] asinh(double[] sorted, double cofactor) {
    double[] out = new double[sorted.length];
    for (int i = 0; i < out.length; i++) {
      double v = sorted[i] / cofactor;
      out[i] = Math.log(v + Math.sqrt(v * v + 1));
    }
    return out;
  }
}
