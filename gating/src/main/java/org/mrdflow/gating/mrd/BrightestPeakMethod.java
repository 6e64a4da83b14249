package org.mrdflow.gating.mrd;

import java.util.List;
import java.util.Map;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodParameter.Type;
import org.mrdflow.gating.method.MethodResult;
import org.mrdflow.gating.mrd.RobustStats.Histogram;

/**
 * {@code mrd-brightest-peak}: events above the brightest density peak (at least
 * {@code min_peak_height} of the maximum density) minus {@code spreads} of its upper-side SD; on CD45 of low-SSC cells
 * these are the lymphocytes' CD45 level (domain brief section 3.5). One dimension. Landmark
 * {@code min}.
 */
public final class BrightestPeakMethod extends MrdMethod {
  public BrightestPeakMethod() {
    super("mrd-brightest-peak", 1);
  }

  @Override
  public List<MethodParameter> parameters() {
    return with(List.of(
        MethodParameter.optional("spreads", Type.NUMBER, 4.0,
            "lower bound: the peak minus this many (upper-side) SDs"),
        MethodParameter.optional("min_peak_height", Type.NUMBER, 0.05,
            "a peak counts when its density is at least this fraction of the highest")),
        binningParameters());
  }

  @Override
  public MethodResult fit(MethodContext context) {
    float[] values = context.columns()[0];
    EventMask parent = context.parent();
    if (parent.cardinality() == 0) {
      throw cannotCalibrate(context, "no cells in its parent population to find a peak in");
    }
    double[] peak = brightestPeak(RobustStats.values(values, parent),
        context.arguments().number("min_peak_height"), binning(context));
    double min = peak[0] - context.arguments().number("spreads") * peak[1];
    return result(Cuts.above("above-peak-tail", dimension(context, 0), min),
        "above the brightest peak's tail", Map.of("min", min));
  }

  /** The brightest peak at least {@code minHeight} of the maximum density, its upper-side SD. */
  private static double[] brightestPeak(float[] values, double minHeight,
      RobustStats.Binning binning) {
    Histogram h = RobustStats.histogram(values, binning);
    double max = h.density()[h.highestBin()];
    int peak = h.highestBin();
    for (int b = 1; b < h.density().length - 1; b++) {
      double d = h.density()[b];
      if (d >= h.density()[b - 1] && d > h.density()[b + 1] && d >= minHeight * max) {
        peak = Math.max(peak, b);
      }
    }
    double mode = h.center(peak);
    double above = 1 - RobustStats.cdf(values, mode);
    double oneSd = RobustStats.quantile(values, 1 - above * (1 - 0.6827));
    return new double[] {mode, Math.max(oneSd - mode, h.width())};
  }
}
