package org.mrdflow.pipeline.input;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A sample manifest: CSV (with a header line) or Parquet, one row per file, with the columns
 * {@code file, patient_id, specimen_id, collection_date, timepoint}; extra columns are allowed.
 * Column names match case-insensitively. Read on the driver only ({@link ManifestTable}).
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
   * Reads a manifest in this process (the driver), never on Spark executors; the format follows
   * the extension (.parquet or a folder = Parquet, else CSV).
   *
   * @throws InputException naming the manifest and the column or row at fault
   */
  public static Manifest read(Configuration conf, String path) throws InputException {
    ManifestTable table;
    try {
      boolean parquet = path.toLowerCase(Locale.ROOT).endsWith(".parquet") || isDirectory(conf, path);
      table = ManifestTable.read(conf, path, parquet);
    } catch (IOException | RuntimeException e) {
      throw new InputException(path + ": cannot read manifest: " + firstLine(e.getMessage()), e);
    }
    Map<String, Integer> byLower = new LinkedHashMap<>();
    for (int i = 0; i < table.header().size(); i++) {
      byLower.putIfAbsent(table.header().get(i).strip().toLowerCase(Locale.ROOT), i);
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
    List<ManifestRow> rows = new ArrayList<>();
    Set<String> seenFiles = new HashSet<>();
    int line = 0;
    for (List<String> cells : table.rows()) {
      line++;
      Map<String, String> values = new HashMap<>();
      for (Map.Entry<String, Integer> column : byLower.entrySet()) {
        values.put(column.getKey(), blankToNull(cells.get(column.getValue())));
      }
      ManifestRow row = toRow(path, line, values);
      if (!seenFiles.add(row.file())) {
        throw new InputException(path + ": row " + line + ": file '" + row.file() + "' is listed twice");
      }
      rows.add(row);
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

  private static boolean isDirectory(Configuration conf, String path) throws IOException {
    Path p = new Path(path);
    return p.getFileSystem(conf).getFileStatus(p).isDirectory();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
