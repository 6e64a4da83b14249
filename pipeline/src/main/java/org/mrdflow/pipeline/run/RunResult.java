package org.mrdflow.pipeline.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a finished run reports: counts for the one-page summary and where its outputs are.
 *
 * @param failuresByCode FAILED files per error code
 * @param mrdByStatus analysed samples per MRD status (POSITIVE, NEGATIVE, INDETERMINATE)
 * @param files files analysed in this run ({@code files_analysed}: OK + FAILED rows)
 * @param failedExamples the first few FAILED files as "code: message [clear path]": for the lab's
 *     terminal only (the clear path is never written to an output)
 * @param unmatchedFiles files without a manifest row (when a manifest was given)
 * @param unusedManifestRows manifest rows naming no input file (or several)
 * @param ignoredFiles files skipped as not FCS (neither content nor extension)
 * @param analysisSeconds wall time of the analysis pass (with the events table when asked for)
 * @param tablesSeconds wall time of writing the per-sample tables
 * @param reportSeconds wall time of the report, provenance and commit
 * @param filesListed FCS files listed in the input ({@code files_listed})
 * @param filesSkipped listed files not analysed because an incremental run found their content
 *     already analysed ({@code files_skipped}); files = filesListed - filesSkipped
 */
public record RunResult(
    String runId,
    LocalDate runDate,
    String output,
    String reportPath,
    String provenancePath,
    long files,
    long ok,
    long failed,
    long events,
    Map<String, Long> failuresByCode,
    Map<String, Long> mrdByStatus,
    List<String> failedExamples,
    List<String> unmatchedFiles,
    List<String> unusedManifestRows,
    int ignoredFiles,
    Instant started,
    Instant finished,
    double analysisSeconds,
    double tablesSeconds,
    double reportSeconds,
    long filesListed,
    long filesSkipped) {
  /** This result with its finish time and the report phase's duration set. */
  public RunResult finishedAt(Instant time, double reportSeconds) {
    return new RunResult(runId, runDate, output, reportPath, provenancePath, files, ok, failed, events,
        failuresByCode, mrdByStatus, failedExamples, unmatchedFiles, unusedManifestRows, ignoredFiles,
        started, time, analysisSeconds, tablesSeconds, reportSeconds, filesListed, filesSkipped);
  }
}
