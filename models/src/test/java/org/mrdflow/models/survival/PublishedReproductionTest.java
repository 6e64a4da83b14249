package org.mrdflow.models.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mrdflow.models.Probabilities;
import org.mrdflow.models.tests.FisherExactTest;

/**
 * Seed 004's published numbers, as reconstructed in {@code stats-ref/repro} (R 4.2.2): the three
 * Fisher p-values are R's two-sided {@code fisher.test}; the two event-free survival intervals are
 * Kaplan-Meier with Greenwood variance and the log(-log) interval.
 */
class PublishedReproductionTest {

  private static double fisher(long a, long b, long c, long d) {
    return FisherExactTest.test(new long[][] {{a, b}, {c, d}}, 0.95).p();
  }

  @Test
  void fisherFourOfTenVersusNineOfNineIs0Point0108() {
    assertThat(fisher(4, 9, 6, 0)).isCloseTo(0.0108359133126935, within(1e-13));
  }

  @Test
  void fisherSevenOfElevenVersusSixOfEightIs1() {
    assertThat(fisher(7, 6, 4, 2)).isCloseTo(1.0, within(1e-13));
  }

  @Test
  void fisherEightOfTenVersusFiveOfNineIs0Point3498() {
    assertThat(fisher(8, 5, 2, 4)).isCloseTo(0.34984520123839, within(1e-13));
  }

  private static SurvivalAtTime at24(double[] time, int[] status) {
    List<SurvivalAtTime> rows = KaplanMeier.fit(new SurvivalData(time, status))
        .atTimes(new double[] {24}, ConfidenceType.LOG_LOG, Probabilities.Z_975);
    return rows.get(0);
  }

  @Test
  void eventFreeSurvivalOfElevenPatientsWithOneEventIs90Point9From50Point8To98Point7() {
    SurvivalAtTime s = at24(new double[] {3, 8, 10, 12, 14, 16, 18, 20, 22, 25, 27.5},
        new int[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    assertThat(s.surv()).isCloseTo(0.909090909090909, within(1e-14));
    assertThat(s.lower()).isCloseTo(0.50808020576993, within(1e-13));
    assertThat(s.upper()).isCloseTo(0.986673822667823, within(1e-13));
  }

  @Test
  void eventFreeSurvivalOfThirteenPatientsWithThreeEventsIs69Point2From30Point6To89Point2() {
    SurvivalAtTime s = at24(new double[] {3, 5, 6, 7, 8, 9, 10, 12, 15, 18, 21, 24, 27},
        new int[] {1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0});
    assertThat(s.surv()).isCloseTo(0.692307692307692, within(1e-14));
    assertThat(s.lower()).isCloseTo(0.306285690980495, within(1e-13));
    assertThat(s.upper()).isCloseTo(0.892007260298701, within(1e-13));
  }
}
