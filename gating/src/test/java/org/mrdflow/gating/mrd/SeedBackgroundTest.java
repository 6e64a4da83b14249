package org.mrdflow.gating.mrd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The most seeds normal candidates' tails give ({@link BlastClusterMethod#backgroundMax}), against
 * R 4 {@code qpois(p, rate * candidates)}.
 */
class SeedBackgroundTest {
  @Test
  void backgroundMaxIsThePoissonQuantileRGives() {
    // qpois(0.999, 0.0005 * c(59998, 69185, 9372, 1000, 2e6)) = 48 54 13 4 1099
    assertThat(BlastClusterMethod.backgroundMax(59_998, 5e-4, 0.999)).isEqualTo(48);
    assertThat(BlastClusterMethod.backgroundMax(69_185, 5e-4, 0.999)).isEqualTo(54);
    assertThat(BlastClusterMethod.backgroundMax(9_372, 5e-4, 0.999)).isEqualTo(13);
    assertThat(BlastClusterMethod.backgroundMax(1_000, 5e-4, 0.999)).isEqualTo(4);
    assertThat(BlastClusterMethod.backgroundMax(2_000_000, 5e-4, 0.999)).isEqualTo(1099);
    // qpois(0.99, 12.5) = 21
    assertThat(BlastClusterMethod.backgroundMax(25_000, 5e-4, 0.99)).isEqualTo(21);
  }

  @Test
  void noCandidatesGiveNoBackground() {
    assertThat(BlastClusterMethod.backgroundMax(0, 5e-4, 0.999)).isZero();
  }
}
