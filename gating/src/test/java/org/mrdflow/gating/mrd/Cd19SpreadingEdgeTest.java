package org.mrdflow.gating.mrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.transform.LogicleTransform;

/**
 * The CD19 spreading edge against the groups it must separate, generated with known membership
 * (linear CD19 after compensation, on a logicle scale): a low-SSC compartment of CD34-negative
 * CD19-negative cells (0 +- 250), CD34-bright CD19-negative progenitors (0 +- 600: a plateau on
 * the logicle scale) and CD19+ pro-B blasts (log-normal, 10^(4.0 +- 0.15)) that also fall into
 * the progenitor reference.
 */
class Cd19SpreadingEdgeTest {
  private static final LogicleTransform SCALE = new LogicleTransform(262_144, 0.5, 4.5, 0);
  private static final int LYMPHOCYTES = 20_000;
  private static final int PROGENITORS = 2000;
  /** The CD19 negative level of the low-SSC cells: 4 SDs of the CD34-negative ones. */
  private static final double NEGATIVE_LEVEL = SCALE.apply(1000);

  private record Marrow(float[] cd19, int blasts) {
    static Marrow of(int blasts, long seed) {
      Random random = new Random(seed);
      float[] cd19 = new float[LYMPHOCYTES + PROGENITORS + blasts];
      for (int i = 0; i < cd19.length; i++) {
        double linear = i < LYMPHOCYTES ? 250 * random.nextGaussian()
            : i < LYMPHOCYTES + PROGENITORS ? 600 * random.nextGaussian()
                : Math.pow(10, 4.0 + 0.15 * random.nextGaussian());
        cd19[i] = (float) SCALE.apply(linear);
      }
      return new Marrow(cd19, blasts);
    }

    /** Progenitors and blasts: the reference the pro-B blasts contaminate. */
    EventMask reference() {
      EventMask reference = EventMask.none(cd19.length);
      for (int i = LYMPHOCYTES; i < cd19.length; i++) {
        reference.set(i);
      }
      return reference;
    }

    double valley() {
      return Cd19SpreadingEdge.valley(cd19, EventMask.all(cd19.length), NEGATIVE_LEVEL, 0.5,
          new RobustStats.Binning(200, 2.0));
    }

    double progenitorQuantile(double p) {
      return quantile(LYMPHOCYTES, LYMPHOCYTES + PROGENITORS, p);
    }

    double blastQuantile(double p) {
      return quantile(LYMPHOCYTES + PROGENITORS, cd19.length, p);
    }

    private double quantile(int from, int to, double p) {
      float[] part = Arrays.copyOfRange(cd19, from, to);
      Arrays.sort(part);
      return part[(int) (p * (part.length - 1))];
    }
  }

  @ParameterizedTest(name = "pro-B blasts at {0} % of the progenitors")
  @ValueSource(ints = {0, 1, 5, 15, 50, 300})
  void theEdgeLiesAboveTheProgenitorsAndBelowTheProBBlastsWhateverTheirShare(int percent) {
    Marrow marrow = Marrow.of(PROGENITORS * percent / 100, 100 + percent);
    double edge = Cd19SpreadingEdge.of(marrow.cd19(), marrow.reference(), marrow.valley(),
        1.0, 2.0, 20);
    assertThat(edge).isGreaterThan(marrow.progenitorQuantile(0.98));
    if (marrow.blasts() > 0) {
      assertThat(edge).isLessThan(marrow.blastQuantile(0.05));
    }
  }

  @Test
  void withoutCd19PositiveCellsThereIsNoValley() {
    assertThat(Marrow.of(0, 7).valley()).isInfinite();
  }

  @Test
  void theValleyLiesBetweenTheProgenitorsAndTheCd19PositiveCells() {
    Marrow marrow = Marrow.of(1000, 8);
    assertThat(marrow.valley()).isGreaterThan(marrow.progenitorQuantile(0.95))
        .isLessThan(marrow.blastQuantile(0.05));
  }
}
