package org.mrdflow.gating.mrd;

import java.util.ArrayList;
import java.util.List;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.strategy.GatingResult;

/**
 * The sample-quality measurements a cytometrist checks before signing (issue 10 item 5) and
 * the preconditions of a NEGATIVE they decide ({@link QualityRules}). All are measured on the
 * sample itself.
 *
 * @param timeQcRemovedFraction acquired events removed by the time QC
 * @param negativeControlPositiveFraction compensation sanity: the larger share of T/NK cells
 *     above the CD34 and above the CD10 positive level (NaN without T/NK cells)
 * @param progenitorFraction hemodilution index: CD34+ CD10- progenitors / nucleated cells that
 *     are not blasts (NaN when the progenitors could not serve as the reference: their count
 *     then holds blasts or almost nothing)
 * @param granulocyteFraction high-SSC cells / nucleated cells that are not blasts (NaN without
 *     such cells)
 * @param unexplainedCd10BrightFraction CD10-bright cells of the blast scatter window (above the
 *     neutrophils' CD10, not plasma cells) that are not blasts, / nucleated cells: normal B
 *     precursors (hematogones I-II), or a clone the blast rules missed when far more than a
 *     regenerating marrow holds (NaN without nucleated cells)
 * @param progenitorsAnchored the CD38/CD45 reference was placed from the T/NK cells because the
 *     progenitors were scarce or were blasts
 * @param cd19SpilloverTail CD34+ CD10- CD20- cells reach the normal-B CD19 level only as a tail
 *     piled up at the cut ({@link ProBBlastsMethod}): spillover into CD19 the matrix leaves
 * @param referencesUsed the reference populations the blast cuts rest on, in strategy order
 */
