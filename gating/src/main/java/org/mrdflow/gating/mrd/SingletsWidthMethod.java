package org.mrdflow.gating.mrd;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.gate.Region;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodParameter.Type;
import org.mrdflow.gating.method.MethodResult;

/**
 * {@code mrd-singlets-width}: singlets from scatter area against pulse WIDTH (FACSDiva files with
 * FSC-W and no FSC-H, or SSC-W). A doublet passes the laser as two cells in a row, so its pulse
 * is wider than a singlet's of the same area; a singlet's width itself rises slowly with its
 * size (W = k A / H, and a bigger cell takes longer to cross the beam). So the cut follows that
 * trend: on the log scale (both dimensions on a log transform), the singlets' width line
 * y = a + b x is fitted to the medians of y in {@code bins} equal slices of x (Theil-Sen slope
 * over the slice medians, so the 2-6 % doublets above the line do not tilt it), and singlets
 * have a residual y - b x at most its median + {@code spreads} robust SDs: the half-plane
 * {@code -b x + y < c}. Dimensions: area and width, on the same log transform. Landmarks
 * {@code width-slope}, {@code residual-max}. Without any singlet the sample is not analysable.
 */
public final class SingletsWidthMethod extends MrdMethod {
  public SingletsWidthMethod() {
    super("mrd-singlets-width", 2);
  }

  @Override
  public List<MethodParameter> parameters() {
    return List.of(
        MethodParameter.optional("spreads", Type.NUMBER, 4.0,
            "residual width at most median + this many robust SDs"),
        MethodParameter.optional("bins", Type.BINS, 20,
            "slices of log area the width trend is fitted over"));
  }

  @Override
  public MethodResult fit(MethodContext context) {
    float[] x = context.columns()[0];
    float[] y = context.columns()[1];
    EventMask parent = context.parent().and(finite(x, y, context.eventCount()));
    if (parent.cardinality() == 0) {
      throw cannotCalibrate(context, "no event with a positive scatter area and width");
    }
    float[] px = RobustStats.values(x, parent);
    float[] py = RobustStats.values(y, parent);
    double slope = trendSlope(px, py, context.arguments().integer("bins"));
    float[] residual = new float[px.length];
    for (int i = 0; i < px.length; i++) {
      residual[i] = (float) (py[i] - slope * px[i]);
    }
    double residualMax = RobustStats.median(residual)
        + context.arguments().number("spreads") * RobustStats.robustSd(residual);
    Region region = Cuts.halfPlane("width-at-most", dimension(context, 0),
        dimension(context, 1), -slope, 1, residualMax);
    if (context.select(region).cardinality() == 0) {
      throw cannotCalibrate(context, "no nucleated single cells left after time, debris and "
          + "singlet (pulse width) gates (" + context.eventCount() + " events)");
    }
    return result(region, "area/width singlets",
        Map.of("width-slope", slope, "residual-max", residualMax));
  }

  /**
   * Theil-Sen slope over the (median x, median y) of {@code bins} equal-width slices between
   * the 1st and 99th percentile of x; slices with fewer than 20 events are skipped. 0 (a flat
   * width) when fewer than two slices are populated.
   */
  static double trendSlope(float[] x, float[] y, int bins) {
    float[] order = x.clone(); // the quantiles reorder their input; x stays paired with y
    double lo = RobustStats.quantile(order, 0.01);
    double hi = RobustStats.quantile(order, 0.99);
    if (!(hi > lo)) {
      return 0;
    }
    int[] counts = new int[bins];
    int[] bin = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      int b = (int) ((x[i] - lo) / (hi - lo) * bins);
      bin[i] = b < 0 || b >= bins ? -1 : b;
      if (bin[i] >= 0) {
        counts[bin[i]]++;
      }
    }
    float[][] xs = new float[bins][];
    float[][] ys = new float[bins][];
    for (int b = 0; b < bins; b++) {
      xs[b] = new float[counts[b]];
      ys[b] = new float[counts[b]];
    }
    int[] fill = new int[bins];
    for (int i = 0; i < x.length; i++) {
      if (bin[i] >= 0) {
        xs[bin[i]][fill[bin[i]]] = x[i];
        ys[bin[i]][fill[bin[i]]++] = y[i];
      }
    }
    double[] mx = new double[bins];
    double[] my = new double[bins];
    int m = 0;
    for (int b = 0; b < bins; b++) {
      if (counts[b] >= 20) {
        mx[m] = RobustStats.median(xs[b]);
        my[m++] = RobustStats.median(ys[b]);
      }
    }
    if (m < 2) {
      return 0;
    }
    float[] slopes = new float[m * (m - 1) / 2];
    int k = 0;
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        slopes[k++] = (float) ((my[j] - my[i]) / (mx[j] - mx[i]));
      }
    }
    return RobustStats.median(Arrays.copyOf(slopes, k));
  }

  private static EventMask finite(float[] x, float[] y, int n) {
    EventMask mask = EventMask.none(n);
    for (int i = 0; i < n; i++) {
      if (Float.isFinite(x[i]) && Float.isFinite(y[i])) {
        mask.set(i);
      }
    }
    return mask;
  }
}
