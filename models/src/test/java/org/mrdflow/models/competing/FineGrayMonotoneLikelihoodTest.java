package org.mrdflow.models.competing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mrdflow.models.survival.SurvivalData;

/**
 * Fine-Gray under monotone likelihood: the cause of interest occurs only among patients with a
 * binary factor, so its coefficient diverges. The fit must not fail; its pseudo-log-likelihood
 * approaches the supremum, which without censoring (G = 1, every weight 1) is
 * {@code -sum over cause-1 failures of log #(factor present and still in the subdistribution risk
 * set: not yet failed, or failed from the competing cause)}, computed here by that formula.
 */
class FineGrayMonotoneLikelihoodTest {

  @Test
  void aSeparatedFactorGivesALargeFiniteCoefficientAtTheSupremumInsteadOfFailing() {
    int n = 60;
    double[] time = new double[n];
    int[] status = new int[n];
    double[][] x = new double[n][1];
    Random random = new Random(1999L);
    for (int i = 0; i < n; i++) {
      x[i][0] = i % 2;
      time[i] = -Math.log(random.nextDouble()) * 12;
      status[i] = x[i][0] == 1 && random.nextDouble() < 0.6 ? 1 : 2;
    }
    FineGrayFit fit = FineGray.fit(new SurvivalData(time, status), 1, x, List.of("g"));

    double supremum = 0;
    for (int i = 0; i < n; i++) {
      if (status[i] != 1) {
        continue;
      }
      int atRisk = 0;
      for (int k = 0; k < n; k++) {
        atRisk += x[k][0] == 1 && (time[k] >= time[i] || status[k] == 2) ? 1 : 0;
      }
      supremum -= Math.log(atRisk);
    }
    assertThat(fit.coef()[0]).isGreaterThan(5).isFinite();
    assertThat(fit.loglik()).isLessThanOrEqualTo(supremum).isCloseTo(supremum, within(5e-3));
    assertThat(fit.loglik()).isGreaterThan(fit.loglikNull());
  }
}
