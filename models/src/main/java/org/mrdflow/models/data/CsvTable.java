package org.mrdflow.models.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mrdflow.models.StatsInputException;

/**
 * A small column-oriented table read from CSV: first line is the header, fields are separated by
 * commas, {@code NA} or an empty field is missing. Quoting is not supported (the files analysts
 * export from R's {@code write.csv(quote = FALSE)} and our pipeline are unquoted); a quote
 * character
 * is rejected rather than misread.
 */
public final class CsvTable {

  private final String source;
  private final Map<String, String[]> columns;
  private final int rowCount;

  private CsvTable(String source, Map<String, String[]> columns, int rowCount) {
    this.source = source;
    this.columns = columns;
    this.rowCount = rowCount;
  }

  /** Reads a CSV file; IO problems and malformed lines become a {@link StatsInputException}. */
  public static CsvTable read(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString());
    } catch (IOException e) {
      throw new StatsInputException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  /** Reads CSV text from a reader; {@code source} names it in error messages. */
  public static CsvTable read(Reader reader, String source) throws IOException {
    BufferedReader lines = new BufferedReader(reader);
    String headerLine = lines.readLine();
    if (headerLine == null || headerLine.isBlank()) {
      throw new StatsInputException(source + ": empty file, expected a header line");
    }
    String[] header = split(stripBom(headerLine), source, 1);
    List<String[]> rows = new ArrayList<>();
    String line;
    int lineNumber = 1;
    while ((line = lines.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      String[] fields = split(line, source, lineNumber);
      if (fields.length != header.length) {
        throw new StatsInputException(source + ": line " + lineNumber + " has " + fields.length
            + " fields, the header has " + header.length);
      }
      rows.add(fields);
    }
    Map<String, String[]> columns = new LinkedHashMap<>();
    for (int c = 0; c < header.length; c++) {
      String name = header[c].trim();
      if (name.isEmpty() || columns.containsKey(name)) {
        throw new StatsInputException(source + ": empty or duplicated column name '" + name + "'");
      }
      String[] values = new String[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        String v = rows.get(r)[c].trim();
        values[r] = v.isEmpty() || v.equals("NA") ? null : v;
      }
      columns.put(name, values);
    }
    return new CsvTable(source, columns, rows.size());
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  private static String[] split(String line, String source, int lineNumber) {
    if (line.indexOf('"') >= 0) {
      throw new StatsInputException(source + ": line " + lineNumber
          + " contains a quote; quoted CSV fields are not supported");
    }
    return line.split(",", -1);
  }

  public String source() {
    return source;
  }

  public int rowCount() {
    return rowCount;
  }

  public List<String> columnNames() {
    return List.copyOf(columns.keySet());
  }

  public boolean hasColumn(String name) {
    return columns.containsKey(name);
  }

  /** The raw values of a column, {@code null} where missing. */
  public String[] text(String name) {
    return Arrays.copyOf(column(name), rowCount);
  }

  /** A numeric column, NaN where missing; a non-numeric value is an error naming row and column. */
  public double[] numeric(String name) {
    String[] raw = column(name);
    double[] out = new double[rowCount];
    for (int r = 0; r < rowCount; r++) {
      if (raw[r] == null) {
        out[r] = Double.NaN;
        continue;
      }
      try {
        out[r] = Double.parseDouble(raw[r]);
      } catch (NumberFormatException e) {
        throw new StatsInputException(source + ": column '" + name + "' row " + (r + 1)
            + " is not a number: '" + raw[r] + "'");
      }
    }
    return out;
  }

  private String[] column(String name) {
    String[] values = columns.get(name);
    if (values == null) {
      throw new StatsInputException(source + ": no column '" + name + "' (columns: "
          + String.join(", ", columns.keySet()) + ")");
    }
    return values;
  }
}
