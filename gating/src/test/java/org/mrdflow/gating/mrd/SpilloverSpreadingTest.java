package org.mrdflow.gating.mrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mrdflow.gating.transform.LogicleTransform;

/**
 * The positive level of a marker on low-SSC cells ({@link SscLowMethod#positiveMin}) when
 * spillover spreading splits the negatives into two humps on the logicle scale (a bright DNA dye
 * compensated out of the CD34 and CD19 channels) or spreads a large CD19-negative clone into a
 * broad plateau. Generated membership: each value is drawn in linear units from its
 * population, then put on the MRD gating scale (logicle T 2^18, W 0.5, M 4.5, A 0).
 */
class SpilloverSpreadingTest {
  private static final LogicleTransform SCALE = new LogicleTransform(262_144, 0.5, 4.5, 0);
  private static final RobustStats.Binning BINNING = new RobustStats.Binning(200, 2.0);
  private static final double K = 4;
  private static final double MIN_PEAK_SHARE = 0.01;

  /**
   * 60,000 negatives spread symmetrically in linear units (SD 600 channels, as a DNA dye's
   * photon noise after compensation) and 4,000 positives at 10^4 channels (B cells, CD34+
   * progenitors). Without the mirror the level (mode + 4 SD of the lower hump) lies between the
   * humps and calls about a third of the negatives positive: half the lymphocytes of the
   * pre-gated DRAQ5 export became "CD34+ CD19+" and the 1e-4 marrow a false POSITIVE at 4e-2.
   */
  @Test
  void negativesSplitIntoTwoHumpsBySpreadingStayBelowThePositiveLevel() {
    Random random = new Random(20261205);
    float[] negatives = draw(random, 60_000, 50, 600);
    float[] positives = drawLog(random, 4_000, 4.0, 0.1);
    float[] all = concat(negatives, positives);

    double level = SscLowMethod.positiveMin(all.clone(), SCALE, K, MIN_PEAK_SHARE, BINNING);

    assertThat(shareAbove(negatives, level)).isLessThan(0.002);
    assertThat(shareAbove(positives, level)).isGreaterThan(0.99);
    double[] lowerHump = RobustStats.negativePeak(all.clone(), MIN_PEAK_SHARE, BINNING);
    assertThat(lowerHump[0]).as("the densest negative hump lies below data zero")
        .isLessThan(SCALE.apply(0));
    assertThat(shareAbove(negatives, lowerHump[0] + K * lowerHump[1]))
        .as("without the mirror").isGreaterThan(0.2);
  }

  /** Negatives that do not reach below zero: the level is the mode + 4 SDs, as before. */
  @Test
  void aNarrowNegativePeakKeepsItsModePlusFourSpreads() {
    Random random = new Random(7);
    float[] negatives = draw(random, 50_000, 60, 25);
    float[] positives = drawLog(random, 5_000, 4.0, 0.1);
    float[] all = concat(negatives, positives);
    double[] peak = RobustStats.negativePeak(all.clone(), MIN_PEAK_SHARE, BINNING);

    assertThat(SscLowMethod.positiveMin(all.clone(), SCALE, K, MIN_PEAK_SHARE, BINNING))
        .isEqualTo(peak[0] + K * peak[1]);
  }

  /**
   * A CD19-negative clone of 60,000 blasts whose CD19 spreading grows with their CD10 (SD 100 to
   * 900 channels: a broad plateau on the logicle scale, not a peak) and 6,000 T cells beside
   * 1,500 B cells at
   * 10^4.2: the extrapolated edge (of the mode + 4 SDs and the mirror) would lie inside the B
   * cells; the level is the valley between
   * the clone and them (the 40 % CD19-negative marrow that read 2.4 % B cells instead of 17 %).
   */
  @Test
  void aSpreadPlateauIsCutAtTheValleyBeforeThePositives() {
    Random random = new Random(40);
    float[] clone = new float[60_000];
    for (int i = 0; i < clone.length; i++) {
      clone[i] = (float) SCALE.apply(150 + (100 + 800 * random.nextDouble()) * random.nextGaussian());
    }
    float[] tCells = draw(random, 6_000, 80, 40);
    float[] bCells = drawLog(random, 1_500, 4.2, 0.08);
    float[] all = concat(concat(clone, tCells), bCells);

    double level = SscLowMethod.positiveMin(all.clone(), SCALE, K, MIN_PEAK_SHARE, BINNING);

    assertThat(shareAbove(bCells, level)).isGreaterThan(0.99);
    assertThat(shareAbove(clone, level)).isLessThan(0.005);
    float[] copy = all.clone();
    double[] plateau = RobustStats.negativePeak(copy, MIN_PEAK_SHARE, BINNING);
    double uncut = Math.max(plateau[0] + K * plateau[1],
        SCALE.apply(-SCALE.inverse(plateau[0] - K * RobustStats.lowerSpread(copy, plateau[0]))));
    assertThat(shareAbove(bCells, uncut)).as("without the valley").isLessThan(0.9);
  }

  /** Linear N(mean, sd) on the logicle scale. */
  private static float[] draw(Random random, int n, double mean, double sd) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) SCALE.apply(mean + sd * random.nextGaussian());
    }
    return v;
  }

  /** Log-normal with median 10^log10Median and SD sdDecades, on the logicle scale. */
  private static float[] drawLog(Random random, int n, double log10Median, double sdDecades) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) SCALE.apply(Math.pow(10, log10Median + sdDecades * random.nextGaussian()));
    }
    return v;
  }

  private static float[] concat(float[] a, float[] b) {
    float[] all = new float[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static double shareAbove(float[] values, double level) {
    int above = 0;
    for (float v : values) {
      if (v > level) {
        above++;
      }
    }
    return (double) above / values.length;
  }
}
