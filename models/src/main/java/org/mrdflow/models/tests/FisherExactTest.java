package org.mrdflow.models.tests;

import java.util.function.DoubleUnaryOperator;
import org.hipparchus.special.Gamma;
import org.mrdflow.models.StatsInputException;

/**
 * Fisher's exact test for r x c contingency tables, two-sided as R's {@code fisher.test}: the
 * p-value is the total probability, given both margins, of all tables no more likely than the
 * observed one, with a relative tolerance of 1e-7 for ties in probability. For 2 x 2 tables also
 * the conditional maximum-likelihood odds ratio and its exact confidence interval (inverting the
 * two one-sided tests of the noncentral hypergeometric distribution).
 */
public final class FisherExactTest {

  /** Ties in table probability within this relative margin count as "no more likely". */
  private static final double RELATIVE_TOLERANCE = 1e-7;
  /** Refuse tables whose enumeration would take unreasonably long. */
  private static final long MAX_TABLES = 50_000_000L;

  /**
   * The result; the odds-ratio fields are NaN for tables larger than 2 x 2.
   *
   * @param p two-sided p-value
   * @param oddsRatio conditional maximum-likelihood odds ratio (2 x 2 only)
   * @param lower lower confidence limit of the odds ratio
   * @param upper upper confidence limit (+Inf when unbounded)
   */
  public record Result(double p, double oddsRatio, double lower, double upper) {}

  /** The alternative hypothesis about the odds ratio (2 x 2 only; r x c is always two-sided). */
  public enum Alternative { TWO_SIDED, LESS, GREATER }

  private FisherExactTest() {}

  /** Two-sided test of a table of non-negative counts (rows of equal length). */
  public static Result test(long[][] table, double confidenceLevel) {
    return test(table, Alternative.TWO_SIDED, confidenceLevel);
  }

  /**
   * Test against the given alternative. For LESS the interval is (0, upper], for GREATER
   * [lower, +Inf), each from the one-sided test at level {@code 1 - confidenceLevel}.
   */
  public static Result test(long[][] table, Alternative alternative, double confidenceLevel) {
    validate(table);
    if (table.length == 2 && table[0].length == 2) {
      return twoByTwo(table, alternative, confidenceLevel);
    }
    return new Result(rByC(table), Double.NaN, Double.NaN, Double.NaN);
  }

  private static void validate(long[][] table) {
    if (table.length < 2 || table[0].length < 2) {
      throw new StatsInputException("fisher: the table needs at least 2 rows and 2 columns");
    }
    for (long[] row : table) {
      if (row.length != table[0].length) {
        throw new StatsInputException("fisher: rows of the table differ in length");
      }
      for (long v : row) {
        if (v < 0) {
          throw new StatsInputException("fisher: counts must be >= 0, got " + v);
        }
      }
    }
  }

  // ---- 2 x 2: the distribution of the top-left cell given the margins ----

  private static Result twoByTwo(long[][] t, Alternative alternative, double level) {
    long m = t[0][0] + t[1][0]; // first column total
    long n = t[0][1] + t[1][1]; // second column total
    long k = t[0][0] + t[0][1]; // first row total
    long x = t[0][0];
    long lo = Math.max(0, k - n);
    long hi = Math.min(k, m);
    int size = (int) (hi - lo + 1);
    double[] logDensity = new double[size];
    for (int i = 0; i < size; i++) {
      long a = lo + i;
      logDensity[i] = logChoose(m, a) + logChoose(n, k - a);
    }
    double or = conditionalMle(logDensity, lo, hi, x);
    double alpha = alternative == Alternative.TWO_SIDED ? (1 - level) / 2 : 1 - level;
    double lower = x == lo || alternative == Alternative.LESS ? 0
        : root(psi -> upperTail(logDensity, lo, x, psi) - alpha);
    double upper = x == hi || alternative == Alternative.GREATER ? Double.POSITIVE_INFINITY
        : root(psi -> lowerTail(logDensity, lo, x, psi) - alpha);
    double p = switch (alternative) {
      case TWO_SIDED -> twoSided(logDensity, (int) (x - lo));
      case LESS -> lowerTail(logDensity, lo, x, 1);
      case GREATER -> upperTail(logDensity, lo, x, 1);
    };
    return new Result(p, or, lower, upper);
  }

  private static double twoSided(double[] logDensity, int observed) {
    double max = Double.NEGATIVE_INFINITY;
    for (double d : logDensity) {
      max = Math.max(max, d);
    }
    double total = 0;
    double[] density = new double[logDensity.length];
    for (int i = 0; i < density.length; i++) {
      density[i] = Math.exp(logDensity[i] - max);
      total += density[i];
    }
    double threshold = density[observed] * (1 + RELATIVE_TOLERANCE);
    double p = 0;
    for (double d : density) {
      if (d <= threshold) {
        p += d;
      }
    }
    return Math.min(1, p / total);
  }

  /** Noncentral hypergeometric probabilities for odds ratio psi (normalised). */
  private static double[] noncentral(double[] logDensity, long lo, double psi) {
    double logPsi = Math.log(psi);
    double max = Double.NEGATIVE_INFINITY;
    double[] w = new double[logDensity.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = logDensity[i] + (lo + i) * logPsi;
      max = Math.max(max, w[i]);
    }
    double total = 0;
    for (int i = 0; i < w.length; i++) {
      w[i] = Math.exp(w[i] - max);
      total += w[i];
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= total;
    }
    return w;
  }

