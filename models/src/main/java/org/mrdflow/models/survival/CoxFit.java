package org.mrdflow.models.survival;

import java.util.ArrayList;
import java.util.List;
import org.mrdflow.models.ChiSquareResult;
import org.mrdflow.models.CoefficientTable;
import org.mrdflow.models.Probabilities;
import org.mrdflow.models.SymmetricMatrices;

/**
 * A fitted Cox model: coefficients, their model-based covariance (inverse observed information at
 * the estimate), the likelihood-ratio, Wald and score tests, Harrell's concordance, the
 * {@code cox.zph} proportional-hazards test and the Breslow/Efron baseline cumulative hazard.
 * A coefficient without information left at the estimate (it diverged) gets an infinite variance.
 */
public final class CoxFit {

  /** coxph's {@code control$eps} and {@code toler.inf = sqrt(eps)} for the divergence check. */
  private static final double STEP_TOLERANCE = CoxModel.CONVERGENCE;
  private static final double RELATIVE_STEP_TOLERANCE = Math.sqrt(CoxModel.CONVERGENCE);

  private final CoxLikelihood likelihood;
  private final double[] coef;
  private final double[][] information;
  private final boolean[] singular;
  private final double[][] variance;
  private final CoefficientTable wald;
  private final double loglik;
  private final double loglikNull;
  private final ChiSquareResult scoreTest;
  private final int iterations;
  private final List<String> warnings;

  CoxFit(CoxLikelihood likelihood, double[] coef, CoxLikelihood.Evaluation fitted,
      CoxLikelihood.Evaluation nullModel, int iterations, boolean converged) {
    this.likelihood = likelihood;
    this.coef = coef;
    this.information = fitted.information();
    SymmetricMatrices.Factor factor = SymmetricMatrices.factor(information);
    this.singular = factor.singular();
    this.variance = factor.inverse();
    for (int j = 0; j < coef.length; j++) {
      if (singular[j]) {
        // no information left at the estimate: the coefficient is unbounded
        variance[j][j] = Double.POSITIVE_INFINITY;
      }
    }
    this.wald = new CoefficientTable(coef, variance);
    this.loglik = fitted.loglik();
    this.loglikNull = nullModel.loglik();
    this.scoreTest = ChiSquareResult.of(SymmetricMatrices.quadraticFormInverse(
        nullModel.information(), nullModel.score(), likelihood.terms()), coef.length);
    this.iterations = iterations;
    this.warnings = warnings(factor.solve(fitted.score()), converged);
  }

  /**
   * coxph's check (survival's {@code coxph.fit}): a coefficient whose next Newton step
   * {@code |(V U)_j|} still exceeds eps and sqrt(eps) |b_j| was still moving when the
   * log-likelihood stopped changing, i.e. it diverges. (coxph skips this check when the iterations
   * ran out; it is kept here so that such a fit still names the diverging variable.)
   */
  private List<String> warnings(double[] nextStep, boolean converged) {
    List<String> out = new ArrayList<>();
    if (!converged) {
      out.add("ran out of iterations (" + iterations + ") and did not converge");
    }
    for (int j = 0; j < coef.length; j++) {
      double step = Math.abs(nextStep[j]);
      if (singular[j] || step > STEP_TOLERANCE && step > RELATIVE_STEP_TOLERANCE * Math.abs(coef[j])) {
        out.add((converged ? "loglik converged before variable '" : "still moving: variable '")
            + terms().get(j) + "'; coefficient may be infinite");
      }
    }
    return List.copyOf(out);
  }

  public List<String> terms() {
    return likelihood.terms();
  }

  public CoxModel.Ties ties() {
    return likelihood.ties();
  }

  /** Whether the fit is on (start, stop] rows. */
  public boolean isCountingProcess() {
    return likelihood.data().isCountingProcess();
  }

  /** Subjects in the fit. */
  public int n() {
    return likelihood.size();
  }

  /** Events in the fit. */
  public int eventCount() {
    return likelihood.eventCount();
  }

