package org.mrdflow.gating.mrd;

import java.util.List;
import java.util.Map;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.gate.Region;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodParameter.Type;
import org.mrdflow.gating.method.MethodResult;

/**
 * {@code mrd-stem-like} (domain brief section 3.8, "panel-limited"): parent events (CD34+ CD19-
 * CD10- progenitors) with CD38 at least {@code cd38_deficit} SDs below the {@code reference}
 * progenitor median. Such a CD34+ CD38-dim compartment larger than {@code panel_limited_share}
 * of the reference (normal marrow: about an eighth) is what CD19- CD10- blasts would look like,
 * which this panel cannot tell from normal stem cells. One dimension: CD38 (logicle). Landmark
 * {@code panel-limited}: 1 or 0.
 */
public final class StemLikeMethod extends MrdMethod {
  public StemLikeMethod() {
    super("mrd-stem-like", 1);
  }

  @Override
  public List<MethodParameter> parameters() {
    return List.of(
        population("reference", "progenitors", "of all progenitors, with the CD38 landmarks"),
        MethodParameter.optional("cd38_deficit", Type.NUMBER, 3.0,
            "CD38 at least this many SDs below the progenitor median"),
        MethodParameter.optional("panel_limited_share", Type.NUMBER, 0.25,
            "panel-limited above this share of the reference"));
  }

  @Override
  public MethodResult fit(MethodContext context) {
    double median = landmark(context, "reference", "cd38-median");
    double sd = landmark(context, "reference", "cd38-sd");
    // (CD38 - median) / SD below -k, as a range of CD38 (the z-score is monotone in CD38).
    Region region = Cuts.functionBelow("cd38-dim", dimension(context, 0),
        v -> (float) ((v - median) / sd), -context.arguments().number("cd38_deficit"));
    EventMask stemLike = context.select(region);
    int progenitors = events(context, "reference").cardinality();
    boolean panelLimited = progenitors > 0 && stemLike.cardinality()
        > context.arguments().number("panel_limited_share") * progenitors;
    return result(region, "CD34+ CD38-dim CD19- CD10-",
        Map.of("panel-limited", panelLimited ? 1.0 : 0.0));
  }
}
