package org.mrdflow.gating.mrd;

import java.util.List;
import java.util.Map;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.strategy.GatingResult;

/**
 * The populations the MRD gating found in one sample (event masks over all events) and the
 * sample-specific landmarks they were cut at, for plots and frozen Gating-ML geometry: the MRD
 * reading of the engine's {@link GatingResult} of {@code conf/gating/b-all-mrd.yaml}, whose
 * population ids ({@link #POPULATIONS}) and method landmarks it relies on.
 *
 * @param timeOk events outside acquisition disturbances
 * @param cells time-OK events that are not debris
 * @param nucleated single nucleated cells: the MRD denominator (CD45-negative erythroid kept)
 * @param sscLow low-SSC nucleated cells (lymphoid, blasts, erythroid, progenitors)
 * @param lymphocytesTnk CD45-bright low-SSC CD19- cells (T, NK)
 * @param lymphocytes T/NK plus normal B cells: the denominator of B cells % of lymphocytes
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
 * @param thresholds the landmarks, on the scales the gates were applied
 * @param timeSegments time intervals [from, to) kept by the time QC; empty when it kept all
 * @param blastCluster the ellipsoid the CD10-bright seed blasts were grown in, or null when
 *     not grown
 * @param proBCluster the ellipsoid the pro-B seed blasts were grown in, or null when not grown
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
    boolean panelLimited,
    Thresholds thresholds,
    List<double[]> timeSegments,
    BlastCluster blastCluster,
    BlastCluster proBCluster) {

  /** Population ids of the MRD strategy this result is read from. */
  public static final List<String> POPULATIONS = List.of("time-ok", "cells", "nucleated",
      "ssc-low", "cd45-bright", "lymphocytes-t-nk", "lymphocytes", "progenitors", "b-lineage",
      "plasma-cells", "cd10-bright", "cd19-negative-arm", "blast-scatter", "blast-seeds", "blast-cluster",
      "pro-b-blasts", "blasts", "cd19-positive-blasts", "normal-b", "hematogones", "mature-b",
      "stem-like");

  /** Markers of the CD10-bright blast cluster's ellipsoid (the method's dimensions). */
  public static final List<String> CLUSTER_MARKERS = List.of("CD10", "CD20", "CD34", "CD38",
      "CD45");
  /** Markers of the pro-B blast cluster's ellipsoid (the method's dimensions). */
  public static final List<String> PRO_B_CLUSTER_MARKERS = List.of("CD19", "CD34", "CD10",
      "CD20", "CD38", "CD45");

  public MarrowGatingResult {
    timeSegments = List.copyOf(timeSegments);
  }

  /** The MRD populations and landmarks of one sample gated by the MRD strategy. */
  public static MarrowGatingResult of(GatingResult r) {
    Map<String, Double> progenitors = r.population("progenitors").landmarks();
    Map<String, Double> sscLow = r.population("ssc-low").landmarks();
    Map<String, Double> scatter = r.population("blast-scatter").landmarks();
    Map<String, Double> seeds = r.population("blast-seeds").landmarks();
    Map<String, Double> grown = r.population("blast-cluster").landmarks();
    Map<String, Double> subclones = r.population("cd19-positive-blasts").landmarks();
    Thresholds thresholds = new Thresholds(
        landmark(r, "cells", "log10-debris-max"), landmark(r, "nucleated", "ratio-max"),
        get(sscLow, "ssc-low", "log10-ssc-max"),
        get(progenitors, "progenitors", "cd19-b-lineage-min"),
        get(sscLow, "ssc-low", "CD10.positive-min"), landmark(r, "cd10-bright", "min"),
        get(sscLow, "ssc-low", "CD34.positive-min"), get(sscLow, "ssc-low", "CD20.positive-min"),
        landmark(r, "cd45-bright", "min"),
        get(progenitors, "progenitors", "cd38-median"), get(progenitors, "progenitors", "cd38-sd"),
        get(progenitors, "progenitors", "cd45-median"), get(progenitors, "progenitors", "cd45-sd"),
        get(scatter, "blast-scatter", "log10-fsc-min"),
        get(scatter, "blast-scatter", "log10-fsc-max"),
        get(scatter, "blast-scatter", "log10-ssc-min"),
        get(scatter, "blast-scatter", "log10-ssc-max"),
        get(subclones, "cd19-positive-blasts", "cd19-expressed-min"),
        landmark(r, "plasma-cells", "cd38-min"),
        get(seeds, "blast-seeds", "score-min"), get(seeds, "blast-seeds", "cd38-deficit-min"),
        get(grown, "blast-cluster", "score-min"), get(grown, "blast-cluster", "cd38-deficit-min"),
        landmark(r, "pro-b-blasts", "cd19-min"), landmark(r, "pro-b-blasts", "score-min"),
        landmark(r, "pro-b-blasts", "grow-score-min"));
    return new MarrowGatingResult(events(r, "time-ok"), events(r, "cells"),
        events(r, "nucleated"), events(r, "ssc-low"), events(r, "lymphocytes-t-nk"),
        events(r, "lymphocytes"), events(r, "progenitors"), events(r, "b-lineage"),
        events(r, "plasma-cells"), events(r, "cd19-negative-arm"), events(r, "blast-seeds"),
        events(r, "blasts"), events(r, "cd19-positive-blasts"),
        get(subclones, "cd19-positive-blasts", "positive-fraction"),
        get(subclones, "cd19-positive-blasts", "expression-uncertain") > 0, events(r, "normal-b"),
        events(r, "hematogones"), events(r, "mature-b"), events(r, "stem-like"),
        landmark(r, "stem-like", "panel-limited") > 0, thresholds,
        TimeQcMethod.segments(r.population("time-ok").landmarks()),
        BlastCluster.fromLandmarks(grown, CLUSTER_MARKERS).orElse(null),
        BlastCluster.fromLandmarks(r.population("pro-b-blasts").landmarks(),
            PRO_B_CLUSTER_MARKERS).orElse(null));
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

  /**
   * Landmarks of one sample. Scatter thresholds are log10 of the linear value; marker
   * thresholds are on the logicle gating scale (0..1).
   *
   * @param debrisLog10FscMax debris: log10 FSC-A at or below
   * @param singletRatioMax singlets: FSC-A / FSC-H at or below
   * @param sscLowLog10Max low SSC: log10 SSC-A at or below
   * @param cd19Positive CD19+ above
   * @param cd10Positive CD10+ above
   * @param cd10Bright CD10 bright above (blast candidates of both arms)
   * @param cd34Positive CD34+ above
   * @param cd20Positive CD20+ above
   * @param lymphocyteCd45Min lymphocytes: CD45 above
   * @param progenitorCd38Median reference CD38 (normal CD34+ precursors)
   * @param progenitorCd38Sd its robust SD
   * @param progenitorCd45Median reference CD45
   * @param progenitorCd45Sd its robust SD
   * @param blastLog10FscMin blast scatter window
   * @param blastLog10FscMax blast scatter window
   * @param blastLog10SscMin blast scatter window
   * @param blastLog10SscMax blast scatter window
   * @param cd19ExpressedAbove a single blast clone with mean CD19 above this expresses CD19
   *     (T/NK median + 2 SD)
   * @param plasmaCd38Min plasma cells: CD38 above
   * @param coreScore seed blasts: CD38 + CD45 z-score sum above
   * @param coreCd38Deficit seed blasts: CD38 deficit beyond CD10 above
   * @param growScore grown blasts: score above
   * @param growCd38Deficit grown blasts: deficit above
   * @param proBCd19Min pro-B blasts (CD34+ CD10- CD20-): CD19 at least this
   * @param proBScore pro-B seed blasts: score above
   * @param proBGrowScore grown pro-B blasts: score above
   */
  public record Thresholds(
      double debrisLog10FscMax,
      double singletRatioMax,
      double sscLowLog10Max,
      double cd19Positive,
      double cd10Positive,
      double cd10Bright,
      double cd34Positive,
      double cd20Positive,
      double lymphocyteCd45Min,
      double progenitorCd38Median,
      double progenitorCd38Sd,
      double progenitorCd45Median,
      double progenitorCd45Sd,
      double blastLog10FscMin,
      double blastLog10FscMax,
      double blastLog10SscMin,
      double blastLog10SscMax,
      double cd19ExpressedAbove,
      double plasmaCd38Min,
      double coreScore,
      double coreCd38Deficit,
      double growScore,
      double growCd38Deficit,
      double proBCd19Min,
      double proBScore,
      double proBGrowScore) {}
}
