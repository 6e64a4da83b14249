package org.mrdflow.gating.mrd;

import java.util.List;
import java.util.Map;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodParameter.Type;
import org.mrdflow.gating.method.MethodResult;

/**
 * {@code mrd-pro-b-blasts}: CD10-negative pro-B blasts (KMT2A-like). Normal B precursors are
 * CD10 bright while CD34+, so B-lineage CD34+ CD10- CD20- cells with normal-B CD19 (above the
 * {@code b_lineage} median - {@code cd19_spreads} robust SDs, unlike the CD19 spreading of
 * CD34-bright progenitors) and a CD38/CD45 score ({@link BlastSeedsMethod}) above {@code score}
 * are off the path too. Dimensions: CD19, CD34, CD10, CD20, CD38, CD45 (logicle). Landmark
 * {@code cd19-min}.
 */
public final class ProBBlastsMethod extends MrdMethod {
  public ProBBlastsMethod() {
    super("mrd-pro-b-blasts", 6);
  }

  @Override
  public List<MethodParameter> parameters() {
    return List.of(
        population("b_lineage", "b-lineage", "of the B lineage"),
        population("reference", "progenitors", "with the CD38/CD45 reference landmarks"),
        population("markers", "ssc-low", "with the markers' positive-min landmarks"),
        MethodParameter.optional("cd19_spreads", Type.NUMBER, 3.0,
            "CD19 above the B-lineage median minus this many robust SDs"),
        MethodParameter.optional("score", Type.NUMBER, 2.0,
            "CD38 + CD45 deficit against normal progenitors above this"));
  }

  @Override
  public MethodResult fit(MethodContext context) {
    float[][] c = context.columns();
    float[] cd19 = c[0];
    float[] cd38 = c[4];
    float[] cd45 = c[5];
    EventMask parent = context.parent();
    EventMask bLineage = events(context, "b_lineage");
    float[] lineageCd19 = RobustStats.values(cd19, bLineage);
    double cd19Min = lineageCd19.length == 0 ? Double.POSITIVE_INFINITY
        : Math.max(landmark(context, "reference", "cd19-b-lineage-min"),
            RobustStats.median(lineageCd19) - context.arguments().number("cd19_spreads")
                * RobustStats.robustSd(lineageCd19));
    EventMask proB = EventCuts.above(c[1], positiveMin(context, 1), parent).and(bLineage)
        .andNot(EventCuts.above(c[2], positiveMin(context, 2), parent))
        .andNot(EventCuts.above(c[3], positiveMin(context, 3), parent))
        .andNot(EventCuts.below(cd19, cd19Min, parent));
    double p38Median = landmark(context, "reference", "cd38-median");
    double p38Sd = landmark(context, "reference", "cd38-sd");
    double p45Median = landmark(context, "reference", "cd45-median");
    double p45Sd = landmark(context, "reference", "cd45-sd");
    double scoreMin = context.arguments().number("score");
    EventMask blasts = EventMask.none(parent.size());
    for (int i : proB.indices()) {
      double score = (p38Median - cd38[i]) / p38Sd + (p45Median - cd45[i]) / p45Sd;
      if (score > scoreMin) {
        blasts.set(i);
      }
    }
    return result(blasts, "CD34+ CD10- CD20- pro-B blasts", Map.of("cd19-min", cd19Min));
  }

  private static double positiveMin(MethodContext context, int d) {
    return landmark(context, "markers", context.dimensions().get(d).parameter() + ".positive-min");
  }
}
