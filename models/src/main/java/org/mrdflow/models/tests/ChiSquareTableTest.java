package org.mrdflow.models.tests;

import org.mrdflow.models.ChiSquareResult;
import org.mrdflow.models.StatsInputException;

/**
 * Pearson's chi-square test of independence for an r x c table, as R's {@code chisq.test}: with
 * {@code yates = true} a 2 x 2 table gets Yates' continuity correction, each |O - E| reduced by
 * min(0.5, min over cells of |O - E|); larger tables are never corrected.
 */
public final class ChiSquareTableTest {

  /**
   * The result.
   *
   * @param test statistic, df = (r - 1)(c - 1) and p-value
   * @param expected expected counts under independence
   */
  public record Result(ChiSquareResult test, double[][] expected) {}

  private ChiSquareTableTest() {}

  public static Result test(long[][] table, boolean yates) {
    int r = table.length;
    int c = r == 0 ? 0 : table[0].length;
    if (r < 2 || c < 2) {
      throw new StatsInputException("chi-square: the table needs at least 2 rows and 2 columns");
    }
    double[] rowSums = new double[r];
    double[] colSums = new double[c];
    double total = 0;
    for (int i = 0; i < r; i++) {
      if (table[i].length != c) {
        throw new StatsInputException("chi-square: rows of the table differ in length");
      }
      for (int j = 0; j < c; j++) {
        rowSums[i] += table[i][j];
        colSums[j] += table[i][j];
        total += table[i][j];
      }
    }
    double[][] expected = new double[r][c];
    double correction = Double.POSITIVE_INFINITY;
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        expected[i][j] = rowSums[i] * colSums[j] / total;
        correction = Math.min(correction, Math.abs(table[i][j] - expected[i][j]));
      }
    }
    correction = yates && r == 2 && c == 2 ? Math.min(0.5, correction) : 0;
    double statistic = 0;
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        double d = Math.abs(table[i][j] - expected[i][j]) - correction;
        statistic += d * d / expected[i][j];
      }
    }
    return new Result(ChiSquareResult.of(statistic, (r - 1) * (c - 1)), expected);
  }
}
