package org.mrdflow.models.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mrdflow.models.Probabilities;
import org.mrdflow.models.SingularDesignException;
import org.mrdflow.models.StatsInputException;

/** Edge cases R handles, with hand-computed expectations. */
class SurvivalEdgeCasesTest {

  private static final double Z = Probabilities.Z_975;

  @Test
  void anEventAndACensoringAtTheSameTimeCountTheEventFirst() {
    // 4 subjects; at t = 2 one event and one censoring: the censored one is still at risk
    KaplanMeierCurve km = KaplanMeier.fit(new SurvivalData(new double[] {1, 2, 2, 3},
        new int[] {0, 1, 0, 1}));
    assertThat(km.time()).containsExactly(1, 2, 3);
    assertThat(km.nRisk()).containsExactly(4, 3, 1);
    assertThat(km.surv()[1]).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(km.surv()[2]).isZero();
  }

  @Test
  void aSubjectCensoredAtTimeZeroIsInTheRiskSetAtZero() {
    KaplanMeierCurve km = KaplanMeier.fit(new SurvivalData(new double[] {0, 0, 5, 6},
        new int[] {1, 0, 1, 0}));
    assertThat(km.nRisk()[0]).isEqualTo(4);
    assertThat(km.surv()[0]).isCloseTo(0.75, within(1e-15));
  }

  @Test
  void allCensoredGivesSurvivalOneAndNoMedian() {
    KaplanMeierCurve km = KaplanMeier.fit(new SurvivalData(new double[] {2, 4, 6},
        new int[] {0, 0, 0}));
    assertThat(km.surv()).containsOnly(1.0);
    SurvivalQuantile median = km.median(ConfidenceType.LOG, Z);
    assertThat(median.estimate()).isNaN();
    assertThat(median.lower()).isNaN();
    double[][] logLog = km.confidenceLimits(ConfidenceType.LOG_LOG, Z);
    assertThat(logLog[0]).containsOnly(Double.NaN);
  }

  @Test
  void aMedianNeverReachedIsMissingButItsLowerLimitMayExist() {
    // 10 subjects, 3 early events: S ends at 0.7
    double[] t = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    int[] s = {1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
    SurvivalQuantile median = KaplanMeier.fit(new SurvivalData(t, s))
        .median(ConfidenceType.PLAIN, Z);
    assertThat(median.estimate()).isNaN();
    assertThat(median.upper()).isNaN();
    // plain lower limit at t = 3: 0.7 - 1.96 * sqrt(0.7 * 0.3 / 10) = 0.416 <= 0.5
    assertThat(median.lower()).isEqualTo(3);
  }

  @Test
  void logRankWithAGroupWithoutEventsMatchesTheHandComputation() {
    // group a: events at 1, 2, 3; group b: censored at 4, 5
    double[] t = {1, 2, 3, 4, 5};
    int[] s = {1, 1, 1, 0, 0};
    LogRankTest.Result r = LogRankTest.test(new SurvivalData(t, s),
        Grouping.of(new String[] {"a", "a", "a", "b", "b"}), 0);
    double expectedA = 3.0 / 5 + 2.0 / 4 + 1.0 / 3;
    double variance = 0.24 + 0.25 + 2.0 / 9;
    assertThat(r.observed()[1]).isZero();
    assertThat(r.expected()[0]).isCloseTo(expectedA, within(1e-12));
    assertThat(r.test().statistic())
        .isCloseTo((3 - expectedA) * (3 - expectedA) / variance, within(1e-12));
    assertThat(r.test().df()).isEqualTo(1);
  }

  @Test
  void aCollinearCovariateIsASingularDesignNamingIt() {
    double[] t = {1, 2, 3, 4, 5, 6};
    int[] s = {1, 0, 1, 1, 0, 1};
    double[][] x = {{1, 2}, {2, 4}, {3, 6}, {4, 8}, {5, 10}, {6, 12}};
    assertThatThrownBy(() -> CoxModel.fit(new SurvivalData(t, s), x, List.of("dose", "dose2"),
        CoxModel.Ties.EFRON))
        .isInstanceOf(SingularDesignException.class).hasMessageContaining("dose2");
  }

  @Test
  void aConstantCovariateIsASingularDesign() {
    double[] t = {1, 2, 3, 4};
    int[] s = {1, 0, 1, 1};
    double[][] x = {{7}, {7}, {7}, {7}};
    assertThatThrownBy(() -> CoxModel.fit(new SurvivalData(t, s), x, List.of("site"),
        CoxModel.Ties.BRESLOW))
        .isInstanceOf(SingularDesignException.class).hasMessageContaining("site");
  }

  @Test
  void negativeTimesAndMismatchedColumnsAreRejected() {
    assertThatThrownBy(() -> new SurvivalData(new double[] {-1}, new int[] {1}))
        .isInstanceOf(StatsInputException.class).hasMessageContaining("row 1");
    assertThatThrownBy(() -> new SurvivalData(new double[] {1, 2}, new int[] {1}))
        .isInstanceOf(StatsInputException.class);
  }
}
