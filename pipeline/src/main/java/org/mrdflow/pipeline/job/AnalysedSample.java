package org.mrdflow.pipeline.job;

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
 * @param plots gating plots: file name (e.g. "blasts.png") -> image bytes; may be empty
 */
public record AnalysedSample(
    String fcsVersion,
    Map<String, String> keywords,
    long totalEvents,
    MrdResult result,
    Map<String, byte[]> plots) {

  public AnalysedSample {
    keywords = Map.copyOf(keywords);
    plots = Map.copyOf(plots);
  }
}
