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
 * @param failedExamples the first few FAILED files as "path: code: message"
 * @param unmatchedFiles files without a manifest row (when a manifest was given)
 * @param unusedManifestRows manifest rows naming no input file (or several)
 * @param ignoredFiles files skipped as not FCS (neither content nor extension)
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
    double analysisSeconds) {
  /** This result with its finish time set. */
  public RunResult finishedAt(Instant time) {
    return new RunResult(runId, runDate, output, reportPath, provenancePath, files, ok, failed, events,
        failuresByCode, mrdByStatus, failedExamples, unmatchedFiles, unusedManifestRows, ignoredFiles,
        started, time, analysisSeconds);
  }
}
