package org.mrdflow.gating.mrd;

import java.util.List;

/**
 * The result of the automated MRD analysis of one sample: everything the {@code mrd_results} and
 * {@code populations} Parquet tables hold that is not run- or patient-level (run id, sample id,
 * patient key and pipeline version are added by the pipeline). Field names map one-to-one to the
 * snake_case column names of architecture.md's Parquet contract.
 *
 * <p>Contract between the gating and pipeline modules: fields may be added, not renamed.
 */
public record MrdResult(
    long nucleatedEvents,
    long blastEvents,
    double mrdFraction,
    MrdStatus mrdStatus,
    MrdStatusReason statusReason,
    double sensitivity,
    int lodEvents,
    int lloqEvents,
    long cd19PosBlastEvents,
    /** NaN when there are no blasts. */
    double cd19PosBlastFraction,
    /** Null when there are fewer blasts than the LOD (eligibility cannot be judged). */
    Boolean hcd19CarEligible,
    long lymphocyteEvents,
    long bCellEvents,
    /** NaN when there are no lymphocytes. */
    double bCellFractionOfLymphocytes,
    /** Null when there are no lymphocytes. */
    Boolean bCellAplasia,
    long hematogoneEvents,
    boolean panelLimited,
    List<String> qcFlags,
    String gatingStrategyId,
    String gatingStrategySha256,
    List<PopulationSummary> populations,
    /** Reference populations the blast cuts rest on ({@link SampleQuality#referencesUsed}). */
    List<String> referencesUsed,
    /** Acquired events removed by the time QC. */
    double timeQcRemovedFraction,
    /** Compensation sanity: share of T/NK cells above the CD34 or CD10 positive level. */
    double negativeControlPositiveFraction,
    /** Hemodilution index: progenitors / non-blast nucleated; NaN when not measurable. */
    double progenitorFraction,
    /** High-SSC cells / non-blast nucleated (granulocyte depletion); NaN without such cells. */
    double granulocyteFraction,
    /** Nucleated events with scatter at saturation ($PnR - 1), as a share of nucleated. */
    double saturatedFraction,
    /** Singlets that are DNA-dye negative; null when the panel's dye is not in the file. */
    Long dnaNegativeEvents,
    /** Spillover matrix used: "file", "lab:<id>" (a lab-configured matrix) or "none". */
    String compensationSource) {

  public MrdResult {
    qcFlags = List.copyOf(qcFlags);
    populations = List.copyOf(populations);
    referencesUsed = List.copyOf(referencesUsed);
  }
}
