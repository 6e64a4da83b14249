package org.mrdflow.models.competing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mrdflow.models.ChiSquareResult;
import org.mrdflow.models.StatsInputException;
import org.mrdflow.models.survival.Grouping;
import org.mrdflow.models.survival.SurvivalData;

/**
 * Identities of Gray's test beyond the two-group cmprsk reference
 * ({@code reference/CompetingRisksReferenceTest}): with K &gt; 2 groups the statistic uses the
 * off-diagonal covariances, and must not depend on which group is left out of the K-1 scores.
 */
class GrayTestPropertiesTest {

  /** Three arms with different relapse hazards, a competing cause, censoring and tied times. */
  private static final class Cohort {
    final double[] time;
    final int[] status;
    final String[] arm;

    Cohort(long seed, int n) {
      Random random = new Random(seed);
      time = new double[n];
      status = new int[n];
      arm = new String[n];
      double[] relapseRate = {0.03, 0.06, 0.1};
      for (int i = 0; i < n; i++) {
        int g = random.nextInt(3);
        double relapse = -Math.log(random.nextDouble()) / relapseRate[g];
        double death = -Math.log(random.nextDouble()) / 0.02;
        double censor = 48 * random.nextDouble();
        double first = Math.min(relapse, Math.min(death, censor));
        time[i] = Math.round(first);
        status[i] = first == censor ? 0 : first == relapse ? 1 : 2;
        arm[i] = String.valueOf((char) ('a' + g));
      }
    }

    SurvivalData data() {
      return new SurvivalData(time, status);
    }

    /** The arms renamed: arm a becomes {@code names[0]}, b {@code names[1]}, c {@code names[2]}. */
    Grouping renamed(String... names) {
      String[] labels = new String[arm.length];
      for (int i = 0; i < arm.length; i++) {
        labels[i] = names[arm[i].charAt(0) - 'a'];
      }
      return Grouping.of(labels);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {5, 17, 123, 2718})
  void statisticDoesNotDependOnWhichGroupIsLeftOut(long seed) {
    Cohort cohort = new Cohort(seed, 240);
    for (int cause = 1; cause <= 2; cause++) {
      ChiSquareResult reference = GrayTest.test(cohort.data(), cohort.renamed("a", "b", "c"),
          cause);
      assertThat(reference.df()).isEqualTo(2);
      assertThat(reference.statistic()).isPositive();
      for (String[] names : new String[][] {{"c", "a", "b"}, {"b", "c", "a"}, {"a", "c", "b"}}) {
        ChiSquareResult relabelled = GrayTest.test(cohort.data(), cohort.renamed(names), cause);
        assertThat(relabelled.df()).isEqualTo(2);
        assertThat(relabelled.statistic())
            .isCloseTo(reference.statistic(), within(1e-9 * reference.statistic()));
      }
    }
  }

  @Test
  void swappingTwoGroupsLeavesTheStatisticUnchanged() {
    Cohort cohort = new Cohort(99, 150);
    boolean[] notC = new boolean[cohort.arm.length];
    for (int i = 0; i < notC.length; i++) {
      notC[i] = !cohort.arm[i].equals("c");
    }
    SurvivalData data = cohort.data().subset(notC);
    String[] ab = IntStream.range(0, notC.length).filter(i -> notC[i])
        .mapToObj(i -> cohort.arm[i]).toArray(String[]::new);
    String[] ba = Arrays.stream(ab).map(s -> s.equals("a") ? "z" : s)
        .toArray(String[]::new);
    ChiSquareResult forward = GrayTest.test(data, Grouping.of(ab), 1);
    ChiSquareResult backward = GrayTest.test(data, Grouping.of(ba), 1);
    assertThat(forward.df()).isEqualTo(1);
    assertThat(backward.statistic()).isCloseTo(forward.statistic(),
        within(1e-9 * forward.statistic()));
  }

  /**
   * A group whose subjects are all censored before the first failure is never at risk when the
   * cause occurs: its score and covariance row are zero, the generalized inverse ignores it, and
   * the test is the two-group test of the others with one degree of freedom.
   */
  @Test
  void groupNeverAtRiskDropsOutWithOneDegreeOfFreedomLess() {
    Cohort cohort = new Cohort(31, 160);
    int n = cohort.time.length;
    int extra = 12;
    // follow-up shifted by one month so that censoring at 0.5 precedes every failure
    double[] time = new double[n + extra];
    int[] status = Arrays.copyOf(cohort.status, n + extra);
    String[] withEmpty = new String[n + extra];
    String[] twoArms = new String[n];
    for (int i = 0; i < n; i++) {
      time[i] = cohort.time[i] + 1;
      // arms a and c only; "b" (sorted between them) is the never-at-risk group
      twoArms[i] = cohort.arm[i].equals("b") ? "a" : cohort.arm[i];
      withEmpty[i] = twoArms[i];
    }
    for (int i = n; i < n + extra; i++) {
      time[i] = 0.5;
      withEmpty[i] = "b";
    }
    ChiSquareResult two = GrayTest.test(
        new SurvivalData(Arrays.copyOf(time, n), cohort.status), Grouping.of(twoArms), 1);
    ChiSquareResult three = GrayTest.test(new SurvivalData(time, status), Grouping.of(withEmpty),
        1);
    assertThat(three.df()).isEqualTo(1);
    assertThat(three.statistic()).isCloseTo(two.statistic(), within(1e-9 * two.statistic()));
    assertThat(three.p()).isCloseTo(two.p(), within(1e-9));
  }

  @Test
  void badInputIsATypedError() {
    Cohort cohort = new Cohort(1, 20);
    assertThatThrownBy(() -> GrayTest.test(cohort.data(), cohort.renamed("a", "b", "c"), 0))
        .isInstanceOf(StatsInputException.class).hasMessageContaining("cause");
    assertThatThrownBy(() -> GrayTest.test(cohort.data(), Grouping.single(5), 1))
        .isInstanceOf(StatsInputException.class).hasMessageContaining("5 group labels");
  }
}
