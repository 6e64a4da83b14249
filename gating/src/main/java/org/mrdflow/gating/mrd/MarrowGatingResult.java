package org.mrdflow.gating.mrd;

import java.util.List;
import org.mrdflow.gating.events.EventMask;

/**
 * The populations the MRD gating found in one sample (event masks over all events) and the
 * sample-specific landmarks they were cut at, for plots and frozen Gating-ML geometry.
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
 * @param normalB hematogones plus mature B cells
 * @param hematogones normal B precursors (stage I, II, transitional: CD10+ or CD34+)
 * @param matureB normal CD10- B cells
 * @param stemLike CD34+ CD38-dim CD19- CD10- cells (what this panel cannot classify)
 * @param panelLimited whether stemLike exceeds the normal share of progenitors
 * @param thresholds the landmarks, on the scales the gates were applied
 * @param timeSegments time intervals [from, to) kept by the time QC; empty when it kept all
 * @param blastCluster the seed cluster the blasts were grown in, or null when not grown
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
    EventMask normalB,
    EventMask hematogones,
    EventMask matureB,
    EventMask stemLike,
    boolean panelLimited,
    Thresholds thresholds,
    List<double[]> timeSegments,
    BlastCluster blastCluster) {

  public MarrowGatingResult {
    timeSegments = List.copyOf(timeSegments);
  }

  /**
   * The ellipsoid the seed blasts were grown in: events of the candidate region within
   * {@code distanceSquare} of {@code centre} in SD units (CD10, CD20, CD34, CD38, CD45).
   */
  public record BlastCluster(double[] centre, double[] sd, double distanceSquare) {}

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
      double proBCd19Min) {}
}
