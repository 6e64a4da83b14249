package org.mrdflow.pipeline.outcomes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.mrdflow.models.cohort.ClinicalRecord;
import org.mrdflow.models.cohort.ClinicalTable;
import org.mrdflow.models.cohort.MrdMeasurement;
import org.mrdflow.models.cohort.MrdStatus;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reads the inputs of {@code mrdflow outcomes} with Spark: the warehouse's {@code mrd_results}
 * joined with {@code samples} (collection date, timepoint, specimen), and the clinical table (CSV
 * or Parquet). Spark stays here; everything downstream is plain Java in {@code models}.
 */
public final class OutcomesInputs {

  /** Manifest extra columns that may carry the specimen type, first match wins. */
  static final List<String> SPECIMEN_KEYS = List.of("specimen_type", "specimen");

  private OutcomesInputs() {}

  /**
   * What was read from the warehouse.
   *
   * @param supersededByLaterRuns results of a content (file_sha256) analysed again later, dropped
   * @param notSignedOff analyses left out because they were not signed off (only when reading
   *     reviewed results)
   */
  public record Measurements(List<MrdMeasurement> rows, int withoutPatientOrDate, int supersededByLaterRuns, int notSignedOff) {}

  /**
   * The warehouse's MRD results, one per content (the latest run's).
   *
   * @param useReviewed keep only analyses signed off in the {@code reviews} table, with their
   *     overrides applied; the latest signed-off analysis of a content is then the one used
   */
  public static Measurements readMeasurements(SparkSession spark, Path results, boolean useReviewed) {
    Map<String, ReviewedCall> reviewed = useReviewed ? ReviewedCall.read(spark, results) : null;
    Dataset<Row> mrd = table(spark, results, "mrd_results");
    Dataset<Row> samples = table(spark, results, "samples");
    List<String> keys = new ArrayList<>(List.of("sample_id"));
    if (Arrays.asList(mrd.columns()).contains("run_id") && Arrays.asList(samples.columns()).contains("run_id")) {
      keys.add("run_id");
    }
    String runId = keys.contains("run_id") ? "run_id" : null;
    boolean hashed = Arrays.asList(samples.columns()).contains("file_sha256");
    Dataset<Row> joined =
        mrd.drop("patient_key", "pipeline_version")
            .join(samples.select(samples.col("sample_id"), samples.col("patient_key"), samples.col("collection_date"),
                    samples.col("timepoint"), samples.col("manifest_extra"),
                    hashed ? samples.col("file_sha256") : functions.lit(null).cast("string").as("file_sha256"),
                    runId == null ? functions.lit(null).as("run_id") : samples.col("run_id")),
                CollectionConverters.asScala(keys).toSeq());
    Map<String, Row> latest = new LinkedHashMap<>();
    int incomplete = 0;
    int superseded = 0;
    int notSignedOff = 0;
    List<Row> rows = new ArrayList<>(joined.collectAsList());
    // A marrow is its content: the same bytes analysed again (in another run, under another name
    // or folder) replace the earlier result, the latest run_date winning, then the greatest
    // run_id within a date (models/README.md, "Clinical table"). Keyed by file_sha256, which every
    // pipeline version wrote, so warehouses with the former path-based sample_id de-duplicate
    // correctly too; different bytes are different marrows even under one file name.
    if (runId != null) {
      rows.sort(Comparator.comparing(OutcomesInputs::runOrder));
    }
    for (Row r : rows) {
      if (r.getAs("patient_key") == null || r.getAs("collection_date") == null) {
        incomplete++;
        continue;
      }
      if (reviewed != null && !reviewed.containsKey(ReviewedCall.key(r.getAs("run_id"), r.getAs("sample_id")))) {
        notSignedOff++;
        continue;
      }
      String content = r.getAs("file_sha256");
      if (latest.put(content != null ? content : "sample_id:" + r.getAs("sample_id"), r) != null) {
        superseded++;
      }
    }
    List<MrdMeasurement> measurements = new ArrayList<>(latest.size());
    for (Row r : latest.values()) {
      try {
        MrdMeasurement m = measurement(r);
        measurements.add(reviewed == null ? m : reviewed.get(ReviewedCall.key(r.getAs("run_id"), r.getAs("sample_id"))).applyTo(m));
      } catch (IllegalArgumentException e) {
        throw new OutcomesInputException(
            results.resolve("mrd_results") + ": sample_id " + r.getAs("sample_id") + ": " + e.getMessage(), e);
      }
    }
    return new Measurements(measurements, incomplete, superseded, notSignedOff);
  }

