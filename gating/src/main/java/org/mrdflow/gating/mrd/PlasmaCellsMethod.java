package org.mrdflow.gating.mrd;

import java.util.List;
import java.util.Map;
import org.mrdflow.gating.gate.Region;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodParameter.Type;
import org.mrdflow.gating.method.MethodResult;

/**
 * {@code mrd-plasma-cells} (domain brief section 3.6): CD19+ cells with CD38 far brighter than
 * normal precursors (above the {@code reference} CD38 median + {@code cd38_spreads} SDs), CD10-
 * and CD20-, set apart from the B lineage. Dimensions: CD38, CD10, CD20 (logicle). Landmark
 * {@code cd38-min}.
 */
public final class PlasmaCellsMethod extends MrdMethod {
  public PlasmaCellsMethod() {
    super("mrd-plasma-cells", 3);
  }

  @Override
  public List<MethodParameter> parameters() {
    return List.of(
        population("reference", "progenitors", "with the CD38 reference landmarks"),
        population("markers", "ssc-low", "with the markers' positive-min landmarks"),
        MethodParameter.optional("cd38_spreads", Type.NUMBER, 3.0,
            "CD38 above the progenitor median + this many SDs"));
  }

  @Override
  public MethodResult fit(MethodContext context) {
    double cd38Min = landmark(context, "reference", "cd38-median")
        + context.arguments().number("cd38_spreads") * landmark(context, "reference", "cd38-sd");
    double cd10Pos = landmark(context, "markers",
        context.dimensions().get(1).parameter() + ".positive-min");
    double cd20Pos = landmark(context, "markers",
        context.dimensions().get(2).parameter() + ".positive-min");
    Region plasma = new Region.And("plasma", List.of(
        Cuts.above("cd38-very-bright", dimension(context, 0), cd38Min),
        new Region.Not("cd10-not-positive", Cuts.above("cd10-positive", dimension(context, 1),
            cd10Pos)),
        new Region.Not("cd20-not-positive", Cuts.above("cd20-positive", dimension(context, 2),
            cd20Pos))));
    return result(plasma, "CD38-very-bright CD10- CD20-", Map.of("cd38-min", cd38Min));
  }
}
