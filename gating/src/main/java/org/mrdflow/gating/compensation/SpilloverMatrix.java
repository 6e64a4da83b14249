package org.mrdflow.gating.compensation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A spillover (spectrum) matrix: row i is the signal fluorochrome i leaves in each detector,
 * relative to its primary detector. Detectors are matched to data columns by name, never by
 * position. For FCS keywords ({@code $SPILLOVER}, {@code SPILL}, {@code $COMP}) fluorochromes
 * and detectors are the same names; Gating-ML {@code spectrumMatrix} may name the compensated
 * outputs (fluorochromes) differently from the detectors they are computed from.
 *
 * @param source where the matrix came from, for error messages (file, keyword, Gating-ML id)
 */
public record SpilloverMatrix(
    String source, List<String> fluorochromes, List<String> detectors, double[][] coefficients) {

  public SpilloverMatrix {
    fluorochromes = List.copyOf(fluorochromes);
    detectors = List.copyOf(detectors);
    int n = detectors.size();
    if (n == 0) {
      throw new CompensationException(source + ": spillover matrix names no detectors");
    }
    if (fluorochromes.size() != n) {
      throw new CompensationException(
          source + ": spillover matrix has " + fluorochromes.size() + " fluorochromes but " + n
              + " detectors; only square matrices can be inverted");
    }
    requireDistinct(source, "detector", detectors);
    requireDistinct(source, "fluorochrome", fluorochromes);
    if (coefficients.length != n) {
      throw new CompensationException(
          source + ": spillover matrix has " + coefficients.length + " rows, expected " + n);
    }
    double[][] copy = new double[n][];
    for (int r = 0; r < n; r++) {
      if (coefficients[r].length != n) {
        throw new CompensationException(
            source + ": spillover matrix row " + (r + 1) + " has " + coefficients[r].length
                + " values, expected " + n);
      }
      for (double value : coefficients[r]) {
        if (!Double.isFinite(value)) {
          throw new CompensationException(
              source + ": spillover matrix row " + (r + 1) + " holds a non-finite value");
        }
      }
      copy[r] = coefficients[r].clone();
    }
    coefficients = copy;
  }

  /** A square matrix over {@code detectors} whose outputs keep the detector names. */
  public static SpilloverMatrix of(String source, List<String> detectors, double[][] rows) {
    return new SpilloverMatrix(source, detectors, detectors, rows);
  }

  /**
   * Parses the FCS 3.1 {@code $SPILLOVER} value (also used by {@code SPILL} and {@code $COMP}):
   * {@code n,name_1,...,name_n,s_11,s_12,...,s_nn}, row-major.
   */
  public static SpilloverMatrix parseKeyword(String source, String value) {
    String[] parts = value.split(",", -1);
    int n;
    try {
      n = Integer.parseInt(parts[0].trim());
    } catch (NumberFormatException e) {
      throw new CompensationException(
          source + ": spillover keyword must start with the detector count, found '" + parts[0]
              + "'");
    }
    if (n <= 0 || parts.length != 1 + n + n * n) {
      throw new CompensationException(
          source + ": spillover keyword declares " + n + " detectors, so it needs "
              + (1 + n + (long) n * n) + " comma-separated fields, found " + parts.length);
    }
    List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      names.add(parts[1 + i].trim());
    }
    double[][] rows = new double[n][n];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        rows[r][c] = number(source, parts[1 + n + r * n + c], r, c);
      }
    }
    return of(source, names, rows);
  }

  /**
   * Reads a user-supplied matrix: a CSV (comma, semicolon or tab separated) whose header names
   * the detectors and whose next n lines are the rows. An optional leading column of row names
   * must repeat the header's names in order (FlowJo and flowCore write it that way).
   */
  public static SpilloverMatrix readCsv(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CompensationException(file + ": cannot read spillover matrix: " + e.getMessage());
    }
    List<String[]> rows = new ArrayList<>();
    for (String line : lines) {
      if (!line.isBlank()) {
        rows.add(line.split("[,;\t]", -1));
      }
    }
    String source = file.toString();
    if (rows.isEmpty()) {
      throw new CompensationException(source + ": spillover matrix file is empty");
    }
    String[] header = rows.get(0);
    // A leading column of row names shows up as a non-numeric first cell in the first row.
    boolean rowNames = header[0].isBlank() || rows.size() > 1 && !isNumber(rows.get(1)[0]);
    int first = rowNames ? 1 : 0;
    List<String> names = new ArrayList<>();
    for (int c = first; c < header.length; c++) {
      names.add(unquote(header[c]));
    }
    int n = names.size();
    if (rows.size() - 1 != n) {
      throw new CompensationException(
          source + ": header names " + n + " detectors but the file has " + (rows.size() - 1)
              + " matrix rows");
    }
    double[][] matrix = new double[n][n];
    for (int r = 0; r < n; r++) {
      String[] row = rows.get(r + 1);
      if (row.length - first != n) {
        throw new CompensationException(
            source + ": matrix row " + (r + 1) + " has " + (row.length - first)
                + " values, expected " + n);
      }
      if (rowNames && !unquote(row[0]).isEmpty() && !unquote(row[0]).equals(names.get(r))) {
        throw new CompensationException(
            source + ": matrix row " + (r + 1) + " is named '" + unquote(row[0])
                + "' but column " + (r + 1) + " is '" + names.get(r) + "'");
      }
      for (int c = 0; c < n; c++) {
        matrix[r][c] = number(source, row[first + c], r, c);
      }
    }
    return of(source, names, matrix);
  }

  private static boolean isNumber(String text) {
    try {
      Double.parseDouble(unquote(text));
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String unquote(String s) {
    String t = s.trim();
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
      t = t.substring(1, t.length() - 1);
    }
    return t;
  }

  private static double number(String source, String text, int row, int col) {
    try {
      return Double.parseDouble(unquote(text));
    } catch (NumberFormatException e) {
      throw new CompensationException(
          source + ": spillover value at row " + (row + 1) + ", column " + (col + 1)
              + " is not a number: '" + text.trim() + "'");
    }
  }

  private static void requireDistinct(String source, String what, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw new CompensationException(
            source + ": spillover matrix names " + what + " '" + name + "' twice");
      }
    }
  }

  /** A copy of the coefficients, row = fluorochrome, column = detector. */
  @Override
  public double[][] coefficients() {
    double[][] copy = new double[coefficients.length][];
    for (int r = 0; r < copy.length; r++) {
      copy[r] = coefficients[r].clone();
    }
    return copy;
  }
}