  private static double upperTail(double[] logDensity, long lo, long x, double psi) {
    double[] d = noncentral(logDensity, lo, psi);
    double s = 0;
    for (int i = (int) (x - lo); i < d.length; i++) {
      s += d[i];
    }
    return s;
  }

  private static double lowerTail(double[] logDensity, long lo, long x, double psi) {
    double[] d = noncentral(logDensity, lo, psi);
    double s = 0;
    for (int i = 0; i <= (int) (x - lo); i++) {
      s += d[i];
    }
    return s;
  }

  private static double mean(double[] logDensity, long lo, double psi) {
    double[] d = noncentral(logDensity, lo, psi);
    double s = 0;
    for (int i = 0; i < d.length; i++) {
      s += (lo + i) * d[i];
    }
    return s;
  }

  /** The psi whose noncentral mean equals the observed count (0 or +Inf at the support ends). */
  private static double conditionalMle(double[] logDensity, long lo, long hi, long x) {
    if (x == lo) {
      return 0;
    }
    if (x == hi) {
      return Double.POSITIVE_INFINITY;
    }
    return root(psi -> mean(logDensity, lo, psi) - x);
  }

  /**
   * Root of a function of psi that is monotone in log psi, by bisection on log psi to full double
   * precision. (R uses {@code uniroot} with its default tolerance, so R's odds ratio and limits
   * carry an error of up to about 1e-4 relative.)
   */
  private static double root(DoubleUnaryOperator f) {
    double a = -50;
    double b = 50;
    double fa = f.applyAsDouble(Math.exp(a));
    for (int i = 0; i < 200; i++) {
      double mid = (a + b) / 2;
      double fm = f.applyAsDouble(Math.exp(mid));
      if (fm == 0) {
        return Math.exp(mid);
      }
      if ((fm > 0) == (fa > 0)) {
        a = mid;
        fa = fm;
      } else {
        b = mid;
      }
      if (b - a < 1e-15) {
        break;
      }
    }
    return Math.exp((a + b) / 2);
  }

  private static double logChoose(long n, long k) {
    return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
  }

  private static double logFactorial(long n) {
    return Gamma.logGamma(n + 1.0);
  }

  // ---- r x c: enumerate all tables with the observed margins ----

  private static double rByC(long[][] table) {
    int r = table.length;
    int c = table[0].length;
    long[] rowSums = new long[r];
    long[] colSums = new long[c];
    long total = 0;
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        rowSums[i] += table[i][j];
        colSums[j] += table[i][j];
        total += table[i][j];
      }
    }
    // log P(table) = constant - sum log(cell!)
    double observed = 0;
    for (long[] row : table) {
      for (long v : row) {
        observed -= logFactorial(v);
      }
    }
    double constant = -logFactorial(total);
    for (long s : rowSums) {
      constant += logFactorial(s);
    }
    for (long s : colSums) {
      constant += logFactorial(s);
    }
    Enumeration e = new Enumeration(rowSums, colSums, observed, constant);
    e.fillRow(0, 0, colSums.clone(), rowSums[0], 0.0);
    return Math.min(1, e.p);
  }

  /** Depth-first enumeration of the cells, row by row, with the remaining column totals. */
  private static final class Enumeration {
    private final long[] rowSums;
    private final int columns;
    private final double observedLogKernel;
    private final double constant;
    private double p;
    private long visited;

    Enumeration(long[] rowSums, long[] colSums, double observedLogKernel, double constant) {
      this.rowSums = rowSums;
      this.columns = colSums.length;
      this.observedLogKernel = observedLogKernel;
      this.constant = constant;
    }

    void fillRow(int row, int col, long[] remainingCols, long remainingInRow, double logKernel) {
      if (row == rowSums.length - 1) {
        // the last row is determined by the remaining column totals
        double kernel = logKernel;
        for (long v : remainingCols) {
          kernel -= logFactorial(v);
        }
        if (++visited > MAX_TABLES) {
          throw new StatsInputException("fisher: the table has too many possible tables for "
              + "exact enumeration; use the chi-square test");
        }
        if (kernel <= observedLogKernel + Math.log1p(RELATIVE_TOLERANCE)) {
          p += Math.exp(constant + kernel);
        }
        return;
      }
      if (col == columns - 1) {
        long v = remainingInRow;
        if (v > remainingCols[col]) {
          return;
        }
        remainingCols[col] -= v;
        fillRow(row + 1, 0, remainingCols, rowSums[row + 1], logKernel - logFactorial(v));
        remainingCols[col] += v;
        return;
      }
      long later = 0;
      for (int j = col + 1; j < columns; j++) {
        later += remainingCols[j];
      }
      long min = Math.max(0, remainingInRow - later);
      long max = Math.min(remainingInRow, remainingCols[col]);
      for (long v = min; v <= max; v++) {
        remainingCols[col] -= v;
        fillRow(row, col + 1, remainingCols, remainingInRow - v, logKernel - logFactorial(v));
        remainingCols[col] += v;
      }
    }
  }
}
