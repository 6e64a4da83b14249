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
 * {@code mrd-brightest-peak}: events above the brightest density peak (holding at least 5 % of
 * the maximum density) minus {@code spreads} of its upper-side SD; on CD45 of low-SSC cells
 * these are the lymphocytes' CD45 level (domain brief section 3.5). One dimension. Landmark
 * {@code min}.
 */
public final class BrightestPeakMethod extends MrdMethod {
  public BrightestPeakMethod() {
    super("mrd-brightest-peak", 1);
  }

  @Override
  public List<MethodParameter> parameters() {
    return List.of(MethodParameter.optional("spreads", Type.NUMBER, 4.0,
        "lower bound: the peak minus this many (upper-side) SDs"));
  }

  @Override
  public MethodResult fit(MethodContext context) {
    float[] values = context.columns()[0];
    EventMask parent = context.parent();
    double[] peak = brightestPeak(RobustStats.values(values, parent));
    double min = peak[0] - context.arguments().number("spreads") * peak[1];
    return result(EventCuts.above(values, min, parent), "above the brightest peak's tail",
        Map.of("min", min));
  }

  /** The brightest peak holding at least 5 % of the maximum density, and its upper-side SD. */
  private static double[] brightestPeak(float[] values) {
    Histogram h = RobustStats.histogram(values);
    double max = h.density()[h.highestBin()];
    int peak = h.highestBin();
    for (int b = 1; b < h.density().length - 1; b++) {
      double d = h.density()[b];
      if (d >= h.density()[b - 1] && d > h.density()[b + 1] && d >= 0.05 * max) {
        peak = Math.max(peak, b);
      }
    }
    double mode = h.center(peak);
    double above = 1 - RobustStats.cdf(values, mode);
    double oneSd = RobustStats.quantile(values, 1 - above * (1 - 0.6827));
    return new double[] {mode, Math.max(oneSd - mode, h.width())};
  }
}
