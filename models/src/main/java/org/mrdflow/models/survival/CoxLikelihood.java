package org.mrdflow.models.survival;

import java.util.List;
import org.mrdflow.models.StatsInputException;

/**
 * The Cox partial log-likelihood, its score vector and information matrix, computed in one pass
 * over event times from the last to the first (risk-set sums accumulate as time decreases). The
 * same pass reports each event time's contribution, which {@code cox.zph}'s score test reweights.
 */
final class CoxLikelihood {

  /** log-likelihood, score and observed information at one beta. */
  record Evaluation(double loglik, double[] score, double[][] information) {}

  /** Receives the score and information contribution of each distinct event time. */
  interface EventTimeVisitor {
    void visit(double time, double[] score, double[][] information);
  }

  private final List<String> terms;
  private final CoxModel.Ties ties;
  private final int n;
  private final int p;
  /** subjects ordered by decreasing time */
  private final int[] order;
  private final double[] time;
  private final boolean[] event;
  /** covariates centred at their means */
  private final double[][] x;
  private final double[] means;
  private final double[][] rawCovariates;
  private final SurvivalData data;

  CoxLikelihood(SurvivalData data, double[][] covariates, List<String> terms,
      CoxModel.Ties ties) {
    this.data = data;
    this.terms = List.copyOf(terms);
    this.ties = ties;
    this.n = data.size();
    this.p = terms.size();
    if (covariates.length != n) {
      throw new StatsInputException("cox: " + covariates.length + " covariate rows for " + n
          + " subjects");
    }
    if (p == 0) {
      throw new StatsInputException("cox: at least one covariate is required");
    }
    this.time = data.time();
    this.event = new boolean[n];
    for (int i = 0; i < n; i++) {
      event[i] = data.isEvent(i);
    }
    this.means = new double[p];
    this.rawCovariates = new double[n][];
    for (int i = 0; i < n; i++) {
      if (covariates[i].length != p) {
        throw new StatsInputException("cox: covariate row " + (i + 1) + " has "
            + covariates[i].length + " values for " + p + " terms");
      }
      rawCovariates[i] = covariates[i].clone();
      for (int j = 0; j < p; j++) {
        if (!Double.isFinite(covariates[i][j])) {
          throw new StatsInputException("cox: covariate '" + terms.get(j) + "' of row "
              + (i + 1) + " is missing or not finite");
        }
        means[j] += covariates[i][j] / n;
      }
    }
    // survival 3.x centres a 0/1 covariate at 0 (and reports that as its mean)
    for (int j = 0; j < p; j++) {
      boolean binary = true;
      for (int i = 0; i < n && binary; i++) {
        binary = covariates[i][j] == 0 || covariates[i][j] == 1;
      }
      if (binary) {
        means[j] = 0;
      }
    }
    this.x = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = covariates[i][j] - means[j];
      }
    }
    int[] ascending = data.orderByTime();
    this.order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = ascending[n - 1 - i];
    }
  }

  List<String> terms() {
    return terms;
  }

  CoxModel.Ties ties() {
    return ties;
  }

  int size() {
    return n;
  }

  int termCount() {
    return p;
  }

  double[] means() {
    return means.clone();
  }

  SurvivalData data() {
    return data;
  }

  double[] rawCovariates(int i) {
    return rawCovariates[i].clone();
  }

  double[] time() {
    return time;
  }

  boolean isEvent(int i) {
    return event[i];
  }

  int eventCount() {
    int d = 0;
    for (boolean e : event) {
      d += e ? 1 : 0;
    }
    return d;
  }

  /** Linear predictor of subject i with centred covariates. */
  double centredLinearPredictor(int i, double[] beta) {
    double eta = 0;
    for (int j = 0; j < p; j++) {
      eta += beta[j] * x[i][j];
    }
    return eta;
  }

  Evaluation evaluate(double[] beta) {
    double[] score = new double[p];
    double[][] information = new double[p][p];
    double loglik = pass(beta, ties, (t, u, v) -> {
      for (int a = 0; a < p; a++) {
        score[a] += u[a];
        for (int b = 0; b < p; b++) {
          information[a][b] += v[a][b];
        }
      }
    });
    return new Evaluation(loglik, score, information);
  }

  /**
   * Walks event times in decreasing order with the given tie handling; returns the log partial
   * likelihood.
   */
  double pass(double[] beta, CoxModel.Ties tieMethod, EventTimeVisitor visitor) {
    double[] risk = new double[n];
    for (int i = 0; i < n; i++) {
      risk[i] = Math.exp(centredLinearPredictor(i, beta));
    }
    double s0 = 0;
    double[] s1 = new double[p];
    double[][] s2 = new double[p][p];
    double loglik = 0;
    int i = 0;
    while (i < n) {
      double t = time[order[i]];
      double d0 = 0;
      double[] d1 = new double[p];
      double[][] d2 = new double[p][p];
      double[] deathCovariateSum = new double[p];
      int deaths = 0;
      while (i < n && time[order[i]] == t) {
        int s = order[i];
        double w = risk[s];
        s0 += w;
        addOuter(s1, s2, x[s], w);
        if (event[s]) {
          deaths++;
          d0 += w;
          addOuter(d1, d2, x[s], w);
          loglik += Math.log(w);
          for (int a = 0; a < p; a++) {
            deathCovariateSum[a] += x[s][a];
          }
        }
        i++;
      }
      if (deaths == 0) {
        continue;
      }
      double[] u = deathCovariateSum.clone();
      double[][] v = new double[p][p];
      if (tieMethod == CoxModel.Ties.EXACT) {
        loglik -= exactContribution(risk, i, deaths, u, v);
      } else {
        for (int k = 0; k < deaths; k++) {
          // Efron (1977): the k-th of d tied deaths sees the risk set minus k/d of the dying
          double f = tieMethod == CoxModel.Ties.EFRON ? (double) k / deaths : 0;
          double denominator = s0 - f * d0;
          loglik -= Math.log(denominator);
          for (int a = 0; a < p; a++) {
            double meanA = (s1[a] - f * d1[a]) / denominator;
            u[a] -= meanA;
            for (int b = 0; b < p; b++) {
              double meanB = (s1[b] - f * d1[b]) / denominator;
              v[a][b] += (s2[a][b] - f * d2[a][b]) / denominator - meanA * meanB;
            }
          }
        }
      }
      visitor.visit(t, u, v);
    }
    return loglik;
  }

  /**
   * Exact discrete-time contribution at one event time: the denominator is the sum over all
   * subsets of size d of the risk set of the product of risk scores (an elementary symmetric
   * polynomial), built by the recursion of Gail, Lubin &amp; Rubinstein (1981) together with its
   * gradient and Hessian. Subtracts the mean from {@code u}, adds the covariance to {@code v};
   * returns log of the denominator. The risk set is {@code order[0 .. riskEnd)}.
   */
  private double exactContribution(double[] risk, int riskEnd, int d, double[] u,
      double[][] v) {
    double[] e = new double[d + 1];
    double[][] g = new double[d + 1][p];
    double[][][] h = new double[d + 1][p][p];
    e[0] = 1;
    for (int r = 0; r < riskEnd; r++) {
      int s = order[r];
      double w = risk[s];
      double[] xs = x[s];
      for (int k = Math.min(d, r + 1); k >= 1; k--) {
        for (int a = 0; a < p; a++) {
          for (int b = 0; b < p; b++) {
            h[k][a][b] += w * (h[k - 1][a][b] + xs[a] * g[k - 1][b] + g[k - 1][a] * xs[b]
                + xs[a] * xs[b] * e[k - 1]);
          }
        }
        for (int a = 0; a < p; a++) {
          g[k][a] += w * (g[k - 1][a] + xs[a] * e[k - 1]);
        }
        e[k] += w * e[k - 1];
      }
    }
    for (int a = 0; a < p; a++) {
      double meanA = g[d][a] / e[d];
      u[a] -= meanA;
      for (int b = 0; b < p; b++) {
        v[a][b] += h[d][a][b] / e[d] - meanA * g[d][b] / e[d];
      }
    }
    return Math.log(e[d]);
  }

  private void addOuter(double[] sum1, double[][] sum2, double[] xs, double w) {
    for (int a = 0; a < p; a++) {
      sum1[a] += w * xs[a];
      for (int b = 0; b < p; b++) {
        sum2[a][b] += w * xs[a] * xs[b];
      }
    }
  }
}
