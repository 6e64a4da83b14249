package org.mrdflow.models.competing;

import java.util.List;
import org.mrdflow.models.StatsInputException;
import org.mrdflow.models.SymmetricMatrices;
import org.mrdflow.models.survival.KaplanMeier;
import org.mrdflow.models.survival.KaplanMeierCurve;
import org.mrdflow.models.survival.SurvivalData;

/**
 * Fine &amp; Gray (1999) proportional subdistribution-hazards regression, as
 * {@code cmprsk::crr}: subjects who failed from a competing cause stay in the risk set with the
 * inverse-probability-of-censoring weight G(t-)/G(T_j-), G the Kaplan-Meier curve of censoring;
 * tied failures use Breslow's likelihood; the covariance is the sandwich of Fine &amp; Gray's
 * section 4, including the term for the estimated censoring distribution.
 */
public final class FineGray {

  /** crr's {@code gtol} and {@code maxiter} defaults. */
  private static final double GRADIENT_TOLERANCE = 1e-6;
  private static final int MAX_ITERATIONS = 10;
  private static final int MAX_HALVINGS = 30;

  private FineGray() {}

  /** Fits the model for {@code cause} (other non-zero statuses compete, 0 is censored). */
  public static FineGrayFit fit(SurvivalData data, int cause, double[][] covariates,
      List<String> terms) {
    data.requireRightCensored("Fine-Gray (crr cannot use time-dependent covariates)");
    Problem problem = new Problem(data, cause, covariates, terms);
    int p = terms.size();
    double[] beta = new double[p];
    Problem.Evaluation current = problem.evaluate(beta);
    double loglikNull = current.loglik;
    // singular at beta = 0 is a property of the design (a constant or collinear column)
    SymmetricMatrices.strictFactor(current.information, terms);
    boolean converged = false;
    int iterations = 0;
    while (true) {
      // crr's stopping rule, checked before each step: max |U_j| max(|b_j|, 1) below
      // max(|loglik|, 1) * 1e-6; using it reproduces crr's estimates, not only their limit
      double largest = 0;
      for (int j = 0; j < p; j++) {
        largest = Math.max(largest, Math.abs(current.score[j]) * Math.max(Math.abs(beta[j]), 1));
      }
      converged = largest < Math.max(Math.abs(current.loglik), 1) * GRADIENT_TOLERANCE;
      if (converged || iterations == MAX_ITERATIONS) {
        break;
      }
      iterations++;
      // a pivot that vanishes as a coefficient diverges (monotone likelihood) takes no step, as
      // survival's cholesky2; the other coefficients go on
      double[] step = SymmetricMatrices.factor(current.information).solve(current.score);
      double[] next = new double[p];
      for (int j = 0; j < p; j++) {
        next[j] = beta[j] + step[j];
      }
      Problem.Evaluation trial = problem.evaluate(next);
      for (int h = 0; h < MAX_HALVINGS && !(trial.loglik >= current.loglik); h++) {
        for (int j = 0; j < p; j++) {
          next[j] = (next[j] + beta[j]) / 2;
        }
        trial = problem.evaluate(next);
      }
      beta = next;
      current = trial;
    }
    SymmetricMatrices.Factor factor = SymmetricMatrices.factor(current.information);
    double[][] bread = factor.inverse();
    double[][] meat = problem.scoreResidualCrossProduct(beta);
    double[][] variance = new double[p][p];
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < p; b++) {
        double s = 0;
        for (int c = 0; c < p; c++) {
          for (int d = 0; d < p; d++) {
            s += bread[a][c] * meat[c][d] * bread[d][b];
          }
        }
        variance[a][b] = s;
      }
      if (factor.singular()[a]) {
        // no information left at the estimate: the coefficient is unbounded
        variance[a][a] = Double.POSITIVE_INFINITY;
      }
    }
    return new FineGrayFit(terms, beta, variance, current.loglik, loglikNull, iterations,
        converged);
  }

  /** Data arranged for the weighted partial likelihood. */
  private static final class Problem {
    private final int n;
    private final int p;
    private final double[] time;
    private final int[] status;
    private final int cause;
    private final double[][] x;
    /** distinct failure times of the cause, ascending, and the failures at each */
    private final double[] failureTimes;
    private final int[] failureCounts;
    /** censoring survival G(t-) at each subject's own time, and at each failure time */
    private final double[] censoringAtOwnTime;
    private final double[] censoringAtFailure;

    record Evaluation(double loglik, double[] score, double[][] information) {}

    Problem(SurvivalData data, int cause, double[][] covariates, List<String> terms) {
      this.n = data.size();
      this.p = terms.size();
      if (covariates.length != n) {
        throw new StatsInputException("fine-gray: " + covariates.length
            + " covariate rows for " + n + " subjects");
      }
      this.time = data.time();
      this.status = data.status();
      this.cause = cause;
      this.x = new double[n][];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < p; j++) {
          if (!Double.isFinite(covariates[i][j])) {
            throw new StatsInputException("fine-gray: covariate '" + terms.get(j) + "' of row "
                + (i + 1) + " is missing or not finite");
          }
        }
        x[i] = covariates[i].clone();
      }
      KaplanMeierCurve censoring = KaplanMeier.reverse(data);
      this.censoringAtOwnTime = new double[n];
      for (int i = 0; i < n; i++) {
        censoringAtOwnTime[i] = leftLimit(censoring, time[i]);
      }
      java.util.TreeMap<Double, Integer> failures = new java.util.TreeMap<>();
      for (int i = 0; i < n; i++) {
        if (status[i] == cause) {
          failures.merge(time[i], 1, Integer::sum);
        }
      }
      if (failures.isEmpty()) {
        throw new StatsInputException("fine-gray: no failure of cause " + cause);
      }
      this.failureTimes = failures.keySet().stream().mapToDouble(Double::doubleValue).toArray();
      this.failureCounts = failures.values().stream().mapToInt(Integer::intValue).toArray();
      this.censoringAtFailure = new double[failureTimes.length];
      for (int k = 0; k < failureTimes.length; k++) {
        censoringAtFailure[k] = leftLimit(censoring, failureTimes[k]);
      }
    }

    /**
     * G(t-). As crr, which reads G at t (1 - 1e-14): at t = 0 that is G(0) itself, so a
     * subject censored at time 0 already lowers the weight base of a competing failure at 0.
     */
    private static double leftLimit(KaplanMeierCurve curve, double t) {
      double[] times = curve.time();
      double[] surv = curve.surv();
      double s = 1;
      for (int i = 0; i < times.length && (times[i] < t || (t == 0 && times[i] == 0)); i++) {
        s = surv[i];
      }
      return s;
    }

    /** Weight of subject j in the risk set at failure time k (0 = not at risk). */
    double weight(int j, int k) {
      double t = failureTimes[k];
      if (time[j] >= t) {
        return 1;
      }
      if (status[j] != 0 && status[j] != cause) {
        return censoringAtFailure[k] / censoringAtOwnTime[j];
      }
      return 0;
    }

    Evaluation evaluate(double[] beta) {
      double[] risk = riskScores(beta);
      double loglik = 0;
      double[] score = new double[p];
      double[][] information = new double[p][p];
      for (int k = 0; k < failureTimes.length; k++) {
        double s0 = 0;
        double[] s1 = new double[p];
        double[][] s2 = new double[p][p];
        for (int j = 0; j < n; j++) {
          double w = weight(j, k) * risk[j];
          if (w == 0) {
            continue;
          }
          s0 += w;
          for (int a = 0; a < p; a++) {
            s1[a] += w * x[j][a];
            for (int b = 0; b < p; b++) {
              s2[a][b] += w * x[j][a] * x[j][b];
            }
          }
        }
        int d = failureCounts[k];
        for (int i = 0; i < n; i++) {
          if (status[i] == cause && time[i] == failureTimes[k]) {
            loglik += Math.log(risk[i]);
            for (int a = 0; a < p; a++) {
              score[a] += x[i][a];
            }
          }
        }
        loglik -= d * Math.log(s0);
        for (int a = 0; a < p; a++) {
          score[a] -= d * s1[a] / s0;
          for (int b = 0; b < p; b++) {
            information[a][b] += d * (s2[a][b] / s0 - s1[a] * s1[b] / (s0 * s0));
          }
        }
      }
      return new Evaluation(loglik, score, information);
    }

    private double[] riskScores(double[] beta) {
      double[] risk = new double[n];
      for (int i = 0; i < n; i++) {
        double eta = 0;
        for (int a = 0; a < p; a++) {
          eta += beta[a] * x[i][a];
        }
        risk[i] = Math.exp(eta);
      }
      return risk;
    }

    /**
     * Sum over subjects of (eta_i + psi_i)(eta_i + psi_i)': eta_i the weighted score residual of
     * subject i, psi_i the correction for the estimated censoring distribution (Fine &amp; Gray
     * 1999, sec. 4, with q(u) and pi(u) there).
     */
    double[][] scoreResidualCrossProduct(double[] beta) {
      double[] risk = riskScores(beta);
      int m = failureTimes.length;
      double[][] mean = new double[m][p];
      double[] hazard = new double[m];
      for (int k = 0; k < m; k++) {
        double s0 = 0;
        double[] s1 = new double[p];
        for (int j = 0; j < n; j++) {
          double w = weight(j, k) * risk[j];
          s0 += w;
          for (int a = 0; a < p; a++) {
            s1[a] += w * x[j][a];
          }
        }
        hazard[k] = failureCounts[k] / s0;
        for (int a = 0; a < p; a++) {
          mean[k][a] = s1[a] / s0;
        }
      }
      double[][] residual = new double[n][p];
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < m; k++) {
          double w = weight(i, k);
          if (w == 0) {
            continue;
          }
          boolean fails = status[i] == cause && time[i] == failureTimes[k];
          for (int a = 0; a < p; a++) {
            double centred = x[i][a] - mean[k][a];
            residual[i][a] += (fails ? centred : 0) - w * risk[i] * centred * hazard[k];
          }
        }
      }
      addCensoringCorrection(residual, risk, mean, hazard);
      double[][] out = new double[p][p];
      for (int i = 0; i < n; i++) {
        for (int a = 0; a < p; a++) {
          for (int b = 0; b < p; b++) {
            out[a][b] += residual[i][a] * residual[i][b];
          }
        }
      }
      return out;
    }

    /**
     * psi_i = sum over censoring times u of q(u)/pi(u) dM_i^c(u), where pi(u) is the number at
     * risk at u, dM_i^c(u) = dN_i^c(u) - 1{T_i >= u} dLambda^c(u) with dLambda^c = c(u)/pi(u),
     * and q(u) sums, over subjects failed from a competing cause before u, their weighted
     * compensator terms at failure times at or after u. So psi_i = 1{censored at T_i}
     * q(T_i)/pi(T_i) - sum over u &lt;= T_i of q(u) c(u) / pi(u)^2.
     */
    private void addCensoringCorrection(double[][] residual, double[] risk, double[][] mean,
        double[] hazard) {
      // With w_jk = G_k / G_j, q(u) = A(u) S(u) - B(u) X(u): A, B sums over competing failures
      // before u of r_j x_j / G_j and r_j / G_j; S, X sums over failure times at or after u of
      // G_k dLambda_k and G_k dLambda_k xbar_k. Prefix and suffix sums keep this O(n log n).
      int m = failureTimes.length;
      double[] suffixS = new double[m + 1];
      double[][] suffixX = new double[m + 1][p];
      for (int k = m - 1; k >= 0; k--) {
        double g = censoringAtFailure[k] * hazard[k];
        suffixS[k] = suffixS[k + 1] + g;
        for (int a = 0; a < p; a++) {
          suffixX[k][a] = suffixX[k + 1][a] + g * mean[k][a];
        }
      }
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (a, b) -> Double.compare(time[a], time[b]));
      double[] prefixA = new double[p];
      double prefixB = 0;
      double[] cumulative = new double[p]; // sum over censoring times u <= t of q(u) dLambda^c / pi
      double[][] atOwnTime = new double[n][]; // q(T_i) / pi(T_i) for subjects censored at T_i
      double[][] cumulativeAt = new double[n][];
      int firstFailureAtOrAfter = 0;
      int i = 0;
      while (i < n) {
        double u = time[order[i]];
        int end = i;
        int censored = 0;
        while (end < n && time[order[end]] == u) {
          censored += status[order[end]] == 0 ? 1 : 0;
          end++;
        }
        int atRisk = n - i;
        while (firstFailureAtOrAfter < m && failureTimes[firstFailureAtOrAfter] < u) {
          firstFailureAtOrAfter++;
        }
        double[] q = new double[p];
        if (censored > 0) {
          for (int a = 0; a < p; a++) {
            q[a] = prefixA[a] * suffixS[firstFailureAtOrAfter]
                - prefixB * suffixX[firstFailureAtOrAfter][a];
            cumulative[a] += q[a] * censored / ((double) atRisk * atRisk);
          }
        }
        for (int r = i; r < end; r++) {
          int s = order[r];
          cumulativeAt[s] = cumulative.clone();
          atOwnTime[s] = new double[p];
          if (status[s] == 0) {
            for (int a = 0; a < p; a++) {
              atOwnTime[s][a] = q[a] / atRisk;
            }
          }
        }
        // competing failures at u enter A and B only for later censoring times (T_j < u)
        for (int r = i; r < end; r++) {
          int j = order[r];
          if (status[j] != 0 && status[j] != cause) {
            double w = risk[j] / censoringAtOwnTime[j];
            prefixB += w;
            for (int a = 0; a < p; a++) {
              prefixA[a] += w * x[j][a];
            }
          }
        }
        i = end;
      }
      for (int s = 0; s < n; s++) {
        for (int a = 0; a < p; a++) {
          residual[s][a] += atOwnTime[s][a] - cumulativeAt[s][a];
        }
      }
    }
  }
}
