package org.mrdflow.gating.mrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.transform.LogicleTransform;

/**
 * The normal-B CD19 level a split-off subclone must reach ({@link
 * Cd19SubclonesMethod#normalBLevel}), on a generated marrow whose membership is known: a 5 %
 * CD19-dim clone (Navios-like, 20-bit scale) beside normal B cells.
 */
class Cd19NormalBLevelTest {
  private static final LogicleTransform SCALE = new LogicleTransform(1 << 20, 0.5, 4.5, 0);
  private static final int BLASTS = 2500;
  private static final int NORMAL_B = 800;
  /** Where CD19 spreading of CD34-bright progenitors ends: B lineage above it. */
  private static final double B_LINEAGE_MIN = SCALE.apply(1500);

  @Test
  void aCd19DimCloneInTheBLineageDoesNotLowerTheNormalBLevelIntoItsOwnSpread() {
    Random random = new Random(31);
    int n = BLASTS + NORMAL_B;
    float[] cd19 = new float[n];
    EventMask blasts = EventMask.none(n);
    EventMask bLineage = EventMask.none(n);
    for (int i = 0; i < n; i++) {
      // CD19-dim blasts: about 2,000 linear, spread +-1,800 (a held-out Navios archetype-E
      // clone's corrected CD19: median 2,032, 10-90 % 93..4,593); normal B at 10^3.9.
      cd19[i] = (float) SCALE.apply(i < BLASTS ? 2000 + 1800 * random.nextGaussian()
          : Math.pow(10, 3.9 + 0.1 * random.nextGaussian()));
      if (i < BLASTS) {
        blasts.set(i);
      }
      if (cd19[i] > B_LINEAGE_MIN) {
        bLineage.set(i);
      }
    }
    // The pro-B method's landmark: B lineage (dim blasts included) median - 3 SD, at least
    // the B-lineage minimum.
    float[] lineage = RobustStats.values(cd19, bLineage);
    double landmark = Math.max(B_LINEAGE_MIN,
        RobustStats.median(lineage) - 3 * RobustStats.robustSd(lineage));
    double level = Cd19SubclonesMethod.normalBLevel(cd19, bLineage.andNot(blasts), landmark,
        3.0, 50);
    float[] linear = new float[n];
    for (int i = 0; i < n; i++) {
      linear[i] = (float) SCALE.inverse(cd19[i]);
    }

    // Every generated blast expresses CD19: one clone, judged by its median against T/NK
    // (0 +- 250 linear, + 2 SD).
    Cd19Expression withLandmark = Cd19Expression.of(cd19, linear, blasts, 500, B_LINEAGE_MIN,
        landmark);
    Cd19Expression withNormalB = Cd19Expression.of(cd19, linear, blasts, 500, B_LINEAGE_MIN,
        level);
    assertThat(level).isGreaterThan(landmark);
    assertThat(withLandmark.positiveFraction()).isLessThan(0.9);
    assertThat(withNormalB.positiveFraction()).isEqualTo(1.0);
  }

  @Test
  void tooFewNormalBCellsLeaveTheLandmark() {
    float[] cd19 = new float[100];
    EventMask few = EventMask.none(100);
    for (int i = 0; i < 49; i++) {
      cd19[i] = 0.6f;
      few.set(i);
    }
    assertThat(Cd19SubclonesMethod.normalBLevel(cd19, few, 0.35, 3.0, 50)).isEqualTo(0.35);
    few.set(49);
    cd19[49] = 0.6f;
    assertThat(Cd19SubclonesMethod.normalBLevel(cd19, few, 0.35, 3.0, 50)).isGreaterThan(0.5);
  }
}
