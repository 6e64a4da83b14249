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
 * {@code mrd-debris-valley} (domain brief section 3.2): cells above the density valley between
 * the debris pile at the trigger and the cells, on log10 FSC-A. The valley is the lowest density
 * left of the main peak among positions with at least {@code min_below} of the events below
 * them (so a debris-free sample loses at most its lowest tail). Dimension: FSC-A (linear).
 * Landmark {@code log10-debris-max}.
 */
public final class DebrisValleyMethod extends MrdMethod {
  public DebrisValleyMethod() {
    super("mrd-debris-valley", 1);
  }

  @Override
  public List<MethodParameter> parameters() {
    return with(List.of(MethodParameter.optional("min_below", Type.NUMBER, 0.005,
        "share of the events the valley must have below it")), binningParameters());
  }

  @Override
  public MethodResult fit(MethodContext context) {
    EventMask parent = context.parent();
    float[] logFsc = EventCuts.log10(context.columns()[0]);
    double debrisMax = valley(RobustStats.values(logFsc, parent),
        context.arguments().number("min_below"), binning(context));
    return result(Cuts.functionAbove("above-debris", dimension(context, 0), MrdMethod::log10,
        debrisMax), "above the debris valley", Map.of("log10-debris-max", debrisMax));
  }

  private static double valley(float[] logFsc, double minBelow, RobustStats.Binning binning) {
    Histogram h = RobustStats.histogram(logFsc, binning);
    int main = h.highestBin();
    double total = 0;
    for (double d : h.density()) {
      total += d;
    }
    double cumulative = 0;
    int best = -1;
    for (int b = 0; b < main; b++) {
      cumulative += h.density()[b];
      if (cumulative >= minBelow * total && (best < 0 || h.density()[b] < h.density()[best])) {
        best = b;
      }
    }
    return best < 0 ? h.lo() : h.center(best);
  }
}
