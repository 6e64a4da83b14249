package org.mrdflow.models.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Identities of counting-process data on seeded random cohorts: splitting follow-up into
 * (start, stop] rows without changing anything changes no estimate (Kaplan-Meier, Cox with all
 * three tie methods, the robust variance clustered by patient), and the Cox score test of one
 * binary time-dependent covariate without tied event times is the log-rank-type (Mantel-Byar)
 * statistic computed here by hand from the risk sets.
 */
class TimeDependentPropertiesTest {

  /** One row per subject: time (rounded, so with ties), status, a binary and a numeric x. */
  private record Cohort(double[] time, int[] status, double[][] x) {}

  private static Cohort cohort(long seed, int n, boolean ties) {
    Random random = new Random(seed);
    double[] time = new double[n];
    int[] status = new int[n];
    double[][] x = new double[n][2];
    for (int i = 0; i < n; i++) {
      x[i][0] = random.nextBoolean() ? 1 : 0;
      x[i][1] = Math.round(random.nextGaussian() * 10 + 40);
      double event = -Math.log(random.nextDouble()) / (0.03 * Math.exp(0.7 * x[i][0]));
      double censor = 5 + 60 * random.nextDouble();
      double t = Math.min(event, censor);
      time[i] = ties ? Math.max(1, Math.round(t)) : t;
      status[i] = event <= censor ? 1 : 0;
    }
    return new Cohort(time, status, x);
  }

