package org.mrdflow.gating.mrd;

import java.util.List;
import java.util.Map;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodParameter.Type;
import org.mrdflow.gating.method.MethodResult;

/**
 * {@code mrd-cd10-bright}: CD10-bright events, above the {@code quantile} of CD10 on the
 * {@code control} population (SSC-high granulocytes: band and segmented neutrophils are the
 * panel's internal CD10-positive control), at least CD10+. Blast candidates of both arms are
 * CD10 bright. One dimension: CD10 (logicle). Landmark {@code min}.
 */
public final class Cd10BrightMethod extends MrdMethod {
  public Cd10BrightMethod() {
    super("mrd-cd10-bright", 1);
  }

  @Override
  public List<MethodParameter> parameters() {
    return List.of(
        population("control", "ssc-high", "of the CD10-positive control (granulocytes)"),
        population("markers", "ssc-low", "with the marker's positive-min landmark"),
        MethodParameter.optional("quantile", Type.NUMBER, 0.95,
            "CD10 bright above this quantile of the control's CD10"));
  }

  @Override
  public MethodResult fit(MethodContext context) {
    float[] cd10 = context.columns()[0];
    double cd10Pos = landmark(context, "markers",
        context.dimensions().get(0).parameter() + ".positive-min");
    float[] control = RobustStats.values(cd10, events(context, "control"));
    // Without control cells (all granulocytes removed) there is no neutrophil CD10 to keep
    // out: the marker's positive level alone, never a NaN cut that selects nothing.
    double bright = control.length == 0 ? cd10Pos
        : Math.max(cd10Pos, RobustStats.quantile(control, context.arguments().number("quantile")));
    return result(Cuts.above("cd10-bright", dimension(context, 0), bright), "CD10 bright",
        Map.of("min", bright));
  }
}
