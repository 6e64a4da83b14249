package org.mrdflow.gating.method;

import java.util.ArrayList;
import java.util.List;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.gate.RectangleGate;
import org.mrdflow.gating.method.MethodParameter.Type;

/**
 * {@code density-valley}: a 1-D threshold at the lowest point of the smoothed density between
 * its main peak and the highest other peak separated from it by a valley (density falling to
 * {@code max_valley_ratio} of the lower peak) (the classic "negative vs positive" split of a bimodal marker, e.g.
 * openCyto's mindensity). Returns a range gate {@code [threshold, +inf)} for {@code side: above}
 * or {@code (-inf, threshold)} for {@code side: below}.
 *
 * <p>Unimodal data has no valley: the threshold is then {@code fallback} when given, else where
 * the peak's tail falls below {@code tail_fraction} of its height. With {@code single_peak:
 * exclude} (the default: a lone peak is the marker-negative population) that is the tail on the
 * selected side, so the population is empty or nearly so, which is a valid result; with
 * {@code include} (a lone peak is the population itself, e.g. cells above debris) it is the
 * tail on the other side. An empty parent gives an empty population.
 */
public final class DensityValleyThreshold implements GatingMethod {
  @Override
  public String name() {
    return "density-valley";
  }

  @Override
  public List<MethodParameter> parameters() {
    return List.of(
        MethodParameter.choice("side", "above",
            "keep events 'above' or 'below' the threshold", "above", "below"),
        MethodParameter.optional("bins", Type.BINS, 256, "histogram bins"),
        MethodParameter.optional("smoothing", Type.NUMBER, 3.0,
            "Gaussian kernel standard deviation, in bins"),
        MethodParameter.optional("min", Type.NUMBER, null,
            "lowest value considered (default: the parent's trim quantile)"),
        MethodParameter.optional("max", Type.NUMBER, null,
            "highest value considered (default: the parent's 1 - trim quantile)"),
        MethodParameter.optional("trim", Type.NUMBER, 0.005,
            "fraction of the parent's events ignored at each end when binning"),
        MethodParameter.optional("min_peak_fraction", Type.NUMBER, 0.05,
            "a peak must reach this fraction of the highest peak"),
        MethodParameter.optional("max_valley_ratio", Type.NUMBER, 0.5,
            "two peaks are distinct modes when the density between them falls to this fraction"
                + " of the lower peak"),
        MethodParameter.optional("tail_fraction", Type.NUMBER, 0.001,
            "unimodal case: density fraction of the peak where the tail ends"),
        MethodParameter.choice("single_peak", "exclude",
            "unimodal case: 'exclude' the lone peak from the population or 'include' it",
            "exclude", "include"),
        MethodParameter.optional("fallback", Type.NUMBER, null,
            "unimodal case: threshold to use instead of the tail rule"));
  }

  @Override
  public int minDimensions() {
    return 1;
  }

  @Override
  public int maxDimensions() {
    return 1;
  }

  @Override
  public MethodResult fit(MethodContext context) {
    MethodArguments args = context.arguments();
    String side = args.string("side");
    float[] values = context.columns()[0];
    EventMask parent = context.parent();
    double[] range = Density.range(values, parent, args.number("trim"));
    if (range == null) {
      // No finite parent value: an empty population, which is a result.
      return new MethodResult.Geometry(new RectangleGate(context.dimensions(),
          new double[] {Double.POSITIVE_INFINITY}, new double[] {Double.NEGATIVE_INFINITY}));
    }
    double lo = args.optionalNumber("min").orElse(range[0]);
    double hi = args.optionalNumber("max").orElse(range[1]);
    double threshold = hi > lo ? threshold(values, parent, lo, hi, args, side) : hi;
    double[] min = {side.equals("above") ? threshold : Double.NEGATIVE_INFINITY};
    double[] max = {side.equals("above") ? Double.POSITIVE_INFINITY : threshold};
    return new MethodResult.Geometry(new RectangleGate(context.dimensions(), min, max));
  }

  private static double threshold(float[] values, EventMask parent, double lo, double hi,
      MethodArguments args, String side) {
    int bins = args.integer("bins");
    double[] counts = new double[bins];
    for (int i = parent.nextSetBit(0); i >= 0; i = parent.nextSetBit(i + 1)) {
      int b = Density.bin(values[i], lo, hi, bins);
      if (b >= 0) {
        counts[b]++;
      }
    }
    double[] density = Density.smooth(counts, args.number("smoothing"));
    double width = (hi - lo) / bins;
    List<Integer> peaks = peaks(density, args.number("min_peak_fraction"));
    double maxValleyRatio = args.number("max_valley_ratio");
    for (int k = 1; k < peaks.size(); k++) {
      // The second mode is the highest other peak separated from the main one by a real
      // valley, not a noise ripple on the main peak's shoulder.
      int first = Math.min(peaks.get(0), peaks.get(k));
      int second = Math.max(peaks.get(0), peaks.get(k));
      int valley = first;
      for (int b = first; b <= second; b++) {
        if (density[b] < density[valley]) {
          valley = b;
        }
      }
      if (density[valley] <= maxValleyRatio * density[peaks.get(k)]) {
        return lo + (valley + 0.5) * width;
      }
    }
    if (args.has("fallback")) {
      return args.number("fallback");
    }
    if (peaks.isEmpty()) {
      // No parent event inside [min, max]: nothing to select on either side.
      return side.equals("above") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    int peak = peaks.get(0);
    double floor = density[peak] * args.number("tail_fraction");
    boolean upward = side.equals("above") == args.string("single_peak").equals("exclude");
    int step = upward ? 1 : -1;
    int b = peak;
    while (density[b] > floor) {
      b += step;
      if (b < 0 || b >= bins) {
        // The tail outlasts the binned (trimmed) range: put the threshold beyond every event.
        double[] full = Density.range(values, parent, 0);
        return upward ? Math.nextUp(full[1]) : full[0];
      }
    }
    return lo + (b + (step > 0 ? 1 : 0)) * width;
  }

  /** Local maxima at least {@code minFraction} of the highest, highest first. */
  private static List<Integer> peaks(double[] density, double minFraction) {
    double highest = 0;
    for (double d : density) {
      highest = Math.max(highest, d);
    }
    List<Integer> peaks = new ArrayList<>();
    for (int b = 0; b < density.length; b++) {
      double left = b > 0 ? density[b - 1] : Double.NEGATIVE_INFINITY;
      double right = b + 1 < density.length ? density[b + 1] : Double.NEGATIVE_INFINITY;
      if (density[b] > left && density[b] >= right && density[b] >= minFraction * highest
          && density[b] > 0) {
        peaks.add(b);
      }
    }
    peaks.sort((a, b) -> Double.compare(density[b], density[a]));
    return peaks;
  }
}
