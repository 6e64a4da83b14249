package org.mrdflow.models.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationTest {

  @Test
  void brierScoreAndBinsOfAHandWorkedExample() {
    double[] p = {0.1, 0.2, 0.3, 0.8};
    int[] y = {0, 0, 1, 1};
    Calibration c = Calibration.of(p, y, 2);
    // (0.01 + 0.04 + 0.49 + 0.04) / 4
    assertThat(c.brier()).isCloseTo(0.145, within(1e-15));
    assertThat(c.bins()).containsExactly(new CalibrationBin(1, 2, 0.15000000000000002, 0), new CalibrationBin(2, 2, 0.55, 1));
  }

  /**
   * Outcomes drawn from the predictions themselves are calibrated by construction (slope 1,
   * intercept 0); predictions with doubled logits are over-confident with true slope 1/2. The
   * tolerance, 0.05, is about 4 standard errors of the slope at 20,000 rows.
   */
  @Test
  void recalibrationRecoversTheGeneratingSlope() {
    SplittableRandom r = new SplittableRandom(5);
    int n = 20_000;
    double[] p = new double[n];
    double[] overconfident = new double[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double logit = -1 + 1.5 * (2 * r.nextDouble() - 1) * 1.7;
      p[i] = 1 / (1 + Math.exp(-logit));
      overconfident[i] = 1 / (1 + Math.exp(-2 * logit));
      y[i] = r.nextDouble() < p[i] ? 1 : 0;
    }
    Calibration calibrated = Calibration.of(p, y, 10);
    assertThat(calibrated.slope()).isCloseTo(1, within(0.05));
    assertThat(calibrated.interceptInTheLarge()).isCloseTo(0, within(0.05));
    assertThat(Calibration.of(overconfident, y, 10).slope()).isCloseTo(0.5, within(0.05));
  }

  @Test
  void constantPredictionsHaveNoSlope() {
    Calibration c = Calibration.of(new double[] {0.3, 0.3, 0.3, 0.3}, new int[] {0, 1, 0, 0}, 2);
    assertThat(c.slope()).isNaN();
    // Solves 0.25 = 1 / (1 + exp(-(a + logit 0.3))): a = logit(0.25) - logit(0.3).
    assertThat(c.interceptInTheLarge()).isCloseTo(Math.log(1 / 3.0) - Math.log(3 / 7.0), within(1e-10));
  }
}
