package org.mrdflow.gating.compensation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mrdflow.fcs.SpilloverMatrix;

/**
 * A spillover matrix from a user's CSV file (a gating strategy's {@code compensations: file:}).
 * Matrices in FCS keywords are read by the FCS reader ({@code FcsDataset.spillover()}).
 */
public final class SpilloverCsv {
  private SpilloverCsv() {}

  /**
   * Reads a user-supplied matrix: a CSV (comma, semicolon or tab separated) whose header names
   * the detectors and whose next n lines are the rows. An optional leading column of row names
   * must repeat the header's names in order (FlowJo and flowCore write it that way).
   */
  public static SpilloverMatrix read(Path file) {
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
    try {
      return SpilloverMatrix.of(source, names, matrix);
    } catch (IllegalArgumentException e) {
      throw new CompensationException(e.getMessage());
    }
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
}
