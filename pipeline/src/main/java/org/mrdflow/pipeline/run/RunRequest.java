package org.mrdflow.pipeline.run;

import org.mrdflow.pipeline.config.RunConfig;
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
 * @param pseudonymizer HMAC key for patient_key; null when none is configured
 */
public record RunRequest(
    String input,
    String output,
    String manifest,
    RunConfig config,
    String runId,
    boolean writeEvents,
    boolean keepIdentifiersInClear,
    Pseudonymizer pseudonymizer) {}
