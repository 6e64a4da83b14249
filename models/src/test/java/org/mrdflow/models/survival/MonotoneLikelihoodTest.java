package org.mrdflow.models.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Monotone likelihood (Bryson &amp; Johnson 1981): with no events among patients without a binary
 * factor its coefficient diverges and its information vanishes during Newton-Raphson. As R's
 * coxph, the fit converges on the log-likelihood with a large finite coefficient and a warning
 * naming the variable. R's exact diverged value depends on the iteration path, so the checks are
 * the limit properties: the log-likelihood reaches the supremum, which (as beta_g grows) is the
 * partial likelihood of the patients with the factor alone, computed here by its formula.
 */
class MonotoneLikelihoodTest {

  private static final int N = 60;

  /** Seeded cohort: distinct exponential times; g = 1 for even rows; events only when g = 1. */
  private static final double[] TIME = new double[N];
  private static final int[] STATUS = new int[N];
  private static final double[] G = new double[N];
  private static final double[] AGE = new double[N];

  static {
    Random random = new Random(20260121L);
    for (int i = 0; i < N; i++) {
      G[i] = i % 2 == 0 ? 1 : 0;
      AGE[i] = 30 + 30 * random.nextDouble();
      TIME[i] = -Math.log(random.nextDouble()) * 24 / Math.exp(0.04 * (AGE[i] - 45));
      STATUS[i] = G[i] == 1 && random.nextDouble() < 0.8 ? 1 : 0;
    }
  }

  private static double[][] columns(double[]... cols) {
    double[][] x = new double[N][cols.length];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < cols.length; j++) {
        x[i][j] = cols[j][i];
      }
    }
    return x;
  }

  /**
   * Log partial likelihood, with the single covariate z, of the patients that are {@code kept}
   * (the limit as the diverging coefficient grows: the others' share of every risk set vanishes),
   * and its derivative in beta. Times are distinct, so every tie method agrees.
   */
  private static double[] limitLoglikAndScore(int[] status, boolean[] kept, double[] z,
      double beta) {
    double loglik = 0;
    double score = 0;
    for (int i = 0; i < N; i++) {
      if (status[i] == 0) {
        continue;
      }
      double s0 = 0;
      double s1 = 0;
      for (int k = 0; k < N; k++) {
        if (kept[k] && TIME[k] >= TIME[i]) {
          double w = Math.exp(beta * z[k]);
          s0 += w;
          s1 += w * z[k];
        }
      }
      loglik += beta * z[i] - Math.log(s0);
      score += z[i] - s1 / s0;
    }
    return new double[] {loglik, score};
  }

  /** The limit when g diverges: the g = 1 patients alone, covariate age. */
  private static double[] limitWithG(double betaAge) {
    boolean[] kept = new boolean[N];
    for (int i = 0; i < N; i++) {
      kept[i] = G[i] == 1;
    }
    return limitLoglikAndScore(STATUS, kept, AGE, betaAge);
  }

  private static SurvivalData data() {
    return new SurvivalData(TIME, STATUS);
  }

  @Test
  void aSeparatedBinaryCovariateConvergesToTheSupremumWithAWarningInsteadOfFailing() {
    CoxFit fit = CoxModel.fit(data(), columns(G), List.of("g"), CoxModel.Ties.EFRON);

    assertThat(fit.coef()[0]).isGreaterThan(8).isFinite();
    assertThat(fit.loglik()).isCloseTo(limitWithG(0)[0], within(1e-6));
    assertThat(fit.warnings()).containsExactly(
        "loglik converged before variable 'g'; coefficient may be infinite");
    // the standard error comes from the (nearly vanished) information at the estimate
    assertThat(fit.se()[0]).isGreaterThan(100).isFinite();
  }

  @Test
  void theOtherCoefficientsConvergeToTheirValuesInTheLimitingLikelihood() {
    for (CoxModel.Ties ties : CoxModel.Ties.values()) {
      CoxFit fit = CoxModel.fit(data(), columns(AGE, G), List.of("age", "g"), ties);
      double[] limit = limitWithG(fit.coef()[0]);

      assertThat(fit.loglik()).as("%s", ties).isCloseTo(limit[0], within(1e-6));
      // age is at the maximum of the (concave) limiting likelihood: its score vanishes there
      assertThat(limit[1]).as("%s", ties).isCloseTo(0, within(1e-4));
      assertThat(fit.warnings()).as("%s", ties).containsExactly(
          "loglik converged before variable 'g'; coefficient may be infinite");
      assertThat(fit.se()[0]).isFinite().isLessThan(1);
    }
  }

  /**
   * Separation in a combination, as in the outcomes demo (transplanted, and MRD-positive among
   * them): {@code treated} holds for every g = 1 patient and a random half of the others, and the
   * treated g = 0 patients have no events while the untreated do. Neither column alone separates,
   * but the treated g = 0 patients' hazard goes to 0: beta_treated to minus infinity, beta_g to
   * plus infinity, their sum finite.
   */
  @Test
  void separationInACombinationOfTermsAlsoConvergesToTheSupremumWithAWarning() {
    double[] treated = new double[N];
    int[] status = STATUS.clone();
    boolean[] kept = new boolean[N];
    Random random = new Random(7L);
    for (int i = 0; i < N; i++) {
      treated[i] = G[i] == 1 || random.nextBoolean() ? 1 : 0;
      if (G[i] == 0 && treated[i] == 0) {
        status[i] = random.nextDouble() < 0.8 ? 1 : 0;
      }
      kept[i] = !(treated[i] == 1 && G[i] == 0);
    }
    CoxFit fit = CoxModel.fit(new SurvivalData(TIME, status), columns(treated, G),
        List.of("treated", "g"), CoxModel.Ties.EFRON);
    // in the limit the treated g = 0 patients drop out; the rest differ by g, log ratio b_t + b_g
    double[] limit = limitLoglikAndScore(status, kept, G, fit.coef()[0] + fit.coef()[1]);

    assertThat(fit.loglik()).isCloseTo(limit[0], within(1e-6));
    assertThat(limit[1]).isCloseTo(0, within(1e-4));
    assertThat(fit.coef()[0]).isLessThan(-8);
    assertThat(fit.coef()[1]).isGreaterThan(8).isFinite();
    assertThat(fit.warnings()).anyMatch(w -> w.endsWith("coefficient may be infinite"));
  }

  @Test
  void aRegularFitHasNoWarnings() {
    int[] status = STATUS.clone();
    for (int i = 1; i < N; i += 4) {
      status[i] = 1; // events among g = 0 too: the estimate is finite
    }
    CoxFit fit = CoxModel.fit(new SurvivalData(TIME, status), columns(AGE, G),
        List.of("age", "g"), CoxModel.Ties.EFRON);

    assertThat(fit.warnings()).isEmpty();
    assertThat(fit.coef()[1]).isBetween(-5.0, 5.0);
  }
}