  /** Sorts a content's rows oldest first: run_date, then run_id within a date. */
  public static String runOrder(Row r) {
    boolean dated = Arrays.asList(r.schema().fieldNames()).contains("run_date");
    return (dated ? String.valueOf(r.<Object>getAs("run_date")) : "") + "/" + r.<String>getAs("run_id");
  }

  private static MrdMeasurement measurement(Row r) {
    Object date = r.getAs("collection_date");
    LocalDate collected = date instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) date;
    Double cd19 = r.getAs("cd19_pos_blast_fraction");
    Double bCells = optional(r, "b_cell_fraction_of_lymphocytes");
    return new MrdMeasurement(
        r.getAs("patient_key"),
        r.getAs("sample_id"),
        collected,
        r.getAs("timepoint"),
        specimen(r),
        OutcomesInputs.<Double>required(r, "mrd_fraction"),
        MrdStatus.parse(r.getAs("mrd_status")),
        OutcomesInputs.<Long>required(r, "nucleated_events"),
        OutcomesInputs.<Long>required(r, "blast_events"),
        cd19 == null ? Double.NaN : cd19,
        r.getAs("b_cell_aplasia"),
        // a partition value Spark may have inferred as a number or date (run_id=20261120)
        r.getAs("run_id") == null ? null : r.getAs("run_id").toString(),
        bCells == null ? Double.NaN : bCells,
        optional(r, "hcd19_car_eligible"));
  }

  /** A column tables written by earlier versions (or by hand) may lack: null when absent. */
  private static <T> T optional(Row r, String column) {
    return Arrays.asList(r.schema().fieldNames()).contains(column) ? r.getAs(column) : null;
  }

  private static <T> T required(Row r, String column) {
    T value = r.getAs(column);
    if (value == null) {
      throw new IllegalArgumentException(column + " is null");
    }
    return value;
  }

  private static String specimen(Row r) {
    scala.collection.Map<String, String> extra = r.getAs("manifest_extra");
    if (extra == null) {
      return null;
    }
    for (String key : SPECIMEN_KEYS) {
      if (extra.contains(key)) {
        return extra.apply(key);
      }
    }
    return null;
  }

  /** Table {@code name} of a pipeline output folder (all runs, Hive partitions as columns). */
  public static Dataset<Row> table(SparkSession spark, Path results, String name) {
    Path dir = results.resolve(name);
    if (!Files.isDirectory(dir)) {
      throw new OutcomesInputException(results + ": no '" + name + "' table (expected a pipeline output folder)");
    }
    try {
      return spark.read().parquet(dir.toString());
    } catch (RuntimeException e) {
      throw new OutcomesInputException(dir + ": cannot be read as Parquet: " + firstLine(e), e);
    }
  }

  /**
   * Reads the clinical table: {@code .csv} (header row, comma-separated) or Parquet (a file or a
   * folder). Values are converted to text and parsed by {@link ClinicalTable}, so both formats
   * follow one column contract.
   */
  public static List<ClinicalRecord> readClinical(SparkSession spark, Path file) {
    if (!Files.exists(file)) {
      throw new OutcomesInputException(file + ": clinical table not found");
    }
    Dataset<Row> table;
    try {
      table =
          file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
              ? spark.read().option("header", "true").option("inferSchema", "false").csv(file.toString())
              : spark.read().parquet(file.toString());
    } catch (RuntimeException e) {
      throw new OutcomesInputException(file + ": cannot be read: " + firstLine(e), e);
    }
    List<String> columns = Arrays.asList(table.columns());
    List<Map<String, String>> rows = new ArrayList<>();
    for (Row r : table.collectAsList()) {
      Map<String, String> values = new LinkedHashMap<>();
      for (String c : columns) {
        Object v = r.getAs(c);
        values.put(c, v == null ? null : v.toString());
      }
      rows.add(values);
    }
    try {
      return ClinicalTable.fromRows(columns, rows);
    } catch (IllegalArgumentException e) {
      throw new OutcomesInputException(file + ": " + e.getMessage(), e);
    }
  }

  public static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
