package org.mrdflow.pipeline.job;

import java.io.Serializable;
import java.util.List;

/**
 * Analyses one FCS file's bytes in plain Java: parse, resolve the panel, compensate, transform,
 * gate, count, QC. This is the whole unit of work of one Spark task (files are distributed, not
 * events), and also what the single-thread benchmark baseline calls directly.
 *
 * <p>Implementations are shipped to executors by Java serialization, so they hold configuration,
 * not heavy state; they must be safe to call from several task threads at once.
 */
public interface SampleAnalyzer extends Serializable {

  /**
   * @param fcsBytes the whole file
   * @param sourceName the file's path, for messages
   * @throws SampleFailure with the code of the step that failed and a message naming the file
   */
  AnalysedSample analyze(byte[] fcsBytes, String sourceName) throws SampleFailure;

  /** As {@link #analyze}, returning per-event values and labels for the {@code events} table. */
  SampleEvents analyzeEvents(byte[] fcsBytes, String sourceName) throws SampleFailure;

  /** Marker column names the {@code events} table gets, in order (lower case, e.g. "cd19"). */
  List<String> eventMarkerColumns();
}
