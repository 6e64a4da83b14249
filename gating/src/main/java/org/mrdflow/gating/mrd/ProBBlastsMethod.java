package org.mrdflow.gating.mrd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.gate.Region;
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
 * {@link BlastCluster} ellipsoid over all six markers join them. A clone at the normal-B CD19
 * level is a cluster whose median lies well above the cut (it loses few events to it); CD34+
 * CD19-negative progenitors pushed up to the cut by spillover into CD19 (a stale or wrong
 * matrix) are the tail of a population below it, piled up at the cut. So with at least
 * {@code min_seeds} seeds whose CD19 median is less than {@code cd19_edge_spreads} of their own
 * robust SDs above the cut, the seeds are that tail: no pro-B blasts, landmark
 * {@value #SPILLOVER_TAIL} = 1 (a calibration flag; {@link SampleQuality}). In a blast-free
 * regenerating marrow with a 15 % stale matrix, 60 myeloid progenitors had median - cut = 1.1
 * SDs; pro-B clones of both generators 2.6-3.0 (and about 1 for an exponential tail, about 3
 * for a clone centred at the B-lineage median). Dimensions: CD19, CD34, CD10, CD20, CD38, CD45
 * (logicle). Landmarks {@code cd19-min}, {@code score-min}, {@code grow-score-min},
 * {@code cd19-edge-spreads} (the seeds' (median - cut) / robust SD) and, when grown, the
 * ellipsoid's.
 */
public final class ProBBlastsMethod extends MrdMethod {
  /** Landmark: 1 when the seeds are a spillover tail at the CD19 cut, not a clone. */
  static final String SPILLOVER_TAIL = "cd19-spillover-tail";

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
        MethodParameter.optional("cd19_edge_spreads", Type.POSITIVE, 2.0,
            "seeds whose CD19 median is fewer robust SDs above the CD19 cut are a spillover "
                + "tail, no clone"),
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
    // B lineage at normal-B CD19 (not below cd19-min), then the pro-B seeds: CD34+ CD10- CD20-
    // with a CD38/CD45 score above the seed level.
    List<Region> lineage = List.of(
        new Region.Member(context.arguments().string("b_lineage")),
        new Region.Not("cd19-at-b-level", Cuts.below("cd19-below-b-level", dimension(context, 0),
            cd19Min)));
    double scoreMin = context.arguments().number("score");
    double growScore = context.arguments().number("grow_score");
    ProgenitorScore reference = ProgenitorScore.of(context, "reference");
    List<Region> seedParts = new ArrayList<>(lineage);
    seedParts.addAll(List.of(
        Cuts.above("cd34-positive", dimension(context, 1), positiveMin(context, 1)),
        new Region.Not("cd10-not-positive",
            Cuts.above("cd10-positive", dimension(context, 2), positiveMin(context, 2))),
        new Region.Not("cd20-not-positive",
            Cuts.above("cd20-positive", dimension(context, 3), positiveMin(context, 3))),
        reference.above("score", dimension(context, 4), dimension(context, 5), scoreMin)));
    Region seedRegion = new Region.And("seeds", seedParts);
    EventMask seeds = context.select(seedRegion);
    Map<String, Double> landmarks = new LinkedHashMap<>();
    landmarks.put("cd19-min", cd19Min);
    landmarks.put("score-min", scoreMin);
    landmarks.put("grow-score-min", growScore);
    if (seeds.cardinality() < context.arguments().integer("min_seeds")) {
      return result(seedRegion, "CD34+ CD10- CD20- pro-B blasts (too few to grow)", landmarks);
    }
    float[] seedCd19 = RobustStats.values(cd19, seeds);
    double edgeSpreads = (RobustStats.median(seedCd19) - cd19Min)
        / RobustStats.robustSd(seedCd19);
    landmarks.put("cd19-edge-spreads", edgeSpreads);
    if (!(edgeSpreads >= context.arguments().number("cd19_edge_spreads"))) {
      landmarks.put(SPILLOVER_TAIL, 1.0);
      return result(new Region.Nothing(),
          "no pro-B blasts: the CD34+ CD10- seeds are a spillover tail at the CD19 cut", landmarks);
    }
    BlastCluster cluster = BlastCluster.fit(context, seeds,
        landmark(context, "reference", "min-spread"), context.arguments().number("chi_square"));
    List<Region> grown = new ArrayList<>(lineage);
    grown.add(reference.above("grow-score", dimension(context, 4), dimension(context, 5),
        growScore));
    grown.add(cluster.region("cluster", context.dimensions()));
    landmarks.putAll(cluster.landmarks());
    return result(new Region.Or("pro-b", List.of(seedRegion, new Region.And("grown", grown))),
        "CD34+ CD10- CD20- pro-B blasts grown within their cluster", landmarks);
  }

  private static double positiveMin(MethodContext context, int d) {
    return landmark(context, "markers", context.dimensions().get(d).parameter() + ".positive-min");
  }
}
