package org.mrdflow.models.survival;

import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealVector;
import org.mrdflow.models.ChiSquareResult;

/**
 * The G-rho family of k-sample tests (Harrington &amp; Fleming 1982), as R's
 * {@code survdiff(rho =)}: rho = 0 is the log-rank test, rho = 1 the Peto-Peto modification of
 * the Gehan-Wilcoxon test. Each event time is weighted by {@code S(t-)^rho}, S the pooled
 * Kaplan-Meier curve. The chi-square uses the groups with a positive expected count, dropping one
 * to make the hypergeometric covariance invertible; df = (those groups) - 1.
 */
public final class LogRankTest {

  /**
   * The test result.
   *
   * @param groups group labels
   * @param n subjects per group
   * @param observed weighted observed events per group
   * @param expected weighted expected events per group
   * @param variance covariance matrix of observed - expected
   * @param test the chi-square statistic, df and p-value
   */
  public record Result(List<String> groups, int[] n, double[] observed, double[] expected,
      double[][] variance, ChiSquareResult test) {}

  private LogRankTest() {}

  /** Runs the test with weight exponent {@code rho} (0 log-rank, 1 Peto-Peto). */
  public static Result test(SurvivalData data, Grouping grouping, double rho) {
    data.requireRightCensored("log-rank test (survdiff)");
    int k = grouping.groupCount();
    int[] group = grouping.index();
    int n = data.size();
    int[] order = data.orderByTime();
    double[] t = data.time();
    int[] size = new int[k];
    int[] atRisk = new int[k];
    for (int g : group) {
      size[g]++;
      atRisk[g]++;
    }
    double[] observed = new double[k];
    double[] expected = new double[k];
    double[][] variance = new double[k][k];
    double pooledSurvival = 1;
    int i = 0;
    while (i < n) {
      int start = i;
      double time = t[order[i]];
      int[] deaths = new int[k];
      int[] leaving = new int[k];
      while (i < n && t[order[i]] == time) {
        int subject = order[i];
        leaving[group[subject]]++;
        if (data.isEvent(subject)) {
          deaths[group[subject]]++;
        }
        i++;
      }
      int d = 0;
      for (int g = 0; g < k; g++) {
        d += deaths[g];
      }
      int total = n - start;
      if (d > 0) {
        double w = rho == 0 ? 1 : Math.pow(pooledSurvival, rho);
        // hypergeometric variance factor d (N - d) / (N - 1), zero when N = 1
        double factor = total > 1 ? (double) d * (total - d) / (total - 1) : 0;
        for (int g = 0; g < k; g++) {
          double share = (double) atRisk[g] / total;
          observed[g] += w * deaths[g];
          expected[g] += w * d * share;
          for (int h = 0; h < k; h++) {
            double other = (double) atRisk[h] / total;
            variance[g][h] += w * w * factor * share * ((g == h ? 1 : 0) - other);
          }
        }
        pooledSurvival *= 1 - (double) d / total;
      }
      for (int g = 0; g < k; g++) {
        atRisk[g] -= leaving[g];
      }
    }
    return new Result(grouping.labels(), size, observed, expected, variance,
        chiSquare(observed, expected, variance));
  }

  private static ChiSquareResult chiSquare(double[] observed, double[] expected,
      double[][] variance) {
    int[] used = java.util.stream.IntStream.range(0, expected.length)
        .filter(g -> expected[g] > 0).toArray();
    int df = used.length - 1;
    if (df < 1) {
      return new ChiSquareResult(Double.NaN, 0, Double.NaN);
    }
    double[][] v = new double[df][df];
    double[] diff = new double[df];
    for (int a = 0; a < df; a++) {
      diff[a] = observed[used[a + 1]] - expected[used[a + 1]];
      for (int b = 0; b < df; b++) {
        v[a][b] = variance[used[a + 1]][used[b + 1]];
      }
    }
    RealVector u = new ArrayRealVector(diff);
    RealVector solved = new LUDecomposition(new Array2DRowRealMatrix(v)).getSolver().solve(u);
    return ChiSquareResult.of(u.dotProduct(solved), df);
  }
}
