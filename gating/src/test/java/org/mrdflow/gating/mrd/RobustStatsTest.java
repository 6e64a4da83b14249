package org.mrdflow.gating.mrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mrdflow.gating.events.EventMask;

class RobustStatsTest {
  /** The MRD strategy's density estimate (b-all-mrd.yaml: histogram_bins, smoothing_bins). */
  private static final RobustStats.Binning BINNING = new RobustStats.Binning(200, 2.0);

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
    double[] peak = RobustStats.negativePeak(RobustStats.values(values, all), 0.01, BINNING);
    assertThat(peak[0]).isCloseTo(0.2, within(0.01));
    assertThat(peak[1]).isCloseTo(0.05, within(0.005));
    for (int i = 0; i < n; i++) {
      values[i] = Math.max(values[i], 0.17f);
    }
    double[] clipped = RobustStats.negativePeak(RobustStats.values(values, all), 0.01, BINNING);
    assertThat(clipped[1]).isCloseTo(0.05, within(0.008));
  }

  /**
   * Low-SSC CD19 of a regenerating marrow: a narrow negative peak N(0.13, 0.04) with a wide lower
   * shoulder N(0.05, 0.1) (CD34-bright spreading, clipping) below it, and B precursors
   * N(0.65, 0.05) as 30 % of the cells. The events below the mode are then so many that the
   * quantile one upper SD above the mode falls past the peak.
   */
  @Test
  void theNegativeSpreadIsNotStretchedIntoAnAbundantPositivePopulation() {
    Random random = new Random(11);
    int n = 40_000;
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      double u = (double) i / n;
      values[i] = (float) (u < 0.3 ? 0.65 + 0.05 * random.nextGaussian()
          : u < 0.51 ? 0.05 + 0.1 * random.nextGaussian()
              : 0.13 + 0.04 * random.nextGaussian());
    }
    double[] peak = RobustStats.negativePeak(values, 0.01, BINNING);
    assertThat(peak[0]).isCloseTo(0.13, within(0.01));
    assertThat(peak[1]).isBetween(0.035, 0.055);
    // The positive level (mode + 4 SD) stays below the B precursors' 1st percentile.
    assertThat(peak[0] + 4 * peak[1]).isLessThan(0.65 - 2.33 * 0.05);
  }

  /**
   * Low-SSC CD10 of a diagnosis-level marrow: blasts N(0.70, 0.05) are 75 % of the cells, the
   * negatives N(0.15, 0.05) 25 %. The median lies on the blasts' rising flank, so the densest
   * bin up to it is not the negatives' mode; the generator's negative level and spread are
   * still found, and the positive level (mode + 4 SD) stays below the blasts' 1st percentile.
   */
  @Test
  void theNegativePeakIsFoundWhenThePositivesAreTheMajority() {
    Random random = new Random(20261205);
    int n = 60_000;
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (i < 0.75 * n ? 0.70 + 0.05 * random.nextGaussian()
          : 0.15 + 0.05 * random.nextGaussian());
    }
    double[] peak = RobustStats.negativePeak(values, 0.01, BINNING);
    assertThat(peak[0]).isCloseTo(0.15, within(0.01));
    // (the upper-side estimate reads about 0.06: the blasts' lower tail adds to it)
    assertThat(peak[1]).isBetween(0.045, 0.07);
    assertThat(peak[0] + 4 * peak[1]).isLessThan(0.70 - 2.33 * 0.05);
  }
}
