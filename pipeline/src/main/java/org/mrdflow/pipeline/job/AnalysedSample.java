package org.mrdflow.pipeline.job;

import java.util.List;
import java.util.Map;
import org.mrdflow.gating.mrd.MrdResult;

/**
 * What the per-sample analysis of one FCS file produced, before any privacy filtering: the
 * pipeline, not the analyser, decides which keywords reach the outputs.
 *
 * @param fcsVersion version from the FCS HEADER, e.g. "3.1"
 * @param keywords all TEXT keywords of the analysed data set, names as stored (with '$')
 * @param totalEvents events in the analysed data set
 * @param result the MRD result
 * @param plots gating plots: file name (e.g. "gating.png") -> image bytes; may be empty
 * @param qcFlags flags the analyser adds to the result's own, e.g. {@link #PLOT_FAILED}
 * @param events per-event values and labels; null unless asked for
 */
public record AnalysedSample(
    String fcsVersion,
    Map<String, String> keywords,
    long totalEvents,
    MrdResult result,
    Map<String, byte[]> plots,
    List<String> qcFlags,
    SampleEvents events) {

  /**
   * QC flag of a sample whose gating plot could not be drawn or stored (e.g. no fonts on a
   * headless server): plots are best-effort, the counts and the call stand.
   */
  public static final String PLOT_FAILED = "gating-plot-failed";

  /** QC flag of a sample whose printable report ({@code report.pdf}) could not be drawn or stored. */
  public static final String REPORT_FAILED = "sample-report-failed";

  public AnalysedSample {
    keywords = Map.copyOf(keywords);
    plots = Map.copyOf(plots);
    qcFlags = List.copyOf(qcFlags);
  }
}
