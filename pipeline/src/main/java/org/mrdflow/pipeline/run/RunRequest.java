package org.mrdflow.pipeline.run;

import org.mrdflow.pipeline.config.RunConfig;
import org.mrdflow.pipeline.privacy.CollectionDates;
import org.mrdflow.pipeline.privacy.Pseudonymizer;

/**
 * One run of the batch job.
 *
 * @param input folder, glob or Hadoop URI of FCS files
 * @param output warehouse folder (created if missing)
 * @param manifest CSV or Parquet sample manifest; null for none
 * @param runId run id; null for one derived from the start time (UTC)
 * @param writeEvents also write the per-event {@code events} table
 * @param keepIdentifiersInClear write manifest patient/specimen identifiers in clear as well
 *     (implies {@code keepFileNames})
 * @param pseudonymizer HMAC key for patient_key and file pseudonyms; null when none is configured
 * @param keepFileNames write {@code source_path}/{@code file_name} as listed instead of pseudonyms
 * @param incremental skip files whose content was analysed OK in this warehouse with the same
 *     gating strategy and pipeline version
 * @param collectionDates how {@code samples.collection_date} is written (exact, coarsened, shifted)
 */
public record RunRequest(
    String input,
    String output,
    String manifest,
    RunConfig config,
    String runId,
    boolean writeEvents,
    boolean keepIdentifiersInClear,
    Pseudonymizer pseudonymizer,
    boolean keepFileNames,
    boolean incremental,
    CollectionDates collectionDates) {

  public RunRequest {
    keepFileNames = keepFileNames || keepIdentifiersInClear;
  }

  /** A run that writes collection dates as the manifest gives them. */
  public RunRequest(String input, String output, String manifest, RunConfig config, String runId,
      boolean writeEvents, boolean keepIdentifiersInClear, Pseudonymizer pseudonymizer, boolean keepFileNames,
      boolean incremental) {
    this(input, output, manifest, config, runId, writeEvents, keepIdentifiersInClear, pseudonymizer, keepFileNames,
        incremental, CollectionDates.EXACT);
  }

  /** A full (not incremental) run; file names are pseudonymized unless identifiers are kept in clear. */
  public RunRequest(String input, String output, String manifest, RunConfig config, String runId,
      boolean writeEvents, boolean keepIdentifiersInClear, Pseudonymizer pseudonymizer) {
    this(input, output, manifest, config, runId, writeEvents, keepIdentifiersInClear, pseudonymizer, false, false);
  }
}
