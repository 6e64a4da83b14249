package org.mrdflow.pipeline.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mrdflow.gating.mrd.MrdResult;
import org.mrdflow.gating.mrd.PopulationSummary;
import org.mrdflow.pipeline.privacy.ManifestFields;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Builds rows in the column order of {@link Tables}: the one place that maps analysis results
 * to table columns. NaN "not defined" values become SQL NULL so queries need not special-case NaN.
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
    return RowFactory.create(
        file.sampleId(),
        file.sourcePath(),
        file.fileName(),
        file.fileBytes(),
        file.fileSha256(),
        fcs.fcsVersion(),
        fcs.instrument(),
        fcs.totalEvents(),
        fcs.keywords() == null ? null : map(fcs.keywords()),
        manifest == null ? null : manifest.patientKey(),
        manifest == null ? null : manifest.specimenKey(),
        manifest == null ? null : manifest.patientIdInClear(),
        manifest == null ? null : manifest.specimenIdInClear(),
        manifest == null ? null : manifest.collectionDate(),
        manifest == null ? null : manifest.timepoint(),
        manifest == null ? null : map(manifest.extra()),
        manifestMatched,
        status,
        errorCode,
        errorMessage,
        seq(plotPaths),
        pipelineVersion);
  }

  public static Row mrd(String sampleId, String patientKey, MrdResult r, String pipelineVersion) {
    return RowFactory.create(
        sampleId,
        patientKey,
        r.nucleatedEvents(),
        r.blastEvents(),
        r.mrdFraction(),
        r.mrdStatus().name(),
        r.statusReason().name(),
        r.sensitivity(),
        r.lodEvents(),
        r.lloqEvents(),
        r.cd19PosBlastEvents(),
        nanToNull(r.cd19PosBlastFraction()),
        r.hcd19CarEligible(),
        r.lymphocyteEvents(),
        r.bCellEvents(),
        nanToNull(r.bCellFractionOfLymphocytes()),
        r.bCellAplasia(),
        r.hematogoneEvents(),
        r.panelLimited(),
        seq(r.qcFlags()),
        r.gatingStrategyId(),
        r.gatingStrategySha256(),
        pipelineVersion);
  }

  public static List<Row> populations(String sampleId, List<PopulationSummary> populations) {
    List<Row> rows = new ArrayList<>(populations.size());
    for (PopulationSummary p : populations) {
      rows.add(RowFactory.create(
          sampleId,
          p.path(),
          p.parent(),
          p.events(),
          nanToNull(p.fractionOfParent()),
          nanToNull(p.fractionOfNucleated()),
          map(p.markerMedians())));
    }
    return rows;
  }

  public static Row outcome(Row sample, Row mrd, List<Row> populations) {
    return RowFactory.create(sample, mrd, seq(populations));
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
