package org.mrdflow.gating.mrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The low-SSC cut on generated log10 SSC-A: lymphoid cells N(4.05, 0.12) and granulocytes
 * N(5.05, 0.08) (a decade apart, as on a Canto), in the proportions of a normal marrow, of a
 * density-gradient (Ficoll) sample and of a diagnosis-level marrow. The cut must fall between
 * the two populations whichever is the taller: above the lymphoid 99.9th and below the
 * granulocyte 0.1st percentile.
 */
class SscValleyTest {
  private static final RobustStats.Binning BINNING = new RobustStats.Binning(200, 2.0);
  private static final double LYMPHOID = 4.05;
  private static final double LYMPHOID_SD = 0.12;
  private static final double GRANULOCYTES = 5.05;
  private static final double GRANULOCYTE_SD = 0.08;

  private static float[] marrow(double granulocyteShare, long seed) {
    Random random = new Random(seed);
    int n = 100_000;
    float[] logSsc = new float[n];
    for (int i = 0; i < n; i++) {
      logSsc[i] = (float) (i < granulocyteShare * n
          ? GRANULOCYTES + GRANULOCYTE_SD * random.nextGaussian()
          : LYMPHOID + LYMPHOID_SD * random.nextGaussian());
    }
    return logSsc;
  }

  private static void assertCutBetweenThePopulations(double cut) {
    assertThat(cut).isGreaterThan(LYMPHOID + 3.09 * LYMPHOID_SD)
        .isLessThan(GRANULOCYTES - 3.09 * GRANULOCYTE_SD);
  }

  @Test
  void aNormalMarrowIsCutBelowItsTallestPeakTheGranulocytes() {
    assertCutBetweenThePopulations(SscLowMethod.valley(marrow(0.65, 1), 0.5, BINNING));
  }

  @Test
  void aDensityGradientSampleIsCutAboveItsTallestPeakTheLymphoidCells() {
    // 98 % of granulocytes removed: they are about 4 % of the cells left.
    assertCutBetweenThePopulations(SscLowMethod.valley(marrow(0.04, 2), 0.5, BINNING));
  }

  @Test
  void aDiagnosisMarrowFullOfBlastsIsCutAboveItsLymphoidAndBlastPeak() {
    assertCutBetweenThePopulations(SscLowMethod.valley(marrow(0.25, 3), 0.5, BINNING));
  }
}
