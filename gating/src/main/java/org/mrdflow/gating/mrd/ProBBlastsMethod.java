package org.mrdflow.gating.mrd;

import java.util.LinkedHashMap;
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
 * are off the path too: the seeds. Their CD38/CD45 is only 2-4 reference SDs below normal
 * progenitors and CD10 spreads on CD34-bright cells, so a fifth of such a clone fails those
 * cuts; with at least {@code min_seeds} seeds, B-lineage events with that CD19, a score above
 * {@code grow_score} (dimmer than the normal-progenitor median) and inside the seeds'
 * {@link BlastCluster} ellipsoid over all six markers join them. Dimensions: CD19, CD34, CD10,
 * CD20, CD38, CD45 (logicle). Landmarks {@code cd19-min}, {@code score-min},
 * {@code grow-score-min} and, when grown, the ellipsoid's.
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
            "seeds: CD38 + CD45 deficit against normal progenitors above this"),
        MethodParameter.optional("min_seeds", Type.INTEGER, 10,
            "the seeds are only grown when there are at least this many"),
        MethodParameter.optional("grow_score", Type.NUMBER, 0.0,
            "events joining the seeds: CD38 + CD45 deficit above this"),
        MethodParameter.optional("chi_square", Type.NUMBER, 16.81,
            "squared standardized distance bound (16.81: chi-square 99 % with 6 degrees of "
                + "freedom)"));
  }

  @Override
  public MethodResult fit(MethodContext context) {
    float[][] c = context.columns();
    float[] cd19 = c[0];
    EventMask parent = context.parent();
    EventMask bLineage = events(context, "b_lineage");
    float[] lineageCd19 = RobustStats.values(cd19, bLineage);
    double cd19Min = lineageCd19.length == 0 ? Double.POSITIVE_INFINITY
        : Math.max(landmark(context, "reference", "cd19-b-lineage-min"),
            RobustStats.median(lineageCd19) - context.arguments().number("cd19_spreads")
                * RobustStats.robustSd(lineageCd19));
    EventMask lineage = bLineage.and(parent).andNot(EventCuts.below(cd19, cd19Min, parent));
    EventMask proB = EventCuts.above(c[1], positiveMin(context, 1), lineage)
        .andNot(EventCuts.above(c[2], positiveMin(context, 2), lineage))
        .andNot(EventCuts.above(c[3], positiveMin(context, 3), lineage));
    double scoreMin = context.arguments().number("score");
    double growScore = context.arguments().number("grow_score");
    ProgenitorScore reference = ProgenitorScore.of(context, "reference");
    EventMask seeds = reference.above(c[4], c[5], proB, scoreMin);
    Map<String, Double> landmarks = new LinkedHashMap<>();
    landmarks.put("cd19-min", cd19Min);
    landmarks.put("score-min", scoreMin);
    landmarks.put("grow-score-min", growScore);
    if (seeds.cardinality() < context.arguments().integer("min_seeds")) {
      return result(seeds, "CD34+ CD10- CD20- pro-B blasts (too few to grow)", landmarks);
    }
    BlastCluster cluster = BlastCluster.fit(context, seeds,
        landmark(context, "reference", "min-spread"), context.arguments().number("chi_square"));
    EventMask within = cluster.within(c, reference.above(c[4], c[5], lineage, growScore));
    landmarks.putAll(cluster.landmarks());
    return result(seeds.or(within), "CD34+ CD10- CD20- pro-B blasts grown within their cluster",
        landmarks);
  }

  private static double positiveMin(MethodContext context, int d) {
    return landmark(context, "markers", context.dimensions().get(d).parameter() + ".positive-min");
  }
}