  /**
   * Warnings as coxph's: a coefficient that may be infinite (monotone likelihood), or no
   * convergence within the iteration limit. Empty for a regular fit.
   */
  public List<String> warnings() {
    return warnings;
  }

  /** Newton-Raphson iterations used. */
  public int iterations() {
    return iterations;
  }

  /** Covariate means (the centring R reports as {@code fit$means}). */
  public double[] means() {
    return likelihood.means();
  }

  public double[] coef() {
    return coef.clone();
  }

  /** Covariance matrix of the coefficients. */
  public double[][] variance() {
    double[][] out = new double[variance.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = variance[i].clone();
    }
    return out;
  }

  public double[] se() {
    return wald.se();
  }

  public double[] hazardRatio() {
    return wald.hazardRatio();
  }

  /** Lower limit {@code exp(coef - z se)} of the hazard ratio's Wald interval. */
  public double[] hazardRatioLower(double z) {
    return wald.hazardRatioLimit(-z);
  }

  /** Upper limit {@code exp(coef + z se)}. */
  public double[] hazardRatioUpper(double z) {
    return wald.hazardRatioLimit(z);
  }

  /** Wald z = coef / se. */
  public double[] z() {
    return wald.z();
  }

  /** Two-sided Wald p-values. */
  public double[] p() {
    return wald.p();
  }

  /** Log partial likelihood at the estimate. */
  public double loglik() {
    return loglik;
  }

  /** Log partial likelihood at beta = 0. */
  public double loglikNull() {
    return loglikNull;
  }

  /** Likelihood-ratio test {@code 2 (loglik - loglikNull)}. */
  public ChiSquareResult likelihoodRatioTest() {
    return ChiSquareResult.of(2 * (loglik - loglikNull), coef.length);
  }

  /**
   * Wald test {@code b' V^-1 b}. (R's {@code summary.coxph} prints this statistic rounded to two
   * decimals; its p-value uses the unrounded statistic, as here.)
   */
  public ChiSquareResult waldTest() {
    // V^-1 restricted to the estimable columns is the information there
    double stat = 0;
    int df = 0;
    for (int a = 0; a < coef.length; a++) {
      if (singular[a]) {
        continue;
      }
      df++;
      for (int b = 0; b < coef.length; b++) {
        if (!singular[b]) {
          stat += coef[a] * information[a][b] * coef[b];
        }
      }
    }
    return ChiSquareResult.of(stat, df);
  }

  /** Score (log-rank type) test at beta = 0. */
  public ChiSquareResult scoreTest() {
    return scoreTest;
  }