public record SampleQuality(
    double timeQcRemovedFraction,
    double negativeControlPositiveFraction,
    double progenitorFraction,
    double granulocyteFraction,
    double unexplainedCd10BrightFraction,
    boolean progenitorsAnchored,
    boolean cd19SpilloverTail,
    List<String> referencesUsed) {

  /** QC flag: the progenitor reference was placed from the T/NK cells. */
  public static final String FLAG_PROGENITORS_ANCHORED = "progenitor-reference-from-t-nk";
  /** QC flag: T/NK cells above the CD34 or CD10 positive level (compensation sanity). */
  public static final String FLAG_COMPENSATION_SUSPECT = "compensation-suspect";
  /**
   * QC flag: CD34+ CD19-negative progenitors reach the B-lineage CD19 level as a tail, the sign
   * of spillover into CD19 that the applied matrix leaves (calibration).
   */
  public static final String FLAG_CD19_SPILLOVER_TAIL = "cd19-spillover-tail";
  /** QC flag: the time QC removed more of the acquisition than a NEGATIVE allows. */
  public static final String FLAG_ACQUISITION_DISTURBED = "acquisition-disturbed";
  /** QC flag: few marrow precursors for their share of blood cells. */
  public static final String FLAG_HEMODILUTED = "hemodiluted";
  /**
   * QC flag: more CD10-bright lymphoid cells than normal B precursors explain were not called
   * blasts (the MRD is then a lower bound; aplasia and hCD19 CAR eligibility are not evaluable).
   */
  public static final String FLAG_CD10_BRIGHT_UNEXPLAINED = "cd10-bright-unexplained";
  /** QC flag: few granulocytes, as after a density gradient. */
  public static final String FLAG_GRANULOCYTE_DEPLETED = "granulocyte-depleted";

  /** Names in {@link #referencesUsed}. */
  public static final String REFERENCE_PROGENITORS = "cd34-progenitors";
  public static final String REFERENCE_T_NK = "t-nk-lymphocytes";
  public static final String REFERENCE_GRANULOCYTES = "granulocytes";

  public SampleQuality {
    referencesUsed = List.copyOf(referencesUsed);
  }

  /** The measurements of one gated sample of {@code eventCount} acquired events. */
  static SampleQuality of(MrdEvents events, GatingResult gating, MarrowGatingResult g,
      int eventCount) {
    long nonBlast = g.nucleated().cardinality() - g.blasts().cardinality();
    EventMask granulocytes = g.nucleated().andNot(g.sscLow());
    boolean anchored = gating.population("progenitors").landmarks()
        .getOrDefault(ProgenitorsMethod.ANCHORED, 0.0) > 0;
    EventMask tNk = g.lymphocytesTnk();
    double control = Double.NaN;
    if (tNk.cardinality() > 0) {
      control = 0;
      for (String marker : List.of("CD34", "CD10")) {
        double positiveMin = gating.population("ssc-low").landmarks()
            .get(marker + ".positive-min");
        control = Math.max(control, (double) EventCuts.above(events.marker(marker), positiveMin,
            tNk).cardinality() / tNk.cardinality());
      }
    }
    EventMask unexplained = gating.population("cd10-bright").events().andNot(g.plasma())
        .andNot(g.blasts());
    long nucleated = g.nucleated().cardinality();
    List<String> references = new ArrayList<>();
    if (!anchored) {
      references.add(REFERENCE_PROGENITORS);
    }
    references.add(REFERENCE_T_NK);
    if (granulocytes.cardinality() > 0) {
      references.add(REFERENCE_GRANULOCYTES);
    }
    return new SampleQuality(
        eventCount == 0 ? 0 : 1.0 - (double) g.timeOk().cardinality() / eventCount, control,
        anchored || nonBlast <= 0 ? Double.NaN : (double) g.progenitors().cardinality() / nonBlast,
        nonBlast <= 0 ? Double.NaN : (double) granulocytes.cardinality() / nonBlast,
        nucleated == 0 ? Double.NaN : (double) unexplained.cardinality() / nucleated,
        anchored, gating.population("pro-b-blasts").landmarks()
            .getOrDefault(ProBBlastsMethod.SPILLOVER_TAIL, 0.0) > 0, references);
  }

  /**
   * The checks against {@code rules}: the QC flags they raise, and the preconditions of a
   * NEGATIVE that are not met ({@code unmet}, for {@link MrdRules#failClosed}). The
   * hemodilution index is not judged from {@code mrd} = {@link
   * QualityRules#maxMrdForHematogones} on: a diagnosis-level clone suppresses the normal
   * precursors it counts.
   */
  void check(QualityRules rules, double mrd, List<String> flags, List<MrdStatusReason> unmet) {
    if (negativeControlPositiveFraction > rules.maxNegativeControlPositiveFraction()) {
      flags.add(FLAG_COMPENSATION_SUSPECT);
      unmet.add(MrdStatusReason.CALIBRATION_FAILED);
    }
    if (cd19SpilloverTail) {
      flags.add(FLAG_CD19_SPILLOVER_TAIL);
      unmet.add(MrdStatusReason.CALIBRATION_FAILED);
    }
    if (progenitorsAnchored) {
      flags.add(FLAG_PROGENITORS_ANCHORED);
      unmet.add(MrdStatusReason.REFERENCE_MISSING);
    }
    if (unexplainedCd10BrightFraction > rules.maxUnexplainedCd10BrightFraction()) {
      flags.add(FLAG_CD10_BRIGHT_UNEXPLAINED);
      unmet.add(MrdStatusReason.BLASTS_NOT_SEPARABLE);
    }
    if (timeQcRemovedFraction > rules.maxTimeQcRemovedFraction()) {
      flags.add(FLAG_ACQUISITION_DISTURBED);
      unmet.add(MrdStatusReason.POOR_SAMPLE_QUALITY);
    }
    boolean diagnosisLevel = mrd >= rules.maxMrdForHematogones();
    if (progenitorFraction < rules.minProgenitorFraction() && !diagnosisLevel) {
      flags.add(FLAG_HEMODILUTED);
      unmet.add(MrdStatusReason.HEMODILUTED);
    }
    if (granulocyteFraction < rules.minGranulocyteFraction()) {
      flags.add(FLAG_GRANULOCYTE_DEPLETED);
    }
  }
}
