package org.mrdflow.models.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mrdflow.models.competing.CumulativeIncidence;
import org.mrdflow.models.competing.CumulativeIncidenceCurve;

/**
 * Identities that hold for any data, checked on seeded random cohorts: they tie independent
 * computations together (Aalen-Johansen vs Kaplan-Meier, Kaplan-Meier vs the empirical
 * distribution, the Cox score test vs the log-rank test).
 */
class SurvivalPropertiesTest {

  /** A cohort with two competing causes, censoring and (rounded) tied times. */
  private static SurvivalData competingCohort(long seed, int n) {
    Random random = new Random(seed);
    double[] time = new double[n];
    int[] status = new int[n];
    for (int i = 0; i < n; i++) {
      double relapse = -Math.log(random.nextDouble()) / 0.05;
      double death = -Math.log(random.nextDouble()) / 0.02;
      double censor = 60 * random.nextDouble();
      double first = Math.min(relapse, Math.min(death, censor));
      time[i] = Math.round(first);
      status[i] = first == censor ? 0 : first == relapse ? 1 : 2;
    }
    return new SurvivalData(time, status);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 7, 42, 2024, 99991})
  void cumulativeIncidenceOfAllCausesPlusEventFreeSurvivalIsOne(long seed) {
    SurvivalData data = competingCohort(seed, 150);
    KaplanMeierCurve eventFree = KaplanMeier.fit(data);
    double[] times = eventFree.time();
    double[] total = eventFree.surv();
    for (int cause : CumulativeIncidence.causes(data)) {
      CumulativeIncidenceCurve cif = CumulativeIncidence.fit(data, cause);
      double[] f = cif.at(times)[0];
      for (int i = 0; i < times.length; i++) {
        total[i] += f[i];
      }
    }
    for (double sum : total) {
      assertThat(sum).isCloseTo(1.0, within(1e-12));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {3, 11, 58, 777, 31337})
  void kaplanMeierWithoutCensoringIsTheEmpiricalSurvivalWithBinomialVariance(long seed) {
    Random random = new Random(seed);
    int n = 80;
    double[] time = new double[n];
    for (int i = 0; i < n; i++) {
      time[i] = Math.floor(30 * random.nextDouble()); // ties on purpose
    }
    int[] status = new int[n];
    java.util.Arrays.fill(status, 1);
    KaplanMeierCurve km = KaplanMeier.fit(new SurvivalData(time, status));
    double[] t = km.time();
    double[] s = km.surv();
    double[] se = km.seSurv();
    for (int i = 0; i < t.length; i++) {
      double later = 0;
      for (double v : time) {
        later += v > t[i] ? 1 : 0;
      }
      double empirical = later / n;
      assertThat(s[i]).isCloseTo(empirical, within(1e-12));
      if (empirical > 0) {
        // Greenwood's variance reduces to the binomial S (1 - S) / n without censoring
        assertThat(se[i] * se[i]).isCloseTo(empirical * (1 - empirical) / n, within(1e-12));
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {5, 17, 123, 4096, 65537})
  void coxScoreTestOfOneBinaryCovariateWithoutTiesIsTheLogRankTest(long seed) {
    Random random = new Random(seed);
    int n = 120;
    double[] time = new double[n];
    int[] status = new int[n];
    double[][] x = new double[n][1];
    String[] group = new String[n];
    for (int i = 0; i < n; i++) {
      int g = random.nextInt(2);
      x[i][0] = g;
      group[i] = Integer.toString(g);
      double event = -Math.log(random.nextDouble()) / (g == 1 ? 0.08 : 0.05);
      double censor = 40 * random.nextDouble();
      time[i] = Math.min(event, censor); // continuous: no ties
      status[i] = event <= censor ? 1 : 0;
    }
    SurvivalData data = new SurvivalData(time, status);
    for (CoxModel.Ties ties : CoxModel.Ties.values()) {
      CoxFit fit = CoxModel.fit(data, x, List.of("group"), ties);
      LogRankTest.Result logRank = LogRankTest.test(data, Grouping.of(group), 0);
      assertThat(fit.scoreTest().statistic())
          .isCloseTo(logRank.test().statistic(), within(1e-9));
    }
  }
}
