package org.mrdflow.gating.mrd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.distribution.discrete.PoissonDistribution;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.gate.Region;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodParameter.Type;
import org.mrdflow.gating.method.MethodResult;

/**
 * {@code mrd-blast-cluster}: the {@code seeds} grown into their own cluster. When there are at
 * least {@code min_seeds} seeds and more than the tails of normal cells give, candidates with the
 * looser scores ({@link BlastSeedsMethod}: {@code score}, {@code cd38_deficit}) inside the
 * seeds' {@link BlastCluster} ellipsoid (squared standardized distance at most
 * {@code chi_square}) join them: this recovers the blasts' dimmer tails without growing into
 * hematogones. In the score of a joining cell, CD45 brighter than the progenitors is no credit
 * against a dim CD38 (the clone's CD45-bright edge, which the plain score left to the
 * hematogones: 169 of 2,086 blasts of the demo's 1e-2 marrow); hematogones stay out because
 * they are CD38 bright.
 *
 * <p>Normal candidates (hematogones, neutrophils) give a few seeds from their tails at a rate
 * per candidate ({@code background_rate}), scattered over the candidates, so the seeds'
 * ellipsoid spans normal cells: in a blast-free regenerating marrow of 1,000,000 cells (60,000
 * candidates) 20 such seeds grew into 116 events, MRD 1.2e-4. Seeds are therefore only grown
 * when they exceed the upper {@code background_quantile} of a Poisson count with mean
 * background_rate x candidates; below it they still count, ungrown, with landmark
 * {@value #WITHIN_BACKGROUND} = 1.
 *
 * <p>Beside many more normal candidates than the grown clone holds (at least
 * {@code normal_ratio} times: the hematogones of a regenerating marrow around a clone near
 * 1e-4), the tails of the normal cells rival the clone inside its ellipsoid: a clone at
 * 1.2e-4 beside 13 % hematogones in 1,000,000 cells took 113 hematogone I cells for 7 blasts,
 * MRD read 2.4e-4. Those hematogones have normal CD38 and join on a CD45 a little dimmer than
 * the progenitors'. There, joiners must also be more likely the clone's than the normal
 * candidates' ({@link BlastCluster#unlikeNormal}: a Bayes rule weighting each Gaussian by its
 * count, over the markers in which the normal candidates are the tighter population).
 *
 * <p>Dimensions: CD10, CD20, CD34, CD38, CD45 (logicle; the ellipsoid's markers). Landmarks
 * {@code score-min}, {@code cd38-deficit-min}, {@code seed-background-max}, and when grown
 * {@code normal-reference} (the candidates outside the grown clone) and per marker M
 * {@code M.centre}, {@code M.sd} and {@code distance-square}.
 */
public final class BlastClusterMethod extends MrdMethod {
  /** Landmark: 1 when the seeds were no more than normal cells' tails give (not grown). */
  static final String WITHIN_BACKGROUND = "seeds-within-background";
  /** Landmark: the most seeds normal candidates' tails give (the Poisson quantile). */
  static final String BACKGROUND_MAX = "seed-background-max";

  public BlastClusterMethod() {
    super("mrd-blast-cluster", 5);
  }

  @Override
  public List<MethodParameter> parameters() {
    return List.of(
        population("seeds", "blast-seeds", "of the seed blasts"),
        population("reference", "progenitors", "with the CD38/CD45 reference landmarks"),
        population("cd10_bright", "cd10-bright", "whose min landmark is the CD10-bright level"),
        MethodParameter.optional("score", Type.NUMBER, 2.0, "candidates joined: score above"),
        MethodParameter.optional("cd38_deficit", Type.NUMBER, 2.0,
            "candidates joined: CD38 deficit above"),
        MethodParameter.optional("min_seeds", Type.INTEGER, 10,
            "the seeds are only grown when there are at least this many"),
        MethodParameter.optional("background_rate", Type.PROBABILITY, 5e-4,
            "seeds per candidate that the tails of normal cells give"),
        MethodParameter.optional("background_quantile", Type.PROBABILITY, 0.999,
            "the seeds are only grown when more than this quantile of the Poisson background "
                + "count"),
        MethodParameter.optional("normal_ratio", Type.POSITIVE, 10.0,
            "joiners must also be more likely the clone's than the normal candidates' when "
                + "these outnumber the grown clone this many times"),
        MethodParameter.optional("chi_square", Type.NUMBER, 15.09,
            "squared standardized distance bound (15.09: chi-square 99 % with 5 degrees of "
                + "freedom)"));
  }

  @Override
  public MethodResult fit(MethodContext context) {
    EventMask seeds = events(context, "seeds");
    double scoreMin = context.arguments().number("score");
    double deficitMin = context.arguments().number("cd38_deficit");
    Map<String, Double> landmarks = new LinkedHashMap<>();
    landmarks.put("score-min", scoreMin);
    landmarks.put("cd38-deficit-min", deficitMin);
    Region seedRegion = new Region.Member(context.arguments().string("seeds"));
    double backgroundMax = backgroundMax(context.parent().cardinality(),
        context.arguments().number("background_rate"),
        context.arguments().number("background_quantile"));
    landmarks.put(BACKGROUND_MAX, backgroundMax);
    if (seeds.cardinality() < context.arguments().integer("min_seeds")) {
      return result(seedRegion, "seed blasts (too few to grow)", landmarks);
    }
    if (seeds.cardinality() <= backgroundMax) {
      landmarks.put(WITHIN_BACKGROUND, 1.0);
      return result(seedRegion, "seed blasts (no more than normal tails give: not grown)",
          landmarks);
    }
    double minSpread = landmark(context, "reference", "min-spread");
    BlastCluster cluster = BlastCluster.fit(context, seeds, minSpread,
        context.arguments().number("chi_square"));
    Region.And growable = (Region.And) BlastSeedsMethod.BlastScore.of(context, 0, 3, 4)
        .regionWithoutCd45Credit("grown", scoreMin, deficitMin);
    List<Region> grown = new ArrayList<>(growable.parts());
    grown.add(cluster.region("cluster", context.dimensions()));
    landmarks.putAll(cluster.landmarks());
    EventMask clone = context.select(
        new Region.Or("blasts", List.of(seedRegion, new Region.And("grown", grown))));
    EventMask normal = context.parent().andNot(clone);
    landmarks.put("normal-reference", (double) normal.cardinality());
    if (normal.cardinality() >= context.arguments().number("normal_ratio") * clone.cardinality()) {
      grown.add(cluster.unlikeNormal("unlike-normal", context.dimensions(), context.columns(),
          normal, clone.cardinality(), minSpread));
    }
    return result(new Region.Or("blasts", List.of(seedRegion, new Region.And("grown", grown))),
        "seed blasts grown within their cluster", landmarks);
  }

  /**
   * The {@code quantile} of a Poisson count with mean {@code rate} x {@code candidates}: the
   * most seeds the normal candidates' tails give, but for 1 - quantile of samples.
   */
  static double backgroundMax(int candidates, double rate, double quantile) {
    double mean = rate * candidates;
    if (mean <= 0) {
      return 0;
    }
    return new PoissonDistribution(mean).inverseCumulativeProbability(quantile);
  }
}
