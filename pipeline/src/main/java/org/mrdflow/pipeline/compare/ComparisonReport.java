package org.mrdflow.pipeline.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.mrdflow.models.agreement.MrdAgreement;
import org.mrdflow.pipeline.outcomes.RecordTables;

/** Writes a method comparison as JSON, HTML and Parquet. */
public final class ComparisonReport {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(new SameAsParquet())
      .enable(SerializationFeature.INDENT_OUTPUT);

  private ComparisonReport() {}

  /** JSON field names equal the Parquet columns ({@code manualBLineageEvents} -> b_lineage). */
  private static final class SameAsParquet extends PropertyNamingStrategies.NamingBase {
    private static final long serialVersionUID = 1L;

    @Override
    public String translate(String name) {
      return RecordTables.snakeCase(name);
    }
  }

  /**
   * {@code {"samples": [rows], "agreement": {...}}}, snake_case fields; NaN (undefined
   * fractions) written as the string "NaN".
   */
  public static void writeJson(Path file, List<ComparisonRow> rows, MrdAgreement agreement)
      throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("samples", rows);
    root.put("agreement", agreement);
    JSON.writer().with(JsonWriteFeature.WRITE_NAN_AS_STRINGS).writeValue(file.toFile(), root);
  }

  public static void writeHtml(Path file, List<ComparisonRow> rows, MrdAgreement agreement)
      throws IOException {
    ComparisonHtml.write(file, rows, agreement);
  }

  /** One row per sample, columns = {@link ComparisonRow} in snake_case; NaN as NULL. */
  public static void writeParquet(SparkSession spark, Path dir, List<ComparisonRow> rows) {
    RecordTables.write(spark, rows, ComparisonRow.class, dir);
  }
}
