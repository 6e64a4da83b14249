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
 * {@code mrd-progenitors}: normal CD34+ CD10- CD45-dim precursors (myeloid progenitors), the
 * CD38-bright, CD45-dim internal control every marrow has, B-cell aplastic ones after CAR-T
 * included (Reiter et al. 2019: leukemic blasts are CD38 dim and CD45 dimmer than them).
 * Dimensions: CD34, CD10, CD19, CD38, CD45 (logicle). Events: parent CD34+ CD10- and not in the
 * {@code exclude} (CD45-bright) population, positivity from the {@code markers} population's
 * landmarks. Landmarks, from the CD19- ones: {@code cd38-median}, {@code cd38-sd},
 * {@code cd45-median}, {@code cd45-sd} (robust, floored at {@code min_spread_decades});
 * {@code min-spread}; and {@code cd19-b-lineage-min}: the upper edge of the CD19 spillover
 * spreading ({@link Cd19SpreadingEdge}) on the progenitors least like pro-B blasts (CD38 and
 * CD45 at least {@code cd19_reference_score} brighter than the reference, CD38 below
 * plasma-cell level), at least the CD19 negative level, so CD19 spreading from CD34 on normal
 * progenitors does not make them B lineage while CD19+ CD34+ CD10- pro-B blasts stay above it.
 */
public final class ProgenitorsMethod extends MrdMethod {
  /**
   * Landmark: 1 when the progenitors could not serve as the reference (too few, or their
   * medians far below the T/NK-anchored position: blasts) and the reference was placed from
   * the T/NK cells instead, else 0.
   */
  static final String ANCHORED = "anchored-to-t-nk";
  public ProgenitorsMethod() {
    super("mrd-progenitors", 5);
  }

  @Override
  public List<MethodParameter> parameters() {
    return with(List.of(
        population("markers", "ssc-low", "with the markers' positive-min landmarks"),
        population("exclude", "cd45-bright", "of CD45-bright (lymphocyte-level) cells"),
        MethodParameter.optional("cd19_reference_score", Type.NUMBER, -1.0,
            "CD19 spreading measured on progenitors whose CD38 + CD45 deficit is below this"),
        MethodParameter.optional("plasma_cd38_spreads", Type.NUMBER, 3.0,
            "and whose CD38 is below the reference median + this many SDs (not plasma cells)"),
        MethodParameter.optional("cd19_tail_extension", Type.NUMBER, 1.0,
            "the spreading's upper edge is at most their q95 + this many (q95 - q75)"),
        MethodParameter.optional("cd19_core_extension", Type.NUMBER, 2.0,
            "and at most their q75 + this many (q75 - q50)"),
        MethodParameter.optional("cd19_valley_ratio", Type.NUMBER, 0.5,
            "the low-SSC CD19 valley bounds that edge when its density is at most this "
                + "fraction of the CD19+ mode"),
        MethodParameter.optional("min_events", Type.INTEGER, 20,
            "fewest CD19- progenitors the reference may be estimated from"),
        MethodParameter.optional("min_spread_decades", Type.NUMBER, 0.05,
            "floor on any estimated spread, in decades"),
        MethodParameter.optional("cd19_reference_fallback_cd38", Type.NUMBER, -1.0,
            "too few such progenitors: measure on those with CD38 above the reference "
                + "median + this many SDs (and below plasma-cell CD38)"),
        MethodParameter.optional("anchor_cd38_decades", Type.NUMBER, 1.42,
            "no usable progenitors: their CD38 median is the T/NK median + this many decades"),
        MethodParameter.optional("anchor_cd45_decades", Type.NUMBER, -0.91,
            "and their CD45 median the T/NK median + this many decades"),
        MethodParameter.optional("anchor_cd38_sd_decades", Type.NUMBER, 0.29,
            "with this CD38 robust SD, in decades"),
        MethodParameter.optional("anchor_cd45_sd_decades", Type.NUMBER, 0.15,
            "and this CD45 robust SD, in decades"),
        MethodParameter.optional("max_reference_shift_decades", Type.NUMBER, 1.0,
            "measured progenitors whose CD38 + CD45 medians lie more than this many decades "
                + "below the T/NK-anchored position are blasts, not a normal reference"),
        MethodParameter.optional("min_anchor_events", Type.INTEGER, 200,
            "fewest CD19- CD45-bright (T/NK) cells the anchored position may rest on")),
        binningParameters());
  }

