package org.mrdflow.models.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.mrdflow.models.data.CsvTable;

/**
 * Access to the R reference results in {@code ../shared/stats-ref} (system property
 * {@code mrdflow.shared}); tests skip when the folder is absent (the R datasets are LGPL and are
 * not copied into this repository). {@link Mismatches} collects every differing number with its
 * JSON path, so one failing run lists them all.
 */
final class SharedReference {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SharedReference() {}

  static Path statsRef() {
    String shared = System.getProperty("mrdflow.shared");
    Path dir = shared == null ? null : Path.of(shared, "stats-ref");
    Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
        "shared reference folder stats-ref not present");
    return dir;
  }

  static JsonNode json(String relative) {
    try {
      return MAPPER.readTree(statsRef().resolve(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CsvTable csv(String relative) {
    return CsvTable.read(statsRef().resolve(relative));
  }

  /** The table with its {@code status} column replaced by {@code derived} (e.g. cause-specific). */
  static CsvTable withStatus(CsvTable table, int[] derived) {
    StringBuilder sb = new StringBuilder(String.join(",", table.columnNames())).append('\n');
    List<String[]> columns = new ArrayList<>();
    for (String name : table.columnNames()) {
      columns.add(table.text(name));
    }
    int statusColumn = table.columnNames().indexOf("status");
    for (int r = 0; r < table.rowCount(); r++) {
      for (int c = 0; c < columns.size(); c++) {
        String v = c == statusColumn ? Integer.toString(derived[r]) : columns.get(c)[r];
        sb.append(c == 0 ? "" : ",").append(v == null ? "NA" : v);
      }
      sb.append('\n');
    }
    try {
      return CsvTable.read(new StringReader(sb.toString()), table.source() + " (derived status)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Collects numbers that differ from the reference beyond a relative tolerance. */
  static final class Mismatches {
    private final List<String> problems = new ArrayList<>();
    private int compared;

    /** null in the reference matches a non-finite value (R's NA / NaN / Inf). */
    void number(String path, JsonNode expected, double actual, double tolerance) {
      compared++;
      if (expected == null || expected.isMissingNode()) {
        problems.add(path + ": missing in reference");
        return;
      }
      if (expected.isNull()) {
        if (Double.isFinite(actual)) {
          problems.add(path + ": expected null, got " + actual);
        }
        return;
      }
      double e = expected.asDouble();
      if (!(Math.abs(actual - e) <= tolerance * Math.abs(e) + 1e-12)) {
        problems.add(path + ": expected " + e + ", got " + actual);
      }
    }

    void numbers(String path, JsonNode expected, double[] actual, double tolerance) {
      if (expected.isNumber() || expected.isNull()) {
        // jsonlite unboxes length-1 vectors
        if (actual.length != 1) {
          problems.add(path + ": expected 1 value, got " + actual.length);
        } else {
          number(path, expected, actual[0], tolerance);
        }
        return;
      }
      if (expected.size() != actual.length) {
        problems.add(path + ": expected " + expected.size() + " values, got " + actual.length);
        return;
      }
      for (int i = 0; i < actual.length; i++) {
        number(path + "[" + i + "]", expected.get(i), actual[i], tolerance);
      }
    }

    void numbers(String path, JsonNode expected, int[] actual) {
      numbers(path, expected, java.util.Arrays.stream(actual).asDoubleStream().toArray(), 0);
    }

    /** Compares a JSON array of our output (nulls included) with a reference array. */
    void jsonNumbers(String path, JsonNode expected, JsonNode actual, double tolerance) {
      double[] values = new double[actual.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = actual.get(i).isNull() ? Double.NaN : actual.get(i).asDouble();
      }
      numbers(path, expected, values, tolerance);
    }

    void jsonNumber(String path, JsonNode expected, JsonNode actual, double tolerance) {
      number(path, expected, actual.isNull() ? Double.NaN : actual.asDouble(), tolerance);
    }

    void problem(String description) {
      problems.add(description);
    }

    void assertNone() {
      assertThat(compared).as("numbers compared").isPositive();
      assertThat(problems).as("numbers differing from R (" + compared + " compared)").isEmpty();
    }
  }
}