  /** The same subjects with each follow-up cut at up to three random times (no change). */
  private static SurvivalData split(Cohort c, Random random, List<double[]> xRows) {
    List<Double> start = new ArrayList<>();
    List<Double> stop = new ArrayList<>();
    List<Integer> status = new ArrayList<>();
    List<String> id = new ArrayList<>();
    for (int i = 0; i < c.time().length; i++) {
      TreeSet<Double> cuts = new TreeSet<>();
      int k = random.nextInt(4);
      for (int j = 0; j < k; j++) {
        // cut at a random time, sometimes exactly at another subject's time
        double t = random.nextBoolean() ? c.time()[random.nextInt(c.time().length)]
            : random.nextDouble() * c.time()[i];
        if (t > 0 && t < c.time()[i]) {
          cuts.add(t);
        }
      }
      cuts.add(c.time()[i]);
      double from = 0;
      for (double to : cuts) {
        start.add(from);
        stop.add(to);
        status.add(to == c.time()[i] ? c.status()[i] : 0);
        id.add("p" + i);
        xRows.add(c.x()[i]);
        from = to;
      }
    }
    return new SurvivalData(start.stream().mapToDouble(Double::doubleValue).toArray(),
        stop.stream().mapToDouble(Double::doubleValue).toArray(),
        status.stream().mapToInt(Integer::intValue).toArray(), id.toArray(String[]::new));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {5, 17, 404, 2025, 65537})
  void kaplanMeierOnSplitRowsWithoutSwitchingGroupIsTheOrdinaryKaplanMeier(long seed) {
    Cohort c = cohort(seed, 120, true);
    KaplanMeierCurve ordinary = KaplanMeier.fit(new SurvivalData(c.time(), c.status()));
    SurvivalData rows = split(c, new Random(seed + 1), new ArrayList<>());
    assertThat(rows.size()).isGreaterThan(c.time().length);
    KaplanMeierCurve onRows = KaplanMeier.fit(rows);
    double[] t = onRows.time();
    double[] s = onRows.surv();
    double[] se = onRows.stdErr();
    int[] risk = onRows.nRisk();
    double[] ot = ordinary.time();
    for (int i = 0; i < t.length; i++) {
      // the ordinary curve's last row at or before t
      int j = -1;
      while (j + 1 < ot.length && ot[j + 1] <= t[i]) {
        j++;
      }
      assertThat(s[i]).isCloseTo(j < 0 ? 1 : ordinary.surv()[j], within(1e-12));
      assertThat(se[i]).isCloseTo(j < 0 ? 0 : ordinary.stdErr()[j], within(1e-12));
      if (j >= 0 && ot[j] == t[i]) {
        assertThat(risk[i]).isEqualTo(ordinary.nRisk()[j]);
        assertThat(onRows.nEvent()[i]).isEqualTo(ordinary.nEvent()[j]);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {8, 21, 311, 4096, 77777})
  void coxOnSplitRowsEqualsCoxOnTheUnsplitData(long seed) {
    Cohort c = cohort(seed, 150, true);
    List<String> terms = List.of("treated", "age");
    List<double[]> xRows = new ArrayList<>();
    SurvivalData rows = split(c, new Random(seed + 1), xRows);
    String[] ids = new String[c.time().length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "p" + i;
    }
    SurvivalData whole = new SurvivalData(null, c.time(), c.status(), ids);
    for (CoxModel.Ties ties : CoxModel.Ties.values()) {
      CoxFit a = CoxModel.fit(whole, c.x(), terms, ties);
      CoxFit b = CoxModel.fit(rows, xRows.toArray(double[][]::new), terms, ties);
      assertThat(b.loglik()).as(ties + " loglik").isCloseTo(a.loglik(), within(1e-9));
      assertThat(b.loglikNull()).isCloseTo(a.loglikNull(), within(1e-9));
      for (int j = 0; j < 2; j++) {
        assertThat(b.coef()[j]).as(ties + " coef").isCloseTo(a.coef()[j], within(1e-9));
        assertThat(b.se()[j]).as(ties + " se").isCloseTo(a.se()[j], within(1e-9));
      }
      assertThat(b.scoreTest().statistic()).isCloseTo(a.scoreTest().statistic(), within(1e-9));
      assertThat(b.concordance().c()).isCloseTo(a.concordance().c(), within(1e-12));
      if (ties != CoxModel.Ties.EXACT) {
        // the robust variance clustered by patient sums the patient's rows
        RobustCox ra = a.robust();
        RobustCox rb = b.robust();
        assertThat(rb.clusters()).isEqualTo(ids.length);
        for (int j = 0; j < 2; j++) {
          assertThat(rb.table().se()[j]).isCloseTo(ra.table().se()[j], within(1e-9));
        }
        assertThat(rb.scoreTest().statistic()).isCloseTo(ra.scoreTest().statistic(),
            within(1e-9));
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {13, 99, 1234, 8888, 424242})
  void scoreTestOfABinaryTimeDependentCovariateIsTheLogRankStatisticByHand(long seed) {
    Random random = new Random(seed);
    int n = 100;
    List<Double> start = new ArrayList<>();
    List<Double> stop = new ArrayList<>();
    List<Integer> status = new ArrayList<>();
    List<double[]> x = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // continuous times: no ties; some patients switch from 0 to 1 at a random time
      double end = -Math.log(random.nextDouble()) / 0.04;
      int event = random.nextDouble() < 0.75 ? 1 : 0;
      double switchAt = random.nextDouble() < 0.5 ? random.nextDouble() * 30 : Double.NaN;
      if (switchAt < end) {
        start.add(0.0);
        stop.add(switchAt);
        status.add(0);
        x.add(new double[] {0});
        start.add(switchAt);
        stop.add(end);
        status.add(event);
        x.add(new double[] {1});
      } else {
        start.add(0.0);
        stop.add(end);
        status.add(event);
        x.add(new double[] {0});
      }
    }
    double[] b = start.stream().mapToDouble(Double::doubleValue).toArray();
    double[] e = stop.stream().mapToDouble(Double::doubleValue).toArray();
    int[] s = status.stream().mapToInt(Integer::intValue).toArray();
    // by hand: at each event time, the rows at risk (b < t <= e) split by their current x
    double u = 0;
    double v = 0;
    for (int i = 0; i < e.length; i++) {
      if (s[i] == 0) {
        continue;
      }
      double n0 = 0;
      double n1 = 0;
      for (int j = 0; j < e.length; j++) {
        if (b[j] < e[i] && e[i] <= e[j]) {
          if (x.get(j)[0] == 1) {
            n1++;
          } else {
            n0++;
          }
        }
      }
      u += x.get(i)[0] - n1 / (n0 + n1);
      v += n0 * n1 / ((n0 + n1) * (n0 + n1));
    }
    double byHand = u * u / v;
    SurvivalData rows = new SurvivalData(b, e, s, null);
    for (CoxModel.Ties ties : CoxModel.Ties.values()) {
      CoxFit fit = CoxModel.fit(rows, x.toArray(double[][]::new), List.of("x"), ties);
      assertThat(fit.scoreTest().statistic()).as(ties.name())
          .isCloseTo(byHand, within(1e-9 * byHand));
    }
    assertThat(MantelByarTest.test(rows, x.stream().mapToDouble(r -> r[0]).toArray()).test()
        .statistic()).isCloseTo(byHand, within(1e-9 * byHand));
  }
}