  /**
   * The robust (sandwich) covariance clustered by subject, as {@code coxph(... + cluster(id))}
   * (Lin &amp; Wei 1989): the sum over subjects of the outer products of their dfbeta residuals
   * (score residuals of all the subject's rows times the model-based covariance). Clusters are the
   * data's ids, or each row when the data carry none. The coefficients are the model's.
   */
  public RobustCox robust() {
    String[] cluster = likelihood.data().id();
    double[][] atFit = clusterSums(likelihood.scoreResiduals(coef, scoreTies()), cluster);
    int p = coef.length;
    double[][] robustVariance = new double[p][p];
    for (double[] scores : atFit) {
      double[] dfbeta = new double[p];
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < p; b++) {
          dfbeta[a] += scores[b] * variance[b][a];
        }
      }
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < p; b++) {
          robustVariance[a][b] += dfbeta[a] * dfbeta[b];
        }
      }
    }
    CoefficientTable table = new CoefficientTable(coef, robustVariance);
    ChiSquareResult wald = ChiSquareResult.of(
        SymmetricMatrices.quadraticFormInverse(robustVariance, coef, terms()), p);
    // the robust score test: the score at beta = 0 against the clusters' score outer products
    double[][] atNull = clusterSums(likelihood.scoreResiduals(new double[p], scoreTies()),
        cluster);
    double[] u = new double[p];
    double[][] meat = new double[p][p];
    for (double[] scores : atNull) {
      for (int a = 0; a < p; a++) {
        u[a] += scores[a];
        for (int b = 0; b < p; b++) {
          meat[a][b] += scores[a] * scores[b];
        }
      }
    }
    ChiSquareResult score = ChiSquareResult.of(
        SymmetricMatrices.quadraticFormInverse(meat, u, terms()), p);
    return new RobustCox(table, atFit.length, wald, score);
  }

  /** Score residuals use Breslow's increments for an exact fit (as R's residuals.coxph). */
  private CoxModel.Ties scoreTies() {
    return ties() == CoxModel.Ties.EFRON ? CoxModel.Ties.EFRON : CoxModel.Ties.BRESLOW;
  }

  /** Row residuals summed per cluster (first-appearance order); each row its own without ids. */
  private static double[][] clusterSums(double[][] rows, String[] cluster) {
    if (cluster == null) {
      return rows;
    }
    java.util.Map<String, double[]> sums = new java.util.LinkedHashMap<>();
    for (int i = 0; i < rows.length; i++) {
      double[] sum = sums.computeIfAbsent(cluster[i], k -> new double[rows[0].length]);
      for (int a = 0; a < sum.length; a++) {
        sum[a] += rows[i][a];
      }
    }
    return sums.values().toArray(new double[0][]);
  }

  /** Linear predictor {@code x' b} of each subject in the fit, with uncentred covariates. */
  public double[] linearPredictor() {
    double[] lp = new double[n()];
    for (int i = 0; i < lp.length; i++) {
      lp[i] = linearPredictor(likelihood.rawCovariates(i));
    }
    return lp;
  }

  /** Linear predictor {@code x' b} for a new covariate row (uncentred). */
  public double linearPredictor(double[] covariates) {
    double eta = 0;
    for (int j = 0; j < coef.length; j++) {
      eta += coef[j] * covariates[j];
    }
    return eta;
  }

  /** Harrell's concordance of the linear predictor with the fitted data. */
  public Concordance concordance() {
    double[] centred = new double[n()];
    for (int i = 0; i < centred.length; i++) {
      centred[i] = likelihood.centredLinearPredictor(i, coef);
    }
    return Concordance.of(likelihood.data(), centred);
  }

  /** The {@code cox.zph} score test for non-proportional hazards on the time scale g(t). */
  public ProportionalHazardsTest proportionalHazardsTest(
      ProportionalHazardsTest.Transform transform) {
    int p = coef.length;
    List<Double> eventTimes = new ArrayList<>();
    List<double[]> scores = new ArrayList<>();
    List<double[][]> informations = new ArrayList<>();
    // as R, an exact-likelihood fit is tested with Breslow's score terms
    CoxModel.Ties tieMethod = ties() == CoxModel.Ties.EXACT ? CoxModel.Ties.BRESLOW : ties();
    likelihood.pass(coef, tieMethod, (t, u, v) -> {
      eventTimes.add(t);
      scores.add(u);
      informations.add(v);
    });
    double[] g = timeScale(transform, eventTimes);
    double[] u = new double[2 * p];
    double[][] info = new double[2 * p][2 * p];
    for (int k = 0; k < g.length; k++) {
      double[] uk = scores.get(k);
      double[][] vk = informations.get(k);
      for (int a = 0; a < p; a++) {
        // the score of the fitted coefficients is zero at the estimate (left 0 in u[a])
        u[p + a] += g[k] * uk[a];
        for (int b = 0; b < p; b++) {
          info[a][b] += vk[a][b];
          info[a][p + b] += g[k] * vk[a][b];
          info[p + a][b] += g[k] * vk[a][b];
          info[p + a][p + b] += g[k] * g[k] * vk[a][b];
        }
      }
    }
    List<String> names = new ArrayList<>(terms());
    for (String term : terms()) {
      names.add(term + ":g(t)");
    }
    List<String> rowNames = new ArrayList<>(terms());
    rowNames.add("GLOBAL");
    double[] chisq = new double[p + 1];
    int[] df = new int[p + 1];
    double[] pv = new double[p + 1];
    for (int j = 0; j <= p; j++) {
      int[] idx = new int[j < p ? p + 1 : 2 * p];
      for (int a = 0; a < idx.length; a++) {
        idx[a] = j < p && a == p ? p + j : a;
      }
      double[] us = new double[idx.length];
      double[][] is = new double[idx.length][idx.length];
      List<String> sub = new ArrayList<>();
      for (int a = 0; a < idx.length; a++) {
        us[a] = u[idx[a]];
        sub.add(names.get(idx[a]));
        for (int b = 0; b < idx.length; b++) {
          is[a][b] = info[idx[a]][idx[b]];
        }
      }
      // only the added time-varying terms count as degrees of freedom; the first p are nuisance
      df[j] = j < p ? 1 : p;
      chisq[j] = SymmetricMatrices.quadraticFormInverse(is, us, sub);
      pv[j] = Probabilities.chiSquareUpperTail(chisq[j], df[j]);
    }
    return new ProportionalHazardsTest(rowNames, chisq, df, pv);
  }

  /** g at each distinct event time (in the order given), centred at its mean over events. */
  private double[] timeScale(ProportionalHazardsTest.Transform transform, List<Double> times) {
    double[] time = likelihood.time();
    int m = times.size();
    double[] deaths = new double[m];
    for (int k = 0; k < m; k++) {
      for (int i = 0; i < time.length; i++) {
        if (time[i] == times.get(k) && likelihood.isEvent(i)) {
          deaths[k]++;
        }
      }
    }
    double[] g = new double[m];
    KaplanMeierCurve km = transform == ProportionalHazardsTest.Transform.KM
        ? KaplanMeier.fit(likelihood.data()) : null;
    for (int k = 0; k < m; k++) {
      double t = times.get(k);
      g[k] = switch (transform) {
        case IDENTITY -> t;
        case KM -> 1 - survivalBefore(km, t);
        case RANK -> {
          // average rank of t among all follow-up times, as R's rank(times)
          double earlier = 0;
          double tied = 0;
          for (double other : time) {
            earlier += other < t ? 1 : 0;
            tied += other == t ? 1 : 0;
          }
          yield earlier + (tied + 1) / 2;
        }
      };
    }
    double mean = 0;
    double total = 0;
    for (int k = 0; k < m; k++) {
      mean += g[k] * deaths[k];
      total += deaths[k];
    }
    mean /= total;
    for (int k = 0; k < m; k++) {
      g[k] -= mean;
    }
    return g;
  }

  private static double survivalBefore(KaplanMeierCurve km, double t) {
    double[] times = km.time();
    double[] surv = km.surv();
    double s = 1;
    for (int i = 0; i < times.length && times[i] < t; i++) {
      s = surv[i];
    }
    return s;
  }

  /**
   * Baseline cumulative hazard at covariates 0 (R's {@code basehaz(fit, centered = FALSE)}) at
   * each distinct follow-up time: Breslow's estimator, with Efron's tie correction for an Efron
   * fit. Returns {times[], cumulativeHazard[]}.
   */
  public double[][] baselineCumulativeHazard() {
    SurvivalData data = likelihood.data();
    KaplanMeierCurve grid = KaplanMeier.fit(data);
    double[] times = grid.time();
    double[] time = data.time();
    double[] risk = linearPredictor();
    for (int i = 0; i < risk.length; i++) {
      risk[i] = Math.exp(risk[i]);
    }
    double[] cumulative = new double[times.length];
    double h = 0;
    for (int r = 0; r < times.length; r++) {
      double atRisk = 0;
      double dying = 0;
      int d = 0;
      for (int i = 0; i < time.length; i++) {
        if (data.atRisk(i, times[r])) {
          atRisk += risk[i];
        }
        if (time[i] == times[r] && likelihood.isEvent(i)) {
          dying += risk[i];
          d++;
        }
      }
      for (int k = 0; k < d; k++) {
        double f = ties() == CoxModel.Ties.EFRON ? (double) k / d : 0;
        h += 1 / (atRisk - f * dying);
      }
      cumulative[r] = h;
    }
    return new double[][] {times, cumulative};
  }
}
