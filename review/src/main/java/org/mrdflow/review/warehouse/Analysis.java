package org.mrdflow.review.warehouse;

import java.util.List;
import java.util.Map;

/**
 * One analysis of one sample in one run, as the warehouse holds it: the {@code samples} row and,
 * when the sample was analysed (status OK), its {@code mrd_results} row. Field names follow the
 * Parquet columns (pipeline/README.md); the mrd_results fields are null for a FAILED sample.
 *
 * @param name what the run kept as the file's name: its keyed pseudonym, or the clear name when
 *     the run was told to keep file names (samples.file_name)
 */
public record Analysis(
    String runId,
    String runDate,
    String sampleId,
    String name,
    String status,
    String errorCode,
    String errorMessage,
    String fcsVersion,
    String instrument,
    Long totalEvents,
    String patientKey,
    String patientId,
    String specimenId,
    String collectionDate,
    String timepoint,
    Map<String, String> keywords,
    String mrdStatus,
    String statusReason,
    Double mrdFraction,
    Double sensitivity,
    Integer lodEvents,
    Integer lloqEvents,
    Long nucleatedEvents,
    Long blastEvents,
    Long cd19PosBlastEvents,
    Double cd19PosBlastFraction,
    Boolean hcd19CarEligible,
    Long lymphocyteEvents,
    Long bCellEvents,
    Double bCellFractionOfLymphocytes,
    Boolean bCellAplasia,
    Long hematogoneEvents,
    Boolean panelLimited,
    List<String> qcFlags,
    List<String> referencesUsed,
    String gatingStrategyId,
    String pipelineVersion) {

  public boolean analysed() {
    return mrdStatus != null;
  }
}
