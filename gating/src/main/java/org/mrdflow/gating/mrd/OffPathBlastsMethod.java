package org.mrdflow.gating.mrd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodParameter.Type;
import org.mrdflow.gating.method.MethodResult;
import org.mrdflow.gating.gate.Region;

/**
 * {@code mrd-off-path-blasts}: a CD10-bright clone as CD45 bright as lymphocytes, which the
 * blast score ({@link BlastSeedsMethod}, "CD38 and CD45 dimmer than normal progenitors") does
 * not see. Along normal B maturation CD38 falls and CD45 rises only as CD10 falls (domain brief
 * 3.6; Reiter et al. 2019, EuroFlow "different from normal"), so CD10-bright cells of a normal
 * or regenerating marrow are CD38 bright and CD45 dim to moderate. Seeds are candidates with
 * both a CD38 deficit beyond CD10 above {@code cd38_deficit} and a CD45 excess beyond CD10
 * above {@code cd45_excess} (in progenitor SDs). Hematogones' tails give a few such events, as
 * scattered outliers; a clone gives a cluster. So the seeds only count when there are at least
 * {@code min_seeds} of them and they are at least {@code min_seed_share} of the CD10-bright
 * candidates; they are then grown, like the other blast arms, into candidates with both
 * contrasts above {@code grow} inside the seeds' {@link BlastCluster} ellipsoid. Both contrasts
 * are measured from the CD10-bright level, the mature neutrophils' CD10: in a
 * granulocyte-depleted sample ({@code control} below {@code min_control_share} of the nucleated
 * cells outside the candidates) it falls with the remaining immature neutrophils (0.55 against
 * about 0.72 in a Ficoll 98 % marrow) and lifts every hematogone's contrasts, so the arm finds
 * no clone there. Dimensions:
 * CD10, CD20, CD34, CD38, CD45 (logicle). Landmarks {@code cd38-deficit-min},
 * {@code cd45-excess-min}, {@code seeds} and, when grown, the ellipsoid's.
 */
public final class OffPathBlastsMethod extends MrdMethod {
  public OffPathBlastsMethod() {
    super("mrd-off-path-blasts", 5);
  }

  @Override
  public List<MethodParameter> parameters() {
    return List.of(
        population("reference", "progenitors", "with the CD38/CD45 reference landmarks"),
        population("cd10_bright", "cd10-bright", "whose min landmark is the CD10-bright level"),
        population("control", "ssc-high", "of the neutrophils the CD10-bright level comes from"),
        population("nucleated", "nucleated", "of the nucleated cells"),
        MethodParameter.optional("min_control_share", Type.NUMBER, 0.25,
            "fewer control cells than this share of the nucleated cells outside the "
                + "candidates: the CD10-bright level is not the mature neutrophils', no clone"),
        MethodParameter.optional("cd38_deficit", Type.NUMBER, 4.0,
            "seeds: CD38 deficit beyond CD10 above this"),
        MethodParameter.optional("cd45_excess", Type.NUMBER, 6.0,
            "seeds: CD45 excess beyond CD10 above this"),
        MethodParameter.optional("grow", Type.NUMBER, 2.0,
            "grown: both contrasts above this, inside the seeds' ellipsoid"),
        MethodParameter.optional("min_seeds", Type.INTEGER, 20,
            "fewer seeds than this are no clone"),
        MethodParameter.optional("min_seed_share", Type.NUMBER, 0.01,
            "seeds below this share of the candidates are hematogone outliers, no clone"),
        MethodParameter.optional("chi_square", Type.NUMBER, 15.09,
            "squared standardized distance bound (15.09: chi-square 99 % with 5 degrees of "
                + "freedom)"));
  }

  @Override
  public MethodResult fit(MethodContext context) {
    BlastSeedsMethod.BlastScore score = BlastSeedsMethod.BlastScore.of(context, 0, 3, 4);
    double deficitMin = context.arguments().number("cd38_deficit");
    double excessMin = context.arguments().number("cd45_excess");
    double grow = context.arguments().number("grow");
    Region seedRegion = new Region.And("seeds",
        List.of(score.cd38Deficit(deficitMin), score.cd45Excess(excessMin)));
    EventMask seeds = context.select(seedRegion);
    Map<String, Double> landmarks = new LinkedHashMap<>();
    landmarks.put("cd38-deficit-min", deficitMin);
    landmarks.put("cd45-excess-min", excessMin);
    landmarks.put("seeds", (double) seeds.cardinality());
    int outsideCandidates = events(context, "nucleated").cardinality()
        - context.parent().cardinality();
    if (events(context, "control").cardinality()
            < context.arguments().number("min_control_share") * outsideCandidates
        || seeds.cardinality() < context.arguments().integer("min_seeds")
        || seeds.cardinality() < context.arguments().number("min_seed_share")
            * context.parent().cardinality()) {
      return result(new Region.Nothing(), "no off-path CD10-bright clone", landmarks);
    }
    BlastCluster cluster = BlastCluster.fit(context, seeds,
        landmark(context, "reference", "min-spread"), context.arguments().number("chi_square"));
    List<Region> grown = new ArrayList<>(List.of(score.cd38Deficit(grow), score.cd45Excess(grow),
        cluster.region("cluster", context.dimensions())));
    landmarks.putAll(cluster.landmarks());
    return result(new Region.Or("off-path", List.of(seedRegion, new Region.And("grown", grown))),
        "CD10-bright CD45-bright CD38-deficient blasts grown within their cluster", landmarks);
  }
}