  @Override
  public MethodResult fit(MethodContext context) {
    float[][] c = context.columns();
    float[] cd34 = c[0];
    float[] cd10 = c[1];
    float[] cd19 = c[2];
    float[] cd38 = c[3];
    float[] cd45 = c[4];
    EventMask sscLow = context.parent();
    String cd34Name = context.dimensions().get(0).parameter();
    String cd10Name = context.dimensions().get(1).parameter();
    String cd19Name = context.dimensions().get(2).parameter();
    double cd34Pos = landmark(context, "markers", cd34Name + ".positive-min");
    double cd10Pos = landmark(context, "markers", cd10Name + ".positive-min");
    double cd19Negative = landmark(context, "markers", cd19Name + ".positive-min");
    Region region = new Region.And("progenitors", List.of(
        Cuts.above("cd34-positive", dimension(context, 0), cd34Pos),
        new Region.Not("cd10-not-positive", Cuts.above("cd10-positive", dimension(context, 1),
            cd10Pos)),
        new Region.Not("not-excluded",
            new Region.Member(context.arguments().string("exclude")))));
    EventMask progenitors = context.select(region);
    EventMask reference =
        progenitors.andNot(EventCuts.above(cd19, cd19Negative, progenitors));
    int minEvents = context.arguments().integer("min_events");
    double minSpread = context.arguments().number("min_spread_decades") * decade(context, 3);
    Reference anchored = anchored(context, cd19Negative);
    Reference measured = null;
    if (reference.cardinality() >= minEvents) {
      float[] p38 = RobustStats.values(cd38, reference);
      float[] p45 = RobustStats.values(cd45, reference);
      measured = new Reference(RobustStats.median(p38),
          Math.max(RobustStats.robustSd(p38), minSpread), RobustStats.median(p45),
          Math.max(RobustStats.robustSd(p45), minSpread));
    }
    boolean useAnchor = measured == null || (anchored != null
        && (anchored.cd38Median() - measured.cd38Median()) / decade(context, 3)
            + (anchored.cd45Median() - measured.cd45Median()) / decade(context, 4)
            > context.arguments().number("max_reference_shift_decades"));
    if (useAnchor && anchored == null) {
      throw cannotCalibrate(context, "only " + reference.cardinality()
          + " CD34+ CD10- CD19- progenitors (need " + minEvents + ") and too few CD19- "
          + "CD45-bright T/NK cells to place the progenitor reference (need "
          + context.arguments().integer("min_anchor_events") + ")");
    }
    Reference used = useAnchor ? anchored : measured;
    double p38Median = used.cd38Median();
    double p38Sd = used.cd38Sd();
    double p45Median = used.cd45Median();
    double p45Sd = used.cd45Sd();

    // CD19 spillover spreading on CD34-bright cells that do not carry CD19, measured on the
    // progenitors least like pro-B blasts: CD38 and CD45 at least as bright as the reference
    // (score below cd19_reference_score) and not plasma-cell CD38 bright.
    float[] cd38Z = EventCuts.standardized(cd38, p38Median, p38Sd);
    EventMask cd19Reference = EventMask.none(progenitors.size());
    double referenceScore = context.arguments().number("cd19_reference_score");
    double plasmaZ = context.arguments().number("plasma_cd38_spreads");
    ProgenitorScore score = new ProgenitorScore(p38Median, p38Sd, p45Median, p45Sd);
    for (int i : progenitors.indices()) {
      if (score.score(cd38[i], cd45[i]) < referenceScore && cd38Z[i] < plasmaZ) {
        cd19Reference.set(i);
      }
    }
    if (cd19Reference.cardinality() < minEvents) {
      cd19Reference = EventCuts.above(cd38Z,
          context.arguments().number("cd19_reference_fallback_cd38"), progenitors)
          .andNot(EventCuts.above(cd38Z, plasmaZ, progenitors));
    }
    double valley = Cd19SpreadingEdge.valley(cd19, sscLow, cd19Negative,
        context.arguments().number("cd19_valley_ratio"), binning(context));
    double edge = Cd19SpreadingEdge.of(cd19, cd19Reference, valley,
        context.arguments().number("cd19_tail_extension"),
        context.arguments().number("cd19_core_extension"), minEvents);
    // No CD34-bright cell to measure the spreading on (no progenitors passed the CD34 level):
    // the CD19 negative level alone. A NaN edge would make no cell CD19+, and a diagnosis-level
    // clone would then be counted as T/NK lymphocytes (B cells 0 %, "aplasia").
    double cd19Pos = Double.isNaN(edge) ? cd19Negative : Math.max(cd19Negative, edge);
    return result(region, "CD34+ CD10- CD45-dim progenitors", Map.of(
        "cd38-median", p38Median, "cd38-sd", p38Sd, "cd45-median", p45Median, "cd45-sd", p45Sd,
        "min-spread", minSpread, "cd19-b-lineage-min", cd19Pos,
        "reference-events", (double) reference.cardinality(),
        ANCHORED, useAnchor ? 1.0 : 0.0));
  }

  /**
   * Where normal CD34+ progenitors sit in CD38/CD45, placed from the sample's CD19- CD45-bright
   * (T/NK) cells: their medians plus the offsets measured on normal marrows (see the strategy
   * YAML), with the progenitors' usual spreads; null with too few such cells.
   */
  private static Reference anchored(MethodContext context, double cd19Negative) {
    float[][] c = context.columns();
    EventMask tNk = events(context, "exclude").and(context.parent())
        .andNot(EventCuts.above(c[2], cd19Negative, context.parent()));
    if (tNk.cardinality() < context.arguments().integer("min_anchor_events")) {
      return null;
    }
    double d38 = decade(context, 3);
    double d45 = decade(context, 4);
    return new Reference(
        RobustStats.median(RobustStats.values(c[3], tNk))
            + context.arguments().number("anchor_cd38_decades") * d38,
        context.arguments().number("anchor_cd38_sd_decades") * d38,
        RobustStats.median(RobustStats.values(c[4], tNk))
            + context.arguments().number("anchor_cd45_decades") * d45,
        context.arguments().number("anchor_cd45_sd_decades") * d45);
  }

  /** The CD38/CD45 position and spread of normal progenitors. */
  private record Reference(double cd38Median, double cd38Sd, double cd45Median, double cd45Sd) {}
}
