package org.mrdflow.pipeline.report;

import java.util.List;
import org.apache.spark.sql.Row;
import org.mrdflow.gating.mrd.MrdRules;
import org.mrdflow.gating.mrd.MrdStatus;
import org.mrdflow.gating.mrd.MrdStatusReason;
import org.mrdflow.gating.report.SampleReport;

/** Reads a {@link SampleReport} from an outcome row ({@code Tables.OUTCOME_SCHEMA}). */
public final class ReportRows {
  private ReportRows() {}

  /**
   * @param outcome the samples row ("sample") and the mrd_results row ("mrd", null for FAILED)
   * @param plotPng the sample's gating figure, or null
   */
  public static SampleReport sampleReport(Row outcome, String runId, MrdRules rules,
      byte[] plotPng) {
    Row s = outcome.getAs("sample");
    Row m = outcome.getAs("mrd");
    SampleReport.Mrd mrd = m == null ? null : new SampleReport.Mrd(
        MrdStatus.valueOf(m.getAs("mrd_status")),
        MrdStatusReason.valueOf(m.getAs("status_reason")),
        number(m, "mrd_fraction"),
        number(m, "sensitivity"),
        m.<Long>getAs("blast_events"),
        m.<Long>getAs("nucleated_events"),
        m.<Integer>getAs("lod_events"),
        m.<Integer>getAs("lloq_events"),
        m.<Long>getAs("cd19_pos_blast_events"),
        number(m, "cd19_pos_blast_fraction"),
        m.getAs("hcd19_car_eligible"),
        m.<Long>getAs("lymphocyte_events"),
        m.<Long>getAs("b_cell_events"),
        number(m, "b_cell_fraction_of_lymphocytes"),
        m.getAs("b_cell_aplasia"),
        m.<Long>getAs("hematogone_events"),
        m.<String>getList(m.fieldIndex("qc_flags")));
    return new SampleReport(runId, s.getAs("sample_id"), s.getAs("file_name"),
        s.getAs("timepoint"), s.getAs("error_code"), s.getAs("error_message"), mrd, rules,
        plotPng);
  }

  /** The plot paths of a samples row, relative to the run folder. */
  public static List<String> plotPaths(Row outcome) {
    Row s = outcome.getAs("sample");
    return s.<String>getList(s.fieldIndex("plot_paths"));
  }

  /** A nullable double column (SQL NULL stands for "not defined") as NaN. */
  private static double number(Row row, String column) {
    Object v = row.getAs(column);
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }
}
