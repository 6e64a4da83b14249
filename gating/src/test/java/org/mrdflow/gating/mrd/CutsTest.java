package org.mrdflow.gating.mrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.RectangleGate;
import org.mrdflow.gating.gate.Region;

/**
 * The MRD cuts stated as ranges select exactly the floats the original comparison selects,
 * checked per value on random values and on every float within 64 steps of each bound.
 */
class CutsTest {
  private static final Dimension D = Dimension.of("D", Dimension.UNCOMPENSATED, "");

  @Test
  void aLog10ScatterCutAsALinearRangeSelectsTheSameFloats() {
    SplittableRandom random = new SplittableRandom(3);
    for (int round = 0; round < 200; round++) {
      double t = 1 + 5 * random.nextDouble();
      float f = (float) t;
      Region above = Cuts.functionAbove("above", D, MrdMethod::log10, t);
      Region atMost = Cuts.functionAtMost("at-most", D, MrdMethod::log10, t);
      float[] values = values(random, above, (float) Math.pow(10, t));
      assertSelects(above, values, v -> (float) MrdMethod.log10(v) > f);
      assertSelects(atMost, values, v -> (float) MrdMethod.log10(v) <= f);
    }
  }

  @Test
  void aZScoreCutAsARangeOfTheMarkerSelectsTheSameFloats() {
    SplittableRandom random = new SplittableRandom(5);
    for (int round = 0; round < 200; round++) {
      double median = random.nextDouble();
      double sd = 0.01 + 0.1 * random.nextDouble();
      double k = 4 * random.nextDouble();
      float limit = (float) -k;
      Region below = Cuts.functionBelow("below", D, v -> (float) ((v - median) / sd), -k);
      float[] values = values(random, below, (float) (median - k * sd));
      assertSelects(below, values, v -> (float) ((v - median) / sd) < limit);
    }
  }

  @Test
  void plainThresholdsCompareAsTheFloatOfTheThreshold() {
    SplittableRandom random = new SplittableRandom(7);
    for (int round = 0; round < 200; round++) {
      double t = random.nextDouble() * 2 - 0.5;
      float f = (float) t;
      float[] values = values(random, Cuts.above("a", D, t), f);
      assertSelects(Cuts.above("a", D, t), values, v -> v > f);
      assertSelects(Cuts.atMost("m", D, t), values, v -> v <= f);
      assertSelects(Cuts.below("b", D, t), values, v -> v < f);
    }
    assertThat(Cuts.above("a", D, Double.NaN)).isInstanceOf(Region.Nothing.class);
    assertThat(Cuts.below("b", D, Double.POSITIVE_INFINITY))
        .isInstanceOf(Region.Everything.class);
  }

  @Test
  void runsOfPositiveEventsBecomeRangesSelectingExactlyThem() {
    float[] values = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.3f};
    EventMask events = EventMask.all(values.length);
    EventMask positive = EventMask.none(values.length);
    for (int i : new int[] {1, 2, 5, 6}) {
      positive.set(i);
    }
    Region region = Cuts.runs("cd19", D, values, events, positive);

    // Two runs: [0.2, 0.4) and [0.6, open); the negative 0.3 tie goes with the positive 0.3.
    assertThat(region).isInstanceOf(Region.Or.class);
    assertThat(((Region.Or) region).parts()).hasSize(2);
    EventMask expected = positive.copy();
    expected.set(7);
    assertThat(select(region, values)).isEqualTo(expected);
    assertThat(Cuts.runs("cd19", D, values, events, EventMask.none(values.length)))
        .isInstanceOf(Region.Nothing.class);
    assertThat(Cuts.runs("cd19", D, values, events, events)).isInstanceOf(Region.Everything.class);
  }

  /** Random values around {@code near}, plus every float within 64 steps of the region's bounds. */
  private static float[] values(SplittableRandom random, Region region, float near) {
    float[] values = new float[2000 + 4 * 129];
    int k = 0;
    for (; k < 2000; k++) {
      values[k] = (float) (near * (0.5 + random.nextDouble()));
    }
    double[] bounds = bounds(region);
    for (double bound : bounds) {
      float b = Float.isInfinite((float) bound) ? near : (float) bound;
      float v = b;
      for (int s = 0; s < 64; s++) {
        v = Math.nextDown(v);
      }
      for (int s = 0; s < 129; s++) {
        values[k++] = v;
        v = Math.nextUp(v);
      }
    }
    return java.util.Arrays.copyOf(values, k);
  }

  private static double[] bounds(Region region) {
    if (region instanceof Region.Shape shape && shape.gate() instanceof RectangleGate r) {
      return new double[] {r.min()[0], r.max()[0]};
    }
    return new double[0];
  }

  private interface FloatTest {
    boolean test(float v);
  }

  private static void assertSelects(Region region, float[] values, FloatTest expected) {
    EventMask selected = select(region, values);
    for (int i = 0; i < values.length; i++) {
      assertThat(selected.get(i)).as("value %s (bits %x) in %s", values[i],
          Float.floatToRawIntBits(values[i]), region).isEqualTo(expected.test(values[i]));
    }
  }

  /** The region's events among {@code values}, by the engine's own gates. */
  private static EventMask select(Region region, float[] values) {
    EventMask all = EventMask.all(values.length);
    if (region instanceof Region.Everything) {
      return all;
    }
    if (region instanceof Region.Nothing) {
      return EventMask.none(values.length);
    }
    if (region instanceof Region.Or or) {
      EventMask union = EventMask.none(values.length);
      for (Region part : or.parts()) {
        union = union.or(select(part, values));
      }
      return union;
    }
    return ((Region.Shape) region).gate().evaluate(new float[][] {values}, all);
  }
}
