package org.mrdflow.gating.mrd;

import java.util.List;
import java.util.Map;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.strategy.GatingResult;

/**
 * The populations the MRD call is made from (event masks over all events) and the two
 * subclone/panel findings: the MRD reading of the engine's {@link GatingResult} of
 * {@code conf/gating/b-all-mrd.yaml}, whose population ids ({@link #POPULATIONS}) and landmarks
 * it relies on. The geometry that selected them is the result's applied strategy.
 *
 * @param timeOk events outside acquisition disturbances
 * @param cells time-OK events that are not debris
 * @param nucleated all singlets after time QC and debris: the MRD denominator (nucleated cells
 *     by the domain brief's definition, CD45-negative erythroid included)
 * @param sscLow low-SSC nucleated cells (lymphoid, blasts, erythroid, progenitors)
 * @param lymphocytesTnk CD45-bright low-SSC CD19- cells (T, NK)
 * @param lymphocytes T/NK cells that are not blasts plus normal B cells (not the CD45-bright
 *     scatter gate): the denominator of B cells % of lymphocytes
 * @param progenitors CD34+ CD10- low-SSC CD45-dim cells (the CD38/CD45 reference)
 * @param bLineage CD19+ low-SSC cells without plasma cells
 * @param plasma CD19+ CD38-very-bright CD10- CD20- cells
 * @param cd19NegativeArm CD19- CD10-bright low-SSC cells in the blast scatter window
 * @param blastSeeds blasts found by the strict score alone
 * @param blasts leukemic events (both arms)
 * @param cd19PositiveBlasts blasts of a CD19-expressing subclone
 * @param cd19PositiveFraction CD19-expressing share of blasts (NaN without blasts)
 * @param cd19ExpressionUncertain the blasts' CD19 expression is not established (one clone just
 *     above the negative level; counted as not expressing)
 * @param normalB hematogones plus mature B cells
 * @param hematogones normal B precursors (stage I, II, transitional: CD10+ or CD34+)
 * @param matureB normal CD10- B cells
 * @param stemLike CD34+ CD38-dim CD19- CD10- cells (what this panel cannot classify)
 * @param panelLimited whether stemLike exceeds the normal share of progenitors
 */
public record MarrowGatingResult(
    EventMask timeOk,
    EventMask cells,
    EventMask nucleated,
    EventMask sscLow,
    EventMask lymphocytesTnk,
    EventMask lymphocytes,
    EventMask progenitors,
    EventMask bLineage,
    EventMask plasma,
    EventMask cd19NegativeArm,
    EventMask blastSeeds,
    EventMask blasts,
    EventMask cd19PositiveBlasts,
    double cd19PositiveFraction,
    boolean cd19ExpressionUncertain,
    EventMask normalB,
    EventMask hematogones,
    EventMask matureB,
    EventMask stemLike,
    boolean panelLimited) {

  /** Population ids of the MRD strategy this result is read from. */
  public static final List<String> POPULATIONS = List.of("time-ok", "cells", "nucleated",
      "ssc-low", "cd45-bright", "lymphocytes-t-nk", "lymphocytes", "progenitors", "b-lineage",
      "plasma-cells", "cd10-bright", "cd19-negative-arm", "blast-scatter", "blast-seeds", "blast-cluster",
      "pro-b-blasts", "blasts", "cd19-positive-blasts", "normal-b", "hematogones", "mature-b",
      "stem-like");

  /** The MRD populations and landmarks of one sample gated by the MRD strategy. */
  public static MarrowGatingResult of(GatingResult r) {
    Map<String, Double> subclones = r.population("cd19-positive-blasts").landmarks();
    return new MarrowGatingResult(events(r, "time-ok"), events(r, "cells"),
        events(r, "nucleated"), events(r, "ssc-low"), events(r, "lymphocytes-t-nk"),
        events(r, "lymphocytes"), events(r, "progenitors"), events(r, "b-lineage"),
        events(r, "plasma-cells"), events(r, "cd19-negative-arm"), events(r, "blast-seeds"),
        events(r, "blasts"), events(r, "cd19-positive-blasts"),
        get(subclones, "cd19-positive-blasts", "positive-fraction"),
        get(subclones, "cd19-positive-blasts", "expression-uncertain") > 0, events(r, "normal-b"),
        events(r, "hematogones"), events(r, "mature-b"), events(r, "stem-like"),
        landmark(r, "stem-like", "panel-limited") > 0);
  }

  private static EventMask events(GatingResult r, String population) {
    return r.population(population).events();
  }

  private static double landmark(GatingResult r, String population, String key) {
    return get(r.population(population).landmarks(), population, key);
  }

  private static double get(Map<String, Double> landmarks, String population, String key) {
    Double value = landmarks.get(key);
    if (value == null) {
      throw new GatingException("MRD strategy: population '" + population
          + "' has no landmark '" + key + "' (is it cut by its MRD method?)");
    }
    return value;
  }
}
