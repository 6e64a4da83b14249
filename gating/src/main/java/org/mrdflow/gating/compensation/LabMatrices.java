package org.mrdflow.gating.compensation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mrdflow.fcs.SpilloverMatrix;
import org.mrdflow.gating.GatingException;

/**
 * Spillover matrices a laboratory configured per instrument ({@code
 * conf/compensation/lab-matrices.yaml}), for files written without a spillover keyword (the
 * matrix was applied in the analysis software, or never exported). An entry applies to a file
 * whose {@code $CYT} equals its {@code cytometer} (ignoring case and surrounding blanks), whose
 * {@code $CYTSN} equals its {@code serial} when the entry names one, and whose {@code $DATE}
 * (FCS {@code dd-mmm-yyyy}, or {@code dd-mmm-yy} in FCS 2.0) lies within
 * [{@code valid_from}, {@code valid_to}] when the entry gives either bound (a file without a
 * readable date then matches no dated entry). The first matching entry in file order wins, so
 * list serial-specific and newer matrices first.
 *
 * @param entries the configured matrices, in file order
 */
public record LabMatrices(List<Entry> entries) {
  /** No lab matrices: files without a spillover keyword stay uncompensated. */
  public static final LabMatrices NONE = new LabMatrices(List.of());

  private static final DateTimeFormatter FCS_DATE = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .appendPattern("[d-MMM-yyyy][d-MMM-yy]")
      .toFormatter(Locale.ENGLISH);

  public LabMatrices {
    entries = List.copyOf(entries);
  }

  /**
   * One configured matrix.
   *
   * @param id reported as {@code compensation_source} "lab:&lt;id&gt;"
   * @param cytometer {@code $CYT} it applies to
   * @param serial {@code $CYTSN} it applies to, or null for every serial
   * @param validFrom first acquisition date it applies to, or null
   * @param validTo last acquisition date it applies to, or null
   * @param matrix the spillover matrix over the instrument's detector names ($PnN)
   */
  public record Entry(String id, String cytometer, String serial, LocalDate validFrom,
      LocalDate validTo, SpilloverMatrix matrix) {

    boolean applies(String cyt, String cytsn, LocalDate date) {
      if (cyt == null || !cytometer.equalsIgnoreCase(cyt.trim())) {
        return false;
      }
      if (serial != null && (cytsn == null || !serial.equalsIgnoreCase(cytsn.trim()))) {
        return false;
      }
      if (validFrom == null && validTo == null) {
        return true;
      }
      return date != null && (validFrom == null || !date.isBefore(validFrom))
          && (validTo == null || !date.isAfter(validTo));
    }
  }

  /** The matrix for a file with these keyword values (each may be null). */
  public Optional<Entry> find(String cyt, String cytsn, String fcsDate) {
    LocalDate date = parseFcsDate(fcsDate);
    return entries.stream().filter(e -> e.applies(cyt, cytsn, date)).findFirst();
  }

  /** An FCS {@code $DATE}, or null when absent or unreadable. */
  static LocalDate parseFcsDate(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.trim(), FCS_DATE);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Reads the YAML: {@code matrices: [{id, cytometer, serial?, valid_from?, valid_to?,
   * detectors: [...], matrix: [[...], ...]}]}; rows are fluorochromes, columns detectors, as in
   * FCS {@code $SPILLOVER}.
   */
  public static LabMatrices parse(String source, InputStream in) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new GatingException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || root.path("matrices").isNull() || root.path("matrices").isMissingNode()) {
      return NONE;
    }
    if (!root.path("matrices").isArray()) {
      throw new GatingException(source + ": 'matrices' must be a list");
    }
    List<Entry> entries = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (JsonNode node : root.path("matrices")) {
      String id = required(node, "id", source);
      String where = source + ": lab matrix '" + id + "'";
      if (ids.contains(id)) {
        throw new GatingException(where + " is defined twice");
      }
      ids.add(id);
      List<String> detectors = new ArrayList<>();
      node.path("detectors").forEach(d -> detectors.add(d.asText()));
      JsonNode rows = node.path("matrix");
      double[][] values = new double[rows.size()][];
      for (int r = 0; r < values.length; r++) {
        JsonNode row = rows.get(r);
        values[r] = new double[row.size()];
        for (int c = 0; c < values[r].length; c++) {
          if (!row.get(c).isNumber()) {
            throw new GatingException(where + ": matrix row " + (r + 1) + " holds a non-number");
          }
          values[r][c] = row.get(c).asDouble();
        }
      }
      SpilloverMatrix matrix;
      try {
        matrix = SpilloverMatrix.of("lab matrix " + id, detectors, values);
      } catch (IllegalArgumentException e) {
        throw new GatingException(where + ": " + e.getMessage(), e);
      }
      entries.add(new Entry(id, required(node, "cytometer", source),
          node.hasNonNull("serial") ? node.get("serial").asText() : null,
          date(node, "valid_from", where), date(node, "valid_to", where), matrix));
    }
    return new LabMatrices(entries);
  }

  private static LocalDate date(JsonNode node, String field, String where) {
    if (!node.hasNonNull(field)) {
      return null;
    }
    try {
      return LocalDate.parse(node.get(field).asText());
    } catch (DateTimeParseException e) {
      throw new GatingException(where + ": " + field + " must be a date yyyy-mm-dd");
    }
  }

  private static String required(JsonNode node, String field, String source) {
    if (!node.hasNonNull(field) || node.get(field).asText().isBlank()) {
      throw new GatingException(source + ": every lab matrix needs '" + field + "'");
    }
    return node.get(field).asText();
  }
}
