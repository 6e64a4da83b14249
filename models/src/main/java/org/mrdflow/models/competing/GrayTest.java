package org.mrdflow.models.competing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.mrdflow.models.ChiSquareResult;
import org.mrdflow.models.StatsInputException;
import org.mrdflow.models.survival.Grouping;
import org.mrdflow.models.survival.SurvivalData;

/**
 * Gray's (1988) K-sample test for equal cumulative incidence of one cause (weight rho = 0),
 * with the discrete-time covariance estimator of {@code cmprsk::cuminc}.
 *
 * <p>At each distinct failure time t (failures of every cause at t taken together, censorings
 * at t after them), group r has Y_r at risk, d1_r failures of the cause and d2_r of the others,
 * all-cause Kaplan-Meier S_r(t-) and S_r(t), and Aalen-Johansen incidence F_r(t-). Gray's
 * (sec. 2) quantities:
 * <pre>
 * h_r = Y_r / S_r(t-),  H = sum_r h_r         (censoring-survival weights)
 * R_r = h_r (1 - F_r(t-)), R = sum_r R_r      (subdistribution risk sets)
 * z_i = sum_t [ d1_i - R_i d1 / R ]            (score, d1 = sum_r d1_r)
 * </pre>
 *
 * <p>Covariance. Under H0 every group shares F, estimated by the pooled
 * F0(t) = sum over s &lt;= t of d1(s) / H(s), with subdistribution hazard
 * dG0 = d1 / (H (1 - F0(t-))). The score is linear in the group-wise increments of F to first
 * order, z_i ~ sum_r int a_ir (1 - F0) d(Gamma_r - Gamma0) with a_ir = h_i (delta_ir - h_r / H).
 * Writing F_r through the cause-specific hazards and differentiating the Kaplan-Meier product
 * exactly (a jump at t scales every later S_r(u-) by S_r(t) / S_r(t-)) gives, with the tail
 * C_ir(t) = sum over u &gt; t of a_ir(u) dG0(u):
 * <pre>
 * sigma_il = sum_t sum_r [ (a_ir + b1_r C_ir)(a_lr + b1_r C_lr) w1_r + b2_r^2 C_ir C_lr w2_r ]
 * b1_r = 1 - (1 - F0(t)) / S_r(t)              (1 when S_r(t) = 0)
 * b2_r = (1 - F0(t)) / S_r(t)                  (term dropped when S_r(t) = 0)
 * w1_r = [1 - (d1 - 1) / (H S_r(t-) - 1)] S_r(t-) d1 / (H Y_r)      = h_r^-1 dF0, tie-corrected
 * w2_r = [1 - (d2_r - 1) / (Y_r - 1)] S_r(t-)^2 d2_r / Y_r^2         = h_r^-1 dF2_r, tie-corrected
 * </pre>
 * The bracketed factors are the binomial tie corrections (n - d) / (n - 1), for cause 1 on the
 * pooled risk set H S_r(t-) seen on group r's scale. This is the estimator cmprsk 2.2's
 * {@code crstm} computes; cuminc's statistics are reproduced to rounding.
 *
 * <p>The chi-square is z' V^- z over groups 1..K-1 (any K-1 give the same value, the scores and
 * covariance rows summing to zero). V^- is the Moore-Penrose inverse, with df its rank: a group
 * never at risk when the cause occurs carries no information and drops out instead of making V
 * singular (cmprsk reports -1 there).
 */
public final class GrayTest {

  /** Relative eigenvalue tolerance of the generalized inverse (as MASS::ginv, sqrt(eps)). */
  private static final double RANK_TOLERANCE = Math.sqrt(Math.ulp(1.0));

  private GrayTest() {}

  /** One distinct time with at least one failure: counts and estimates per group. */
  private record FailureTime(int[] atRisk, int[] ofCause, int[] other, double[] survivalBefore,
      double[] survivalAfter, double[] incidenceBefore) {}

