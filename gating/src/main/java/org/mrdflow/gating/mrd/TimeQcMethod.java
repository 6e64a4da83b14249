package org.mrdflow.gating.mrd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mrdflow.gating.gate.Region;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodParameter.Type;
import org.mrdflow.gating.method.MethodResult;

/**
 * {@code mrd-time-qc} (domain brief section 3.1): drops acquisition disturbances, the
 * equal-width time bins whose event count is more than {@code bin_z} robust SDs (at least the
 * Poisson SD) from the median bin. Dimension: the time channel, or none when the file has no
 * time channel (all events kept). Landmarks {@code segment.<k>.from} / {@code segment.<k>.to}:
 * the kept time intervals [from, to), only when bins were removed.
 */
public final class TimeQcMethod extends MrdMethod {
  public TimeQcMethod() {
    super("mrd-time-qc", 1);
  }

  @Override
  public int minDimensions() {
    return 0;
  }

  @Override
  public List<MethodParameter> parameters() {
    return List.of(
        MethodParameter.optional("bins", Type.BINS, 64, "equal-width acquisition-time bins"),
        MethodParameter.optional("bin_z", Type.POSITIVE, 6.0,
            "a bin is a disturbance this many robust SDs from the median bin count"));
  }

  @Override
  public MethodResult fit(MethodContext context) {
    if (context.dimensions().isEmpty() || context.eventCount() == 0) {
      return result(new Region.Everything(), "no time channel: all events kept", Map.of());
    }
    float[] time = context.columns()[0];
    int n = context.eventCount();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float t : time) {
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
    int bins = context.arguments().integer("bins");
    if (!(hi > lo)) {
      return result(new Region.Everything(), "constant time: all events kept", Map.of());
    }
    double start = lo;
    double stop = hi;
    double[] counts = new double[bins];
    for (int i = 0; i < n; i++) {
      counts[bin(time[i], start, stop, bins)]++;
    }
    double[] sorted = counts.clone();
    Arrays.sort(sorted);
    double median = sorted[bins / 2];
    double[] deviations = new double[bins];
    for (int b = 0; b < bins; b++) {
      deviations[b] = Math.abs(counts[b] - median);
    }
    Arrays.sort(deviations);
    double sd = Math.max(RobustStats.MAD_TO_SD * deviations[bins / 2], Math.sqrt(median));
    double z = context.arguments().number("bin_z");
    boolean[] bad = new boolean[bins];
    boolean any = false;
    for (int b = 0; b < bins; b++) {
      bad[b] = Math.abs(counts[b] - median) > z * sd;
      any |= bad[b];
    }
    if (!any) {
      return result(new Region.Everything(), "no disturbance: all events kept", Map.of());
    }
    // Kept runs of bins [from, to) as ranges of time: each bound is the first float whose bin
    // is that bin, so a range holds exactly the events its bins held.
    Map<String, Double> segments = new LinkedHashMap<>();
    List<Region> kept = new ArrayList<>();
    double width = (hi - lo) / bins;
    for (int b = 0; b < bins; b++) {
      if (!bad[b] && (b == 0 || bad[b - 1])) {
        int end = b;
        while (end + 1 < bins && !bad[end + 1]) {
          end++;
        }
        int from = b;
        int to = end + 1;
        int k = kept.size() + 1;
        segments.put("segment." + k + ".from",
            from == 0 ? Double.NEGATIVE_INFINITY : lo + from * width);
        segments.put("segment." + k + ".to",
            to == bins ? Double.POSITIVE_INFINITY : lo + to * width);
        kept.add(Cuts.range("segment-" + k, dimension(context, 0), from == 0
            ? Double.NEGATIVE_INFINITY : Cuts.firstFloat(v -> bin(v, start, stop, bins) >= from),
            to == bins
            ? Double.POSITIVE_INFINITY : Cuts.firstFloat(v -> bin(v, start, stop, bins) >= to)));
      }
    }
    return result(kept.size() == 1 ? kept.get(0) : new Region.Or("kept", kept),
        "time bins of abnormal event rate removed", segments);
  }

  /** Equal-width bin of time {@code t} over [lo, hi]. */
  private static int bin(float t, double lo, double hi, int bins) {
    return (int) Math.min(bins - 1, (t - lo) / (hi - lo) * bins);
  }
}
