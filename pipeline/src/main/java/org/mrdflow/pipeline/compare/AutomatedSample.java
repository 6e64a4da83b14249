package org.mrdflow.pipeline.compare;

import org.mrdflow.gating.mrd.MrdAnalysis;
import org.mrdflow.gating.mrd.MrdResult;
import org.mrdflow.gating.mrd.PopulationLabel;

/**
 * The automated side of one compared sample: what the MRD analysis found in the file, from a
 * fresh analysis ({@code compare --input}) or from a run's {@code mrd_results} row ({@code
 * compare --results}).
 *
 * @param bLineageEvents all B-lineage events, -1 when not known (a run's tables do not hold it)
 * @param cd19PosBlastFraction NaN without blasts
 * @param hcd19CarEligible null when not judged
 * @param labels the {@link PopulationLabel} code of every event, for the per-event scores; null
 *     when the events were not labelled here (a run's tables)
 */
record AutomatedSample(long nucleatedEvents, long blastEvents, long bLineageEvents,
    long hematogoneEvents, double cd19PosBlastFraction, Boolean hcd19CarEligible,
    byte[] labels) {

  /** A fresh analysis, with its per-event labels. */
  static AutomatedSample of(MrdAnalysis.SampleAnalysis analysis) {
    MrdResult result = analysis.result();
    byte[] labels = analysis.labels();
    return new AutomatedSample(result.nucleatedEvents(), result.blastEvents(),
        MethodComparison.labelled(labels, PopulationLabel.HEMATOGONE, PopulationLabel.MATURE_B,
            PopulationLabel.B_LINEAGE_OTHER, PopulationLabel.BLAST_CD19_POSITIVE).cardinality(),
        result.hematogoneEvents(), result.cd19PosBlastFraction(), result.hcd19CarEligible(),
        labels);
  }

  double mrd() {
    return nucleatedEvents == 0 ? Double.NaN : (double) blastEvents / nucleatedEvents;
  }
}
