package org.mrdflow.pipeline.compare;

/**
 * One sample of a method comparison: the lab's manual gating (FlowJo workspace) against the
 * automated analysis of the same file. Counts are events; fractions NaN when undefined;
 * per-event precision/recall/F1 treat the manual gate as the reference.
 *
 * @param sample a sequence id ({@code S001}), or the workspace sample name when names are
 *     shown
 * @param automatedBLineageEvents -1 when not known (compare --results: a run's tables do not
 *     hold it)
 * @param error why the sample could not be compared (missing file, unmapped population), or
 *     null
 * @param importProblems what of the sample's workspace gating could not be imported (typed
 *     {@code FlowJoImportProblem}s naming the sample and the gate, joined by "; "), or null
 */
public record ComparisonRow(
    String sample,
    long manualDenominatorEvents,
    long manualBlastEvents,
    double manualMrd,
    String manualCategory,
    long automatedDenominatorEvents,
    long automatedBlastEvents,
    double automatedMrd,
    String automatedCategory,
    double blastPrecision,
    double blastRecall,
    double blastF1,
    double denominatorPrecision,
    double denominatorRecall,
    double denominatorF1,
    long manualBLineageEvents,
    long automatedBLineageEvents,
    long manualHematogoneEvents,
    long automatedHematogoneEvents,
    double manualCd19PosBlastFraction,
    double automatedCd19PosBlastFraction,
    Boolean manualHcd19CarEligible,
    Boolean automatedHcd19CarEligible,
    String error,
    String importProblems) {

  static ComparisonRow failed(String sample, String error, String importProblems) {
    return new ComparisonRow(sample, 0, 0, Double.NaN, null, 0, 0, Double.NaN, null, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0, Double.NaN,
        Double.NaN, null, null, error, importProblems);
  }
}
