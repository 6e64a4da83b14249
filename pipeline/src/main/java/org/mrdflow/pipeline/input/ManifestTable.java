package org.mrdflow.pipeline.input;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * A manifest's cells as text, read in the calling process through Hadoop FileSystem: the driver
 * reads the manifest itself, so the identifiers it holds never reach a Spark executor (a Spark
 * read would run on executors). CSV follows RFC 4180 (header line, quotes, doubled quotes, line
 * breaks inside quotes); Parquet is read with parquet-hadoop, a file or a folder of part files.
 *
 * @param header column names as written
 * @param rows cells per data row, in header order; empty cells as null
 */
record ManifestTable(List<String> header, List<List<String>> rows) {

  static ManifestTable read(Configuration conf, String location, boolean parquet) throws IOException, InputException {
    Path path = new Path(location);
    FileSystem fs = path.getFileSystem(conf);
    return parquet ? parquet(fs, path, conf) : csv(fs, path, location);
  }

  private static ManifestTable csv(FileSystem fs, Path path, String location) throws IOException, InputException {
    String text;
    try (InputStream in = fs.open(path)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8); // a manifest is small
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // the byte order mark spreadsheet exports write
    }
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quotedCell = false;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '"' && cell.length() == 0 && !quotedCell) {
        quotedCell = true;
        for (i++; ; i++) {
          if (i >= n) {
            throw new InputException(location + ": a quoted field is not closed before the end of the file");
          }
          char q = text.charAt(i);
          if (q == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else if (q == '"') {
            break;
          } else {
            cell.append(q);
          }
        }
      } else if (c == ',' || c == '\n') {
        record.add(cell.length() == 0 ? null : cell.toString());
        cell.setLength(0);
        quotedCell = false;
        if (c == '\n') {
          records.add(record);
          record = new ArrayList<>();
        }
      } else if (c != '\r') {
        cell.append(c);
      }
    }
    if (cell.length() > 0 || quotedCell || !record.isEmpty()) {
      record.add(cell.length() == 0 ? null : cell.toString());
      records.add(record);
    }
    records.removeIf(rec -> rec.size() == 1 && rec.get(0) == null); // blank lines
    if (records.isEmpty()) {
      throw new InputException(location + ": the manifest is empty (a header line is required)");
    }
    List<String> header = new ArrayList<>();
    for (String h : records.get(0)) {
      header.add(h == null ? "" : h);
    }
    List<List<String>> rows = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      List<String> rec = new ArrayList<>(records.get(i));
      if (rec.size() > header.size()) {
        throw new InputException(location + ": row " + i + " has " + rec.size() + " fields, the header "
            + header.size());
      }
      while (rec.size() < header.size()) {
        rec.add(null);
      }
      rows.add(rec);
    }
    return new ManifestTable(header, rows);
  }

  private static ManifestTable parquet(FileSystem fs, Path path, Configuration conf) throws IOException {
    List<Path> parts = new ArrayList<>();
    if (fs.getFileStatus(path).isDirectory()) {
      for (FileStatus s : fs.listStatus(path)) {
        String name = s.getPath().getName();
        if (s.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
          parts.add(s.getPath());
        }
      }
      parts.sort(null);
    } else {
      parts.add(path);
    }
    List<String> header = null;
    List<List<String>> rows = new ArrayList<>();
    for (Path part : parts) {
      try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), part).withConf(conf).build()) {
        for (Group g = reader.read(); g != null; g = reader.read()) {
          if (header == null) {
            header = new ArrayList<>();
            for (Type t : g.getType().getFields()) {
              header.add(t.getName());
            }
          }
          List<String> row = new ArrayList<>();
          for (int f = 0; f < g.getType().getFieldCount(); f++) {
            row.add(g.getFieldRepetitionCount(f) == 0 ? null : text(g, f));
          }
          rows.add(row);
        }
      }
    }
    return new ManifestTable(header == null ? List.of() : header, rows);
  }

  /** One Parquet cell as the text a CSV manifest would hold (dates as ISO 8601). */
  private static String text(Group g, int field) throws IOException {
    Type type = g.getType().getType(field);
    if (!type.isPrimitive()) {
      throw new IOException("column " + type.getName() + " is nested; a manifest holds plain columns");
    }
    PrimitiveType p = type.asPrimitiveType();
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
      BigInteger unscaled = switch (p.getPrimitiveTypeName()) {
        case INT32 -> BigInteger.valueOf(g.getInteger(field, 0));
        case INT64 -> BigInteger.valueOf(g.getLong(field, 0));
        default -> new BigInteger(g.getBinary(field, 0).getBytes());
      };
      return new BigDecimal(unscaled, d.getScale()).toPlainString();
    }
    return switch (p.getPrimitiveTypeName()) {
      case BINARY, FIXED_LEN_BYTE_ARRAY -> g.getString(field, 0);
      case INT32 -> logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
          ? LocalDate.ofEpochDay(g.getInteger(field, 0)).toString() : Integer.toString(g.getInteger(field, 0));
      case INT64 -> logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t
          ? timestamp(g.getLong(field, 0), t.getUnit()) : Long.toString(g.getLong(field, 0));
      case FLOAT -> Float.toString(g.getFloat(field, 0));
      case DOUBLE -> Double.toString(g.getDouble(field, 0));
      case BOOLEAN -> Boolean.toString(g.getBoolean(field, 0));
      case INT96 -> throw new IOException("column " + type.getName()
          + " is an INT96 timestamp; write dates as DATE or ISO 8601 text");
    };
  }

  private static String timestamp(long value, LogicalTypeAnnotation.TimeUnit unit) {
    Instant t = switch (unit) {
      case MILLIS -> Instant.ofEpochMilli(value);
      case MICROS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000);
      case NANOS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
    };
    return t.atOffset(ZoneOffset.UTC).toLocalDateTime().toString();
  }
}
