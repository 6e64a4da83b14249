package org.mrdflow.models.agreement;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.mrdflow.models.StatsInputException;

/**
 * Cohen's kappa of a square agreement table (rows: reference rater, columns: the other), with
 * the large-sample standard error of Fleiss, Cohen & Everitt (1969, Psychol Bull 72:323; Fleiss,
 * Levin & Paik 2003, eq. 18.14) and a normal-theory interval.
 *
 * @param kappa {@code (po - pe) / (1 - pe)}
 * @param observedAgreement po, the diagonal share
 * @param expectedAgreement pe, from the margins
 * @param standardError FCE 1969 standard error (not under the null)
 * @param interval kappa with its confidence interval
 */
public record CohenKappa(double kappa, double observedAgreement, double expectedAgreement,
    double standardError, Interval interval) {

  public static CohenKappa of(long[][] table, double level) {
    int k = table.length;
    double n = 0;
    for (long[] row : table) {
      if (row.length != k) {
        throw new StatsInputException("kappa needs a square table, got a row of " + row.length
            + " in a table of " + k + " rows");
      }
      for (long cell : row) {
        if (cell < 0) {
          throw new StatsInputException("kappa table has a negative count " + cell);
        }
        n += cell;
      }
    }
    if (n == 0) {
      throw new StatsInputException("kappa table is empty");
    }
    double[] rows = new double[k];
    double[] columns = new double[k];
    double po = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double p = table[i][j] / n;
        rows[i] += p;
        columns[j] += p;
        if (i == j) {
          po += p;
        }
      }
    }
    double pe = 0;
    for (int i = 0; i < k; i++) {
      pe += rows[i] * columns[i];
    }
    double kappa = pe == 1 ? Double.NaN : (po - pe) / (1 - pe);
    // FCE 1969: var = [A + B - C] / (n (1 - pe)^2) with
    // A = sum_i p_ii (1 - (p_i. + p_.i)(1 - kappa))^2,
    // B = (1 - kappa)^2 sum_{i != j} p_ij (p_.i + p_j.)^2, C = (kappa - pe (1 - kappa))^2.
    double a = 0;
    double b = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double p = table[i][j] / n;
        if (i == j) {
          double t = 1 - (rows[i] + columns[i]) * (1 - kappa);
          a += p * t * t;
        } else {
          double t = columns[i] + rows[j];
          b += p * t * t;
        }
      }
    }
    b *= (1 - kappa) * (1 - kappa);
    double c = kappa - pe * (1 - kappa);
    double variance = (a + b - c * c) / (n * (1 - pe) * (1 - pe));
    double se = Math.sqrt(Math.max(0, variance));
    double z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - level) / 2);
    return new CohenKappa(kappa, po, pe, se,
        new Interval(kappa, kappa - z * se, kappa + z * se, level));
  }
}
