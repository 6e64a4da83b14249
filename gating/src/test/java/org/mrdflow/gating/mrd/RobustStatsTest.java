package org.mrdflow.gating.mrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mrdflow.gating.events.EventMask;

class RobustStatsTest {

  @Test
  void quantilesInterpolateLikeRType7() {
    // R: quantile(c(1, 2, 4, 8, 16), c(0.1, 0.5, 0.9), type = 7) = 1.4, 4, 12.8
    float[] sorted = {1, 2, 4, 8, 16};
    assertThat(RobustStats.quantile(sorted, 0.1)).isCloseTo(1.4, within(1e-6));
    assertThat(RobustStats.quantile(sorted, 0.5)).isCloseTo(4.0, within(1e-6));
    assertThat(RobustStats.quantile(sorted, 0.9)).isCloseTo(12.8, within(1e-6));
  }

  @Test
  void quantilesDoNotDependOnTheOrderOfTheValues() {
    float[] shuffled = {16, 1, 8, 4, 2};
    assertThat(RobustStats.quantile(shuffled, 0.9)).isCloseTo(12.8, within(1e-6));
    assertThat(RobustStats.quantile(new float[] {3, 3, 3, 1}, 0.5)).isCloseTo(3.0, within(1e-6));
  }

  @Test
  void robustSdOfAKnownSampleIsTheScaledMad() {
    // R: mad(c(1, 2, 4, 8, 16)) = 1.4826 * median(|x - 4|) = 1.4826 * 3
    float[] sorted = {1, 2, 4, 8, 16};
    assertThat(RobustStats.robustSd(sorted)).isCloseTo(4.4478, within(1e-4));
  }

  @Test
  void valuesKeepOnlyTheMaskedFiniteEvents() {
    float[] column = {5, Float.NaN, 3, 9, 1};
    EventMask mask = EventMask.none(5);
    mask.set(0);
    mask.set(1);
    mask.set(2);
    assertThat(RobustStats.values(column, mask)).containsExactlyInAnyOrder(3f, 5f);
  }

  /**
   * A negative population N(0.2, 0.05) (70 %) with a positive one N(0.7, 0.05) (30 %): the
   * negative mode and spread are recovered from the generator's parameters, also when the
   * negatives are clipped at zero below the mode as integer list mode does.
   */
  @Test
  void theNegativePeakAndItsSpreadAreFoundBesideAPositivePopulation() {
    Random random = new Random(20261121);
    int n = 200_000;
    float[] values = new float[n];
    EventMask all = EventMask.all(n);
    for (int i = 0; i < n; i++) {
      values[i] = (float) (i < 0.7 * n ? 0.2 + 0.05 * random.nextGaussian()
          : 0.7 + 0.05 * random.nextGaussian());
    }
    double[] peak = RobustStats.negativePeak(RobustStats.values(values, all));
    assertThat(peak[0]).isCloseTo(0.2, within(0.01));
    assertThat(peak[1]).isCloseTo(0.05, within(0.005));
    for (int i = 0; i < n; i++) {
      values[i] = Math.max(values[i], 0.17f);
    }
    double[] clipped = RobustStats.negativePeak(RobustStats.values(values, all));
    assertThat(clipped[1]).isCloseTo(0.05, within(0.008));
  }
}
