package org.mrdflow.pipeline.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mrdflow.pipeline.outcomes.OutcomesInputException;
import org.mrdflow.pipeline.outcomes.OutcomesInputs;
import org.mrdflow.pipeline.schema.Tables;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The automated side of {@code compare --results}: a run's {@code mrd_results} rows joined with
 * their {@code samples} rows, keyed by the analysed file's SHA-256 ({@code samples.file_sha256}).
 * A workspace sample is matched by the content of its FCS file, so renamed or moved files still
 * match and two files with one name never do. A content analysed by several runs takes its latest
 * result (as {@code outcomes} does).
 */
public final class RunResults {
  private final Map<String, AutomatedSample> byFileSha256;

  private RunResults(Map<String, AutomatedSample> byFileSha256) {
    this.byFileSha256 = byFileSha256;
  }

  /**
   * Reads {@code mrd_results} and {@code samples} of a pipeline output folder.
   *
   * @throws OutcomesInputException when {@code output} is not a pipeline output folder
   */
  public static RunResults read(SparkSession spark, Path output) {
    Dataset<Row> mrd = OutcomesInputs.table(spark, output, Tables.MRD_RESULTS);
    Dataset<Row> samples = OutcomesInputs.table(spark, output, Tables.SAMPLES);
    List<Row> rows;
    try {
      rows = new ArrayList<>(mrd.drop("patient_key", "pipeline_version")
          .join(samples.select("sample_id", "run_id", "run_date", "file_sha256"),
              CollectionConverters.asScala(List.of("sample_id", "run_id")).toSeq())
          .collectAsList());
    } catch (RuntimeException e) {
      throw new OutcomesInputException(output + ": not the tables of an MRDFlow run: "
          + OutcomesInputs.firstLine(e), e);
    }
    rows.sort(Comparator.comparing(OutcomesInputs::runOrder));
    Map<String, AutomatedSample> latest = new HashMap<>();
    for (Row r : rows) {
      Double cd19Share = r.getAs("cd19_pos_blast_fraction");
      latest.put(r.getAs("file_sha256"), new AutomatedSample(r.<Long>getAs("nucleated_events"),
          r.<Long>getAs("blast_events"), -1, r.<Long>getAs("hematogone_events"),
          cd19Share == null ? Double.NaN : cd19Share, r.getAs("hcd19_car_eligible"), null));
    }
    return new RunResults(latest);
  }

  /** The latest result of the file with this SHA-256 (hex), if a run analysed it. */
  Optional<AutomatedSample> forFile(String fileSha256) {
    return Optional.ofNullable(byFileSha256.get(fileSha256));
  }
}
