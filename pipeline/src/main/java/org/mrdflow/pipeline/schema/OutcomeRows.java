package org.mrdflow.pipeline.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.mrdflow.gating.mrd.MrdResult;
import org.mrdflow.gating.mrd.PopulationSummary;
import org.mrdflow.pipeline.privacy.ManifestFields;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Builds the rows of {@link Tables} by column name: the one place that maps analysis results to
 * table columns. NaN "not defined" values become SQL NULL so queries need not special-case NaN.
 */
public final class OutcomeRows {
  private OutcomeRows() {}

  /** File-level facts of a samples row. */
  public record FileFacts(
      String sampleId, String sourcePath, String fileName, long fileBytes, String fileSha256) {}

  /** Analysis-level facts of a samples row (all null for a file that failed early). */
  public record FcsFacts(String fcsVersion, String instrument, Long totalEvents, Map<String, String> keywords) {}

  public static Row sample(
      FileFacts file,
      FcsFacts fcs,
      ManifestFields manifest,
      Boolean manifestMatched,
      String status,
      String errorCode,
      String errorMessage,
      List<String> plotPaths,
      String pipelineVersion) {
    return Tables.row(Tables.SAMPLES_SCHEMA)
        .set("sample_id", file.sampleId())
        .set("source_path", file.sourcePath())
        .set("file_name", file.fileName())
        .set("file_bytes", file.fileBytes())
        .set("file_sha256", file.fileSha256())
        .set("fcs_version", fcs.fcsVersion())
        .set("instrument", fcs.instrument())
        .set("total_events", fcs.totalEvents())
        .set("keywords", fcs.keywords() == null ? null : map(fcs.keywords()))
        .set("patient_key", manifest == null ? null : manifest.patientKey())
        .set("specimen_key", manifest == null ? null : manifest.specimenKey())
        .set("patient_id", manifest == null ? null : manifest.patientIdInClear())
        .set("specimen_id", manifest == null ? null : manifest.specimenIdInClear())
        .set("collection_date", manifest == null ? null : manifest.collectionDate())
        .set("timepoint", manifest == null ? null : manifest.timepoint())
        .set("manifest_extra", manifest == null ? null : map(manifest.extra()))
        .set("manifest_matched", manifestMatched)
        .set("status", status)
        .set("error_code", errorCode)
        .set("error_message", errorMessage)
        .set("plot_paths", seq(plotPaths))
        .set("pipeline_version", pipelineVersion)
        .build();
  }

  /**
   * @param extraQcFlags flags the pipeline adds to the analysis' own (e.g. a gating plot that
   *     could not be drawn)
   */
  public static Row mrd(String sampleId, String patientKey, MrdResult r, List<String> extraQcFlags,
      String pipelineVersion) {
    List<String> qcFlags = new ArrayList<>(r.qcFlags());
    qcFlags.addAll(extraQcFlags);
    return Tables.row(Tables.MRD_RESULTS_SCHEMA)
        .set("sample_id", sampleId)
        .set("patient_key", patientKey)
        .set("nucleated_events", r.nucleatedEvents())
        .set("blast_events", r.blastEvents())
        .set("mrd_fraction", r.mrdFraction())
        .set("mrd_status", r.mrdStatus().name())
        .set("status_reason", r.statusReason().name())
        .set("sensitivity", r.sensitivity())
        .set("lod_events", r.lodEvents())
        .set("lloq_events", r.lloqEvents())
        .set("cd19_pos_blast_events", r.cd19PosBlastEvents())
        .set("cd19_pos_blast_fraction", nanToNull(r.cd19PosBlastFraction()))
        .set("hcd19_car_eligible", r.hcd19CarEligible())
        .set("lymphocyte_events", r.lymphocyteEvents())
        .set("b_cell_events", r.bCellEvents())
        .set("b_cell_fraction_of_lymphocytes", nanToNull(r.bCellFractionOfLymphocytes()))
        .set("b_cell_aplasia", r.bCellAplasia())
        .set("hematogone_events", r.hematogoneEvents())
        .set("panel_limited", r.panelLimited())
        .set("qc_flags", seq(qcFlags))
        .set("gating_strategy_id", r.gatingStrategyId())
        .set("gating_strategy_sha256", r.gatingStrategySha256())
        .set("pipeline_version", pipelineVersion)
        .set("references_used", seq(r.referencesUsed()))
        .set("time_qc_removed_fraction", r.timeQcRemovedFraction())
        .set("negative_control_positive_fraction", nanToNull(r.negativeControlPositiveFraction()))
        .set("progenitor_fraction", nanToNull(r.progenitorFraction()))
        .set("granulocyte_fraction", nanToNull(r.granulocyteFraction()))
        .set("saturated_fraction", r.saturatedFraction())
        .set("dna_negative_events", r.dnaNegativeEvents())
        .set("compensation_source", r.compensationSource())
        .build();
  }

  public static List<Row> populations(String sampleId, List<PopulationSummary> populations) {
    List<Row> rows = new ArrayList<>(populations.size());
    for (PopulationSummary p : populations) {
      rows.add(Tables.row(Tables.POPULATIONS_SCHEMA)
          .set("sample_id", sampleId)
          .set("population", p.path())
          .set("parent", p.parent())
          .set("events", p.events())
          .set("fraction_of_parent", nanToNull(p.fractionOfParent()))
          .set("fraction_of_nucleated", nanToNull(p.fractionOfNucleated()))
          .set("marker_medians", map(p.markerMedians()))
          .build());
    }
    return rows;
  }

  /**
   * The outcome of a file whose bytes equal those of {@code keptSourcePath}, analysed in the same
   * run: a FAILED {@code DUPLICATE} samples row without sample_id (so sample_id stays unique per
   * run and every join stays 1:1), and no mrd_results or populations rows. file_sha256 still links
   * it to the analysed copy.
   */
  public static Row duplicateOf(Row outcome, String keptSourcePath) {
    Row sample = outcome.getAs("sample");
    String shown = sample.getAs("source_path");
    Map<String, Object> changed = new TreeMap<>();
    changed.put("sample_id", null);
    changed.put("status", "FAILED");
    changed.put("error_code", "DUPLICATE");
    changed.put("error_message", shown + ": same bytes as " + keptSourcePath + " in this run; analysed once, under that file");
    changed.put("plot_paths", seq(List.of()));
    Tables.RowBuilder copy = Tables.row(Tables.SAMPLES_SCHEMA);
    for (String field : Tables.SAMPLES_SCHEMA.fieldNames()) {
      copy.set(field, changed.containsKey(field) ? changed.get(field) : sample.getAs(field));
    }
    return outcome(copy.build(), null, List.of());
  }

  public static Row outcome(Row sample, Row mrd, List<Row> populations) {
    return Tables.row(Tables.OUTCOME_SCHEMA)
        .set("sample", sample)
        .set("mrd", mrd)
        .set("populations", seq(populations))
        .build();
  }

  /** Spark's Row encoder takes Scala collections for MapType and ArrayType columns. */
  private static <K, V> scala.collection.Map<K, V> map(Map<K, V> m) {
    return CollectionConverters.asScala(new TreeMap<>(m));
  }

  private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return CollectionConverters.asScala(list).toList();
  }

  private static Double nanToNull(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