  /** Tests equality of the cumulative incidence of {@code cause} across groups. */
  public static ChiSquareResult test(SurvivalData data, Grouping grouping, int cause) {
    data.requireRightCensored("Gray's test");
    if (cause < 1) {
      throw new StatsInputException("Gray test: cause must be >= 1, got " + cause);
    }
    if (grouping.index().length != data.size()) {
      throw new StatsInputException("Gray test: " + grouping.index().length
          + " group labels for " + data.size() + " observations");
    }
    int k = grouping.groupCount();
    if (k < 2) {
      return new ChiSquareResult(Double.NaN, 0, Double.NaN);
    }
    List<FailureTime> times = failureTimes(data, grouping, cause);
    int m = times.size();
    double[][] h = new double[m][k];
    double[] hTotal = new double[m];
    double[] failures = new double[m];
    double[] pooledAfter = new double[m];
    double[] pooledHazard = new double[m];
    double[] score = new double[k];
    double pooled = 0;
    for (int j = 0; j < m; j++) {
      FailureTime ft = times.get(j);
      double riskTotal = 0;
      double[] subRisk = new double[k];
      for (int r = 0; r < k; r++) {
        if (ft.atRisk()[r] > 0) {
          h[j][r] = ft.atRisk()[r] / ft.survivalBefore()[r];
          subRisk[r] = h[j][r] * (1 - ft.incidenceBefore()[r]);
          hTotal[j] += h[j][r];
          riskTotal += subRisk[r];
          failures[j] += ft.ofCause()[r];
        }
      }
      if (failures[j] > 0) {
        for (int r = 0; r < k; r++) {
          score[r] += ft.ofCause()[r] - subRisk[r] * failures[j] / riskTotal;
        }
      }
      pooledHazard[j] = pooled < 1 ? failures[j] / (hTotal[j] * (1 - pooled)) : 0;
      pooled += failures[j] / hTotal[j];
      pooledAfter[j] = pooled;
    }
    double[][] covariance = new double[k][k];
    double[][] tail = new double[k][k]; // C_ir: sum of a_ir dG0 over later failure times
    double[][] a = new double[k][k];
    double[] term = new double[k];
    for (int j = m - 1; j >= 0; j--) {
      FailureTime ft = times.get(j);
      for (int i = 0; i < k; i++) {
        for (int r = 0; r < k; r++) {
          a[i][r] = h[j][i] * ((i == r ? 1 : 0) - h[j][r] / hTotal[j]);
        }
      }
      for (int r = 0; r < k; r++) {
        int y = ft.atRisk()[r];
        if (y == 0) {
          continue;
        }
        double before = ft.survivalBefore()[r];
        double after = ft.survivalAfter()[r];
        double eventFree = 1 - pooledAfter[j];
        if (failures[j] > 0) {
          double b1 = after > 0 ? 1 - eventFree / after : 1;
          double w1 = tieFactor(failures[j], hTotal[j] * before) * before * failures[j]
              / (hTotal[j] * y);
          for (int i = 0; i < k; i++) {
            term[i] = a[i][r] + b1 * tail[i][r];
          }
          accumulate(covariance, term, w1);
        }
        int d2 = ft.other()[r];
        if (d2 > 0 && after > 0) {
          double b2 = eventFree / after;
          double w2 = tieFactor(d2, y) * before * before * d2 / ((double) y * y);
          for (int i = 0; i < k; i++) {
            term[i] = b2 * tail[i][r];
          }
          accumulate(covariance, term, w2);
        }
      }
      for (int i = 0; i < k; i++) {
        for (int r = 0; r < k; r++) {
          tail[i][r] += a[i][r] * pooledHazard[j];
        }
      }
    }
    return chiSquare(Arrays.copyOf(score, k - 1), covariance);
  }

  /** Groups the observations by distinct time, keeping the times with at least one failure. */
  private static List<FailureTime> failureTimes(SurvivalData data, Grouping grouping,
      int cause) {
    int k = grouping.groupCount();
    int[] group = grouping.index();
    double[] t = data.time();
    int[] status = data.status();
    int n = t.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(t[x], t[y]));
    int[] atRisk = new int[k];
    for (int g : group) {
      atRisk[g]++;
    }
    double[] survival = new double[k];
    double[] incidence = new double[k];
    Arrays.fill(survival, 1);
    List<FailureTime> out = new ArrayList<>();
    int i = 0;
    while (i < n) {
      double time = t[order[i]];
      int[] ofCause = new int[k];
      int[] other = new int[k];
      int[] leaving = new int[k];
      boolean failed = false;
      for (; i < n && t[order[i]] == time; i++) {
        int s = status[order[i]];
        int g = group[order[i]];
        leaving[g]++;
        ofCause[g] += s == cause ? 1 : 0;
        other[g] += s != 0 && s != cause ? 1 : 0;
        failed |= s != 0;
      }
      if (failed) {
        double[] after = new double[k];
        double[] incidenceBefore = incidence.clone();
        for (int g = 0; g < k; g++) {
          after[g] = survival[g];
          if (atRisk[g] > 0) {
            incidence[g] += survival[g] * ofCause[g] / atRisk[g];
            after[g] = survival[g] * (atRisk[g] - ofCause[g] - other[g]) / atRisk[g];
          }
        }
        out.add(new FailureTime(atRisk.clone(), ofCause, other, survival.clone(), after,
            incidenceBefore));
        survival = after;
      }
      for (int g = 0; g < k; g++) {
        atRisk[g] -= leaving[g];
      }
    }
    return out;
  }

  /** Binomial tie correction (n - d) / (n - 1) of a d-fold tie among n (1 for a single failure). */
  private static double tieFactor(double d, double n) {
    return d > 1 && n != 1 ? 1 - (d - 1) / (n - 1) : 1;
  }

  /** {@code v += w term term'}. */
  private static void accumulate(double[][] v, double[] term, double w) {
    for (int i = 0; i < term.length; i++) {
      for (int l = 0; l < term.length; l++) {
        v[i][l] += term[i] * term[l] * w;
      }
    }
  }

  /** z' V^- z with V^- the Moore-Penrose inverse of V restricted to z's groups; df = rank. */
  private static ChiSquareResult chiSquare(double[] z, double[][] covariance) {
    int p = z.length;
    double[][] v = new double[p][];
    for (int i = 0; i < p; i++) {
      v[i] = Arrays.copyOf(covariance[i], p);
    }
    EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(
        new Array2DRowRealMatrix(v, false));
    double[] values = eigen.getEigenvalues();
    double largest = Arrays.stream(values).max().orElse(0);
    double statistic = 0;
    int rank = 0;
    for (int e = 0; e < p; e++) {
      if (largest > 0 && values[e] > RANK_TOLERANCE * largest) {
        double projection = eigen.getEigenvector(e).dotProduct(
            new ArrayRealVector(z, false));
        statistic += projection * projection / values[e];
        rank++;
      }
    }
    return rank == 0 ? new ChiSquareResult(Double.NaN, 0, Double.NaN)
        : ChiSquareResult.of(statistic, rank);
  }
}
