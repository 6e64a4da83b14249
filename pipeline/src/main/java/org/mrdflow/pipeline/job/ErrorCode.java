package org.mrdflow.pipeline.job;

/**
 * Why a file became a {@code FAILED} row. The names are written to {@code samples.error_code} and
 * are stable: users filter and count on them. Documented in the pipeline README ("Error codes").
 */
public enum ErrorCode {
  /** The content does not start with an FCS HEADER ("FCS" + version): not a flow-cytometry file. */
  NOT_FCS,
  /** The file ends before a segment its HEADER or TEXT announces (interrupted copy or export). */
  TRUNCATED,
  /** The file claims to be FCS but its HEADER, TEXT or DATA is malformed. */
  CORRUPT,
  /** Valid FCS using a feature MRDFlow does not read (e.g. $MODE C histograms, $DATATYPE A). */
  UNSUPPORTED,
  /** A marker the MRD panel needs (e.g. CD19, CD45) is not among the file's channels. */
  MISSING_MARKER,
  /** The file was read but the MRD analysis (compensation, transform, gating) could not finish. */
  ANALYSIS_FAILED,
  /** The file could not be read from storage (permissions, vanished, I/O error). */
  READ_ERROR,
  /** The file exceeds the configured maximum size (one file is analysed in one task's memory). */
  TOO_LARGE,
  /**
   * The file's bytes equal those of another file of the same run (a copy): the sample is analysed
   * once, under the other file, and this row has no sample_id.
   */
  DUPLICATE,
  /** An unexpected error inside MRDFlow: a bug; the message names the exception. */
  INTERNAL_ERROR
}
