package org.mrdflow.models.competing;

import java.util.Arrays;
import java.util.List;
import org.mrdflow.models.ChiSquareResult;
import org.mrdflow.models.SymmetricMatrices;
import org.mrdflow.models.survival.Grouping;
import org.mrdflow.models.survival.SurvivalData;

/**
 * Gray's (1988) K-sample test for equal cumulative incidence of one cause (weight rho = 0).
 *
 * <p>Statistic (Gray 1988, sec. 2): with per-group at-risk counts Y_g, all-cause Kaplan-Meier
 * S_g and cumulative incidence F_g of the cause, the subdistribution risk set is
 * R_g(t) = Y_g(t) (1 - F_g(t-)) / S_g(t-), and z_g = sum over failure times of
 * [d_g(t) - R_g(t) d(t) / R(t)], R = sum_g R_g: observed minus expected failures of the cause
 * with subdistribution risk sets.
 *
 * <p>Variance: the covariance of z derived from the martingale representation of the
 * Aalen-Johansen estimator (delta method), writing z_g = sum_r int c_gr R_r d(Gamma_r - Gamma),
 * c_gr = 1{g = r} - R_g / R:
 * <pre>
 * sigma_gh = sum_r sum_u [ a_gr a_hr d_r1(u) + b_gr b_hr d_r2(u) ]
 * a_gr(u) = c_gr(u) + gamma_gr(u) (S_r(u-) + F_r(u) - 1) / Y_r(u)
 * b_gr(u) = -gamma_gr(u) (1 - F_r(u)) / Y_r(u)
 * gamma_gr(u) = sum over t &gt; u of c_gr(t) R_r(t) dGamma(t) / (1 - F_r(t))
 * </pre>
 * with dGamma = d / R the pooled subdistribution hazard, d_r1 and d_r2 the failures of the cause
 * and of the competing causes. The chi-square uses groups 1..K-1. This estimator is asymptotically
 * equivalent to, but not identical with, the one in {@code cmprsk::cuminc} (see models/README.md).
 */
public final class GrayTest {

  private GrayTest() {}

  /** Tests equality of the cumulative incidence of {@code cause} across groups. */
  public static ChiSquareResult test(SurvivalData data, Grouping grouping, int cause) {
    int k = grouping.groupCount();
    double[] t = data.time();
    int[] status = data.status();
    int[] group = grouping.index();
    double[] failureTimes = java.util.stream.IntStream.range(0, t.length)
        .filter(i -> status[i] != 0).mapToDouble(i -> t[i]).sorted().distinct().toArray();
    int m = failureTimes.length;
    double[][] atRisk = new double[k][m];
    double[][] ofCause = new double[k][m];
    double[][] other = new double[k][m];
    for (int i = 0; i < t.length; i++) {
      for (int j = 0; j < m; j++) {
        if (t[i] >= failureTimes[j]) {
          atRisk[group[i]][j]++;
        }
        if (t[i] == failureTimes[j] && status[i] != 0) {
          if (status[i] == cause) {
            ofCause[group[i]][j]++;
          } else {
            other[group[i]][j]++;
          }
        }
      }
    }
    // per group: S(t-), F(t-) and F(t) at each failure time
    double[][] survivalBefore = new double[k][m];
    double[][] incidenceBefore = new double[k][m];
    double[][] incidenceAfter = new double[k][m];
    double[][] subRisk = new double[k][m];
    double[] pooledRisk = new double[m];
    double[] pooledFailures = new double[m];
    for (int g = 0; g < k; g++) {
      double s = 1;
      double f = 0;
      for (int j = 0; j < m; j++) {
        survivalBefore[g][j] = s;
        incidenceBefore[g][j] = f;
        if (atRisk[g][j] > 0) {
          f += s * ofCause[g][j] / atRisk[g][j];
          s *= 1 - (ofCause[g][j] + other[g][j]) / atRisk[g][j];
        }
        incidenceAfter[g][j] = f;
        subRisk[g][j] = survivalBefore[g][j] > 0
            ? atRisk[g][j] * (1 - incidenceBefore[g][j]) / survivalBefore[g][j] : 0;
        pooledRisk[j] += subRisk[g][j];
        pooledFailures[j] += ofCause[g][j];
      }
    }
    double[] score = new double[k];
    double[] hazard = new double[m];
    for (int j = 0; j < m; j++) {
      hazard[j] = pooledRisk[j] > 0 ? pooledFailures[j] / pooledRisk[j] : 0;
      for (int g = 0; g < k; g++) {
        score[g] += ofCause[g][j] - subRisk[g][j] * hazard[j];
      }
    }
    double[][] covariance = new double[k][k];
    for (int r = 0; r < k; r++) {
      double[][] a = new double[k][m];
      double[][] b = new double[k][m];
      for (int g = 0; g < k; g++) {
        double gamma = 0; // sum over failure times strictly after u, built backwards
        for (int j = m - 1; j >= 0; j--) {
          double c = (g == r ? 1 : 0)
              - (pooledRisk[j] > 0 ? subRisk[g][j] / pooledRisk[j] : 0);
          double y = atRisk[r][j];
          double f = incidenceAfter[r][j];
          a[g][j] = c + (y > 0 ? gamma * (survivalBefore[r][j] + f - 1) / y : 0);
          b[g][j] = y > 0 ? -gamma * (1 - f) / y : 0;
          if (f < 1) {
            gamma += c * subRisk[r][j] * hazard[j] / (1 - f);
          }
        }
      }
      for (int g = 0; g < k; g++) {
        for (int h = 0; h < k; h++) {
          for (int j = 0; j < m; j++) {
            covariance[g][h] += a[g][j] * a[h][j] * ofCause[r][j] + b[g][j] * b[h][j] * other[r][j];
          }
        }
      }
    }
    int df = k - 1;
    if (df < 1) {
      return new ChiSquareResult(Double.NaN, 0, Double.NaN);
    }
    double[] u = Arrays.copyOf(score, df);
    double[][] v = new double[df][df];
    for (int g = 0; g < df; g++) {
      v[g] = Arrays.copyOf(covariance[g], df);
    }
    List<String> names = grouping.labels().subList(0, df);
    return ChiSquareResult.of(SymmetricMatrices.quadraticFormInverse(v, u, names), df);
  }
}
