package org.mrdflow.gating.mrd;

import java.util.List;
import java.util.Map;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.Region;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodParameter.Type;
import org.mrdflow.gating.method.MethodResult;

/**
 * {@code mrd-blast-seeds} (domain brief sections 3.7-3.8): candidates clearly off the normal
 * B-cell maturation path, measured against the {@code reference} progenitors in the same
 * channels (Reiter et al. 2019; Wood 2016 "different-from-normal"):
 * <ul>
 *   <li>score = (P38 - CD38) / SD38 + (P45 - CD45) / SD45 above {@code score}: normal CD34+
 *       precursors and hematogone I are CD38 bright and CD45 dim, blasts CD38 dim and CD45
 *       dimmer;
 *   <li>CD38 deficit beyond what CD10 explains, (P38 - CD38 + CD10 - CD10bright) / SD38 above
 *       {@code cd38_deficit}: along normal maturation CD38 falls only as CD10 falls, and debris
 *       (all markers diluted together) and hematogones keep this contrast while blasts do not.
 * </ul>
 * Dimensions: CD10, CD38, CD45 (logicle). Landmarks {@code score-min},
 * {@code cd38-deficit-min}.
 */
public final class BlastSeedsMethod extends MrdMethod {
  public BlastSeedsMethod() {
    super("mrd-blast-seeds", 3);
  }

  @Override
  public List<MethodParameter> parameters() {
    return List.of(
        population("reference", "progenitors", "with the CD38/CD45 reference landmarks"),
        population("cd10_bright", "cd10-bright", "whose min landmark is the CD10-bright level"),
        MethodParameter.optional("score", Type.NUMBER, 4.0,
            "CD38 + CD45 deficit against normal progenitors (sum of z-scores) above this"),
        MethodParameter.optional("cd38_deficit", Type.NUMBER, 3.0,
            "CD38 deficit beyond what CD10 explains above this"));
  }

  @Override
  public MethodResult fit(MethodContext context) {
    BlastScore score = BlastScore.of(context, 0, 1, 2);
    double scoreMin = context.arguments().number("score");
    double deficitMin = context.arguments().number("cd38_deficit");
    return result(score.region("seeds", scoreMin, deficitMin), "seed blasts",
        Map.of("score-min", scoreMin, "cd38-deficit-min", deficitMin));
  }

  /**
   * The two blast scores against the reference progenitors as half-planes over the context's
   * CD10, CD38 and CD45 dimensions.
   */
  record BlastScore(Dimension cd10, Dimension cd38, Dimension cd45, ProgenitorScore reference,
      double cd10Bright) {

    /** Scores over the context's dimensions {@code cd10}, {@code cd38}, {@code cd45}. */
    static BlastScore of(MethodContext context, int cd10, int cd38, int cd45) {
      return new BlastScore(dimension(context, cd10), dimension(context, cd38),
          dimension(context, cd45), ProgenitorScore.of(context, "reference"),
          landmark(context, "cd10_bright", "min"));
    }

    /**
     * Score above {@code scoreMin} and CD38 deficit beyond CD10 above {@code deficitMin}:
     * (P38 - CD38 + CD10 - bright) / SD38 > k is the half-plane CD38 - CD10 < P38 - bright -
     * k SD38.
     */
    Region region(String name, double scoreMin, double deficitMin) {
      return region(name, reference.above("score", cd38, cd45, scoreMin), deficitMin);
    }

    /**
     * As {@link #region}, with CD45 brighter than the progenitors no credit against a dim CD38
     * ({@link ProgenitorScore#aboveWithoutCd45Credit}): for cells of an established clone.
     */
    Region regionWithoutCd45Credit(String name, double scoreMin, double deficitMin) {
      return region(name, reference.aboveWithoutCd45Credit("score", cd38, cd45, scoreMin),
          deficitMin);
    }

    private Region region(String name, Region score, double deficitMin) {
      return new Region.And(name, List.of(score, cd38Deficit(deficitMin)));
    }

    /** CD38 deficit beyond CD10 above {@code min}: CD38 - CD10 < P38 - bright - min SD38. */
    Region cd38Deficit(double min) {
      return Cuts.halfPlane("cd38-deficit", cd38, cd10, 1, -1,
          reference.p38Median() - cd10Bright - min * reference.p38Sd());
    }

    /**
     * CD45 excess beyond CD10, (CD45 - P45 + CD10 - bright) / SD45 above {@code min}: along
     * normal maturation CD45 rises only as CD10 falls (hematogone I is CD10 bright and CD45 as
     * dim as progenitors, mature B cells CD45 bright and CD10 negative), so a cell as CD10
     * bright as hematogone I and as CD45 bright as a lymphocyte is off that path. As a
     * half-plane: -CD45 - CD10 < -(P45 + bright + min SD45).
     */
    Region cd45Excess(double min) {
      return Cuts.halfPlane("cd45-excess", cd45, cd10, -1, -1,
          -(reference.p45Median() + cd10Bright + min * reference.p45Sd()));
    }
  }
}
