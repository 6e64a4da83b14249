package org.mrdflow.models.tests;

import java.util.Arrays;
import org.mrdflow.models.Probabilities;
import org.mrdflow.models.StatsInputException;

/**
 * Two-sided Wilcoxon rank-sum (Mann-Whitney) test as R's {@code wilcox.test(x, y)}: W is the rank
 * sum of x minus n_x (n_x + 1) / 2. R's default is exact when both samples have fewer than 50
 * values and there are no ties; otherwise the normal approximation with tie-corrected variance and
 * continuity correction.
 */
public final class WilcoxonRankSumTest {

  /**
   * The result.
   *
   * @param w the statistic W
   * @param p two-sided p-value
   * @param exact whether the exact null distribution was used
   */
  public record Result(double w, double p, boolean exact) {}

  private WilcoxonRankSumTest() {}

  /** R's default choice of exact or approximate. */
  public static Result test(double[] x, double[] y) {
    boolean ties = hasTies(x, y);
    return test(x, y, x.length < 50 && y.length < 50 && !ties);
  }

  /** Exact (only without ties) or normal approximation with continuity correction. */
  public static Result test(double[] x, double[] y, boolean exact) {
    if (x.length == 0 || y.length == 0) {
      throw new StatsInputException("wilcoxon: both samples need observations");
    }
    int nx = x.length;
    int ny = y.length;
    double[] all = new double[nx + ny];
    System.arraycopy(x, 0, all, 0, nx);
    System.arraycopy(y, 0, all, nx, ny);
    double[] ranks = averageRanks(all);
    double rankSum = 0;
    for (int i = 0; i < nx; i++) {
      rankSum += ranks[i];
    }
    double w = rankSum - nx * (nx + 1) / 2.0;
    if (exact && !hasTies(x, y)) {
      return new Result(w, exactTwoSided((int) Math.round(w), nx, ny), true);
    }
    double n = nx + ny;
    double tieSum = 0;
    double[] sorted = all.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length;) {
      int j = i;
      while (j < sorted.length && sorted[j] == sorted[i]) {
        j++;
      }
      double t = j - i;
      tieSum += t * t * t - t;
      i = j;
    }
    double sigma = Math.sqrt(nx * ny / 12.0 * ((n + 1) - tieSum / (n * (n - 1))));
    double centred = w - nx * ny / 2.0;
    double z = (centred - Math.signum(centred) * 0.5) / sigma;
    return new Result(w, Probabilities.normalTwoSided(z), false);
  }

  private static boolean hasTies(double[] x, double[] y) {
    double[] all = new double[x.length + y.length];
    System.arraycopy(x, 0, all, 0, x.length);
    System.arraycopy(y, 0, all, x.length, y.length);
    Arrays.sort(all);
    for (int i = 1; i < all.length; i++) {
      if (all[i] == all[i - 1]) {
        return true;
      }
    }
    return false;
  }

  /** Average ranks (1-based) with ties sharing the mean of their positions. */
  static double[] averageRanks(double[] values) {
    Integer[] idx = new Integer[values.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(values[a], values[b]));
    double[] ranks = new double[values.length];
    for (int i = 0; i < idx.length;) {
      int j = i;
      while (j < idx.length && values[idx[j]] == values[idx[i]]) {
        j++;
      }
      double rank = (i + 1 + j) / 2.0;
      for (int k = i; k < j; k++) {
        ranks[idx[k]] = rank;
      }
      i = j;
    }
    return ranks;
  }

  /**
   * Exact two-sided p-value from the null distribution of W (counts of subsets by rank sum):
   * twice the smaller tail, capped at 1, as R.
   */
  private static double exactTwoSided(int w, int nx, int ny) {
    int max = nx * ny;
    // counts[k][s]: ways to choose k of the ranks seen so far with U-sum s
    double[][] counts = new double[nx + 1][max + 1];
    counts[0][0] = 1;
    for (int item = 1; item <= nx + ny; item++) {
      for (int k = Math.min(item, nx); k >= 1; k--) {
        int shift = item - k; // each chosen item adds (its rank - its position among chosen)
        for (int s = max; s >= shift; s--) {
          counts[k][s] += counts[k - 1][s - shift];
        }
      }
    }
    double total = 0;
    for (double v : counts[nx]) {
      total += v;
    }
    double lower = 0;
    double upper = 0;
    for (int s = 0; s <= max; s++) {
      if (s <= w) {
        lower += counts[nx][s];
      }
      if (s >= w) {
        upper += counts[nx][s];
      }
    }
    return Math.min(1, 2 * Math.min(lower, upper) / total);
  }
}
