package org.mrdflow.pipeline.input;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * A sample manifest: CSV (with a header line) or Parquet, one row per file, with the columns
 * {@code file, patient_id, specimen_id, collection_date, timepoint}; extra columns are allowed.
 * Column names match case-insensitively.
 */
public final class Manifest {
  public static final List<String> REQUIRED_COLUMNS =
      List.of("file", "patient_id", "specimen_id", "collection_date", "timepoint");

  private final String source;
  private final List<ManifestRow> rows;

  Manifest(String source, List<ManifestRow> rows) {
    this.source = source;
    this.rows = List.copyOf(rows);
  }

  public List<ManifestRow> rows() {
    return rows;
  }

  public String source() {
    return source;
  }

  /** True when any row carries a patient or specimen identifier. */
  public boolean carriesIdentifiers() {
    return rows.stream().anyMatch(r -> r.patientId() != null || r.specimenId() != null);
  }

  /**
   * Reads a manifest; the format follows the extension (.parquet or a folder = Parquet, else CSV).
   *
   * @throws InputException naming the manifest and the column or row at fault
   */
  public static Manifest read(SparkSession spark, String path) throws InputException {
    boolean parquet = path.toLowerCase(Locale.ROOT).endsWith(".parquet") || isDirectory(spark, path);
    Dataset<Row> raw;
    try {
      raw = parquet
          ? spark.read().parquet(path)
          : spark.read().option("header", "true").option("mode", "FAILFAST").csv(path);
    } catch (RuntimeException e) {
      throw new InputException(path + ": cannot read manifest: " + firstLine(e.getMessage()), e);
    }
    Map<String, String> byLower = new LinkedHashMap<>();
    for (String name : raw.columns()) {
      byLower.put(name.strip().toLowerCase(Locale.ROOT), name);
    }
    List<String> missing = new ArrayList<>();
    for (String required : REQUIRED_COLUMNS) {
      if (!byLower.containsKey(required)) {
        missing.add(required);
      }
    }
    if (!missing.isEmpty()) {
      throw new InputException(path + ": manifest lacks column(s) " + missing + "; it has " + byLower.keySet());
    }
    List<Column> asStrings = new ArrayList<>();
    byLower.forEach((lower, original) ->
        asStrings.add(functions.col("`" + original + "`").cast("string").as(lower)));
    List<String> names = new ArrayList<>(byLower.keySet());
    List<ManifestRow> rows = new ArrayList<>();
    Set<String> seenFiles = new HashSet<>();
    int line = 0;
    try {
      for (Iterator<Row> it = raw.select(asStrings.toArray(Column[]::new)).toLocalIterator(); it.hasNext(); ) {
        Row r = it.next();
        line++;
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
          values.put(names.get(i), blankToNull(r.getString(i)));
        }
        ManifestRow row = toRow(path, line, values);
        if (!seenFiles.add(row.file())) {
          throw new InputException(path + ": row " + line + ": file '" + row.file() + "' is listed twice");
        }
        rows.add(row);
      }
    } catch (RuntimeException e) {
      throw new InputException(path + ": cannot read manifest: " + firstLine(e.getMessage()), e);
    }
    return new Manifest(path, rows);
  }

  private static ManifestRow toRow(String path, int line, Map<String, String> values)
      throws InputException {
    String file = values.get("file");
    if (file == null) {
      throw new InputException(path + ": row " + line + ": empty 'file'");
    }
    String date = values.get("collection_date");
    LocalDate collectionDate = null;
    if (date != null) {
      try {
        // ISO 8601: a date, or a date-time of which the date part is kept.
        collectionDate = LocalDate.parse(date.length() > 10 && date.charAt(10) == 'T' ? date.substring(0, 10) : date);
      } catch (DateTimeParseException e) {
        throw new InputException(
            path + ": row " + line + ": collection_date '" + date + "' is not an ISO 8601 date (YYYY-MM-DD)");
      }
    }
    Map<String, String> extra = new HashMap<>();
    values.forEach((name, value) -> {
      if (!REQUIRED_COLUMNS.contains(name) && value != null) {
        extra.put(name, value);
      }
    });
    return new ManifestRow(line, file.replace('\\', '/'), values.get("patient_id"),
        values.get("specimen_id"), collectionDate, values.get("timepoint"), extra);
  }

  private static boolean isDirectory(SparkSession spark, String path) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).getFileStatus(p).isDirectory();
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
