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
  /** rows ordered by decreasing stop time */
  private final int[] order;
  /** counting-process rows ordered by decreasing start time (empty without delayed entry) */
  private final int[] entryOrder;
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
    int[] byEntry = data.isCountingProcess() ? data.orderByEntry() : new int[0];
    this.entryOrder = new int[byEntry.length];
    for (int i = 0; i < byEntry.length; i++) {
      entryOrder[i] = byEntry[byEntry.length - 1 - i];
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
   * likelihood. Rows join the risk sums at their stop time and, for counting-process data, leave
   * them once t is at or before their start (risk set {@code start < t <= stop}, as R's agfit).
   */
  double pass(double[] beta, CoxModel.Ties tieMethod, EventTimeVisitor visitor) {
    double[] risk = new double[n];
    for (int i = 0; i < n; i++) {
      risk[i] = Math.exp(centredLinearPredictor(i, beta));
    }
    boolean[] inRisk = new boolean[n];
    double s0 = 0;
    double[] s1 = new double[p];
    double[][] s2 = new double[p][p];
    double loglik = 0;
    int i = 0;
    int leaving = 0;
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
        inRisk[s] = true;
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
      // a row entering at or after t (start >= t) is not at risk at t; its stop is later, so it
      // was added before
      while (leaving < entryOrder.length && data.entry(entryOrder[leaving]) >= t) {
        int s = entryOrder[leaving++];
        double w = risk[s];
        inRisk[s] = false;
        s0 -= w;
        addOuter(s1, s2, x[s], -w);
      }
      if (deaths == 0) {
        continue;
      }
      double[] u = deathCovariateSum.clone();
      double[][] v = new double[p][p];
      if (tieMethod == CoxModel.Ties.EXACT) {
        loglik -= exactContribution(risk, inRisk, i, deaths, u, v);
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
   * Score residuals (Therneau, Grambsch &amp; Fleming 1990) at {@code beta}, one row per data row:
   * the integral of {@code x_i - xbar(t)} against the row's martingale
   * {@code dN_i(t) - Y_i(t) exp(eta_i) dLambda_0(t)}. With Efron's ties the k-th of d tied deaths
   * has the hazard increment {@code 1 / (s0 - k/d d0)} and weighted mean {@code xbar_k}; each
   * dying row counts for {@code 1 - k/d} of the k-th risk set and its dN is spread evenly,
   * {@code x_i - mean_k xbar_k}. Rows sum to the score vector. Used for the robust (sandwich)
   * variance clustered by subject.
   */
  double[][] scoreResiduals(double[] beta, CoxModel.Ties tieMethod) {
    double[] risk = new double[n];
    for (int i = 0; i < n; i++) {
      risk[i] = Math.exp(centredLinearPredictor(i, beta));
    }
    boolean efron = tieMethod == CoxModel.Ties.EFRON;
    double[][] resid = new double[n][p];
    java.util.TreeSet<Double> eventTimes = new java.util.TreeSet<>();
    for (int i = 0; i < n; i++) {
      if (event[i]) {
        eventTimes.add(time[i]);
      }
    }
    for (double t : eventTimes) {
      double s0 = 0;
      double d0 = 0;
      double[] s1 = new double[p];
      double[] d1 = new double[p];
      int deaths = 0;
      for (int i = 0; i < n; i++) {
        if (!data.atRisk(i, t)) {
          continue;
        }
        s0 += risk[i];
        boolean dies = event[i] && time[i] == t;
        if (dies) {
          deaths++;
          d0 += risk[i];
        }
        for (int a = 0; a < p; a++) {
          s1[a] += risk[i] * x[i][a];
          if (dies) {
            d1[a] += risk[i] * x[i][a];
          }
        }
      }
      double[][] mean = new double[deaths][p];
      double[] hazard = new double[deaths];
      double[] meanOfMeans = new double[p];
      for (int k = 0; k < deaths; k++) {
        double f = efron ? (double) k / deaths : 0;
        hazard[k] = 1 / (s0 - f * d0);
        for (int a = 0; a < p; a++) {
          mean[k][a] = (s1[a] - f * d1[a]) * hazard[k];
          meanOfMeans[a] += mean[k][a] / deaths;
        }
      }
      for (int i = 0; i < n; i++) {
        if (!data.atRisk(i, t)) {
          continue;
        }
        boolean dies = event[i] && time[i] == t;
        for (int k = 0; k < deaths; k++) {
          double share = dies && efron ? 1 - (double) k / deaths : 1;
          for (int a = 0; a < p; a++) {
            resid[i][a] -= risk[i] * share * (x[i][a] - mean[k][a]) * hazard[k];
          }
        }
        if (dies) {
          for (int a = 0; a < p; a++) {
            resid[i][a] += x[i][a] - meanOfMeans[a];
          }
        }
      }
    }
    return resid;
  }

  /**
   * Exact discrete-time contribution at one event time: the denominator is the sum over all
   * subsets of size d of the risk set of the product of risk scores (an elementary symmetric
   * polynomial), built by the recursion of Gail, Lubin &amp; Rubinstein (1981) together with its
   * gradient and Hessian. Subtracts the mean from {@code u}, adds the covariance to {@code v};
   * returns log of the denominator. The risk set is the rows of {@code order[0 .. riskEnd)} still
   * {@code inRisk}.
   */
  private double exactContribution(double[] risk, boolean[] inRisk, int riskEnd, int d,
      double[] u, double[][] v) {
    double[] e = new double[d + 1];
    double[][] g = new double[d + 1][p];
    double[][][] h = new double[d + 1][p][p];
    e[0] = 1;
    int members = 0;
    for (int r = 0; r < riskEnd; r++) {
      int s = order[r];
      if (!inRisk[s]) {
        continue;
      }
      members++;
      double w = risk[s];
      double[] xs = x[s];
      for (int k = Math.min(d, members); k >= 1; k--) {
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
