package org.mrdflow.gating.mrd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mrdflow.gating.events.EventMask;
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
        MethodParameter.optional("bins", Type.INTEGER, 64, "equal-width acquisition-time bins"),
        MethodParameter.optional("bin_z", Type.NUMBER, 6.0,
            "a bin is a disturbance this many robust SDs from the median bin count"));
  }

  @Override
  public MethodResult fit(MethodContext context) {
    EventMask parent = context.parent();
    if (context.dimensions().isEmpty() || context.eventCount() == 0) {
      return result(parent, "no time channel: all events kept", Map.of());
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
      return result(parent, "constant time: all events kept", Map.of());
    }
    int[] bin = new int[n];
    double[] counts = new double[bins];
    for (int i = 0; i < n; i++) {
      bin[i] = (int) Math.min(bins - 1, (time[i] - lo) / (hi - lo) * bins);
      counts[bin[i]]++;
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
      return result(parent, "no disturbance: all events kept", Map.of());
    }
    Map<String, Double> segments = new LinkedHashMap<>();
    double width = (hi - lo) / bins;
    int k = 0;
    for (int b = 0; b < bins; b++) {
      if (!bad[b] && (b == 0 || bad[b - 1])) {
        int end = b;
        while (end + 1 < bins && !bad[end + 1]) {
          end++;
        }
        k++;
        segments.put("segment." + k + ".from", b == 0 ? Double.NEGATIVE_INFINITY : lo + b * width);
        segments.put("segment." + k + ".to",
            end == bins - 1 ? Double.POSITIVE_INFINITY : lo + (end + 1) * width);
      }
    }
    EventMask ok = EventMask.none(n);
    for (int i = 0; i < n; i++) {
      if (!bad[bin[i]]) {
        ok.set(i);
      }
    }
    return result(ok.and(parent), "time bins of abnormal event rate removed", segments);
  }

  /** The kept intervals [from, to) recorded in {@code landmarks}, in time order. */
  static List<double[]> segments(Map<String, Double> landmarks) {
    List<double[]> segments = new ArrayList<>();
    for (int k = 1; landmarks.containsKey("segment." + k + ".from"); k++) {
      segments.add(new double[] {landmarks.get("segment." + k + ".from"),
          landmarks.get("segment." + k + ".to")});
    }
    return segments;
  }
}
