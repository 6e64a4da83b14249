package org.mrdflow.pipeline.job;

import java.io.Serializable;
import java.util.List;
import org.mrdflow.gating.mrd.MrdRules;

/**
 * Analyses one FCS file's bytes in plain Java: parse, resolve the panel, compensate, transform,
 * gate, count, QC, and (when configured) draw the gating plot in memory. This is the whole unit
 * of work of one Spark task (files are distributed, not events), and also what the
 * single-thread benchmark baseline calls directly.
 *
 * <p>Implementations are shipped to executors by Java serialization, so they hold configuration,
 * not heavy state; they must be safe to call from several task threads at once.
 */
public interface SampleAnalyzer extends Serializable {

  /**
   * @param fcsBytes the whole file
   * @param sourceName how messages name the file
   * @param plotLabel how the gating plot's title names the sample
   * @param withEvents also return per-event values and labels for the {@code events} table, from
   *     the same analysis (the file is parsed and gated once)
   * @throws SampleFailure with the code of the step that failed and a message naming the file
   */
  AnalysedSample analyze(byte[] fcsBytes, String sourceName, String plotLabel, boolean withEvents) throws SampleFailure;

  /**
   * SHA-256 of the gating strategy this analyser stamps on every result ({@code
   * mrd_results.gating_strategy_sha256}): an incremental run skips contents analysed before with it.
   */
  String gatingStrategySha256();

  /** The reporting rules the results are called with (thresholds, LOD, LLOQ): the reports quote them. */
  default MrdRules rules() {
    return MrdRules.DEFAULTS;
  }

  /** Marker column names the {@code events} table gets, in order (lower case, e.g. "cd19"). */
  List<String> eventMarkerColumns();
}
