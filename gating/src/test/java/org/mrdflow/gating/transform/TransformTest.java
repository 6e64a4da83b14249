package org.mrdflow.gating.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransformTest {

  @Test
  void logicleReproducesTheGatingMlSpecificationExampleTable() {
    // Gating-ML 2.0 specification example (T=1000, W=1, M=4, A=0), 6 decimals as published.
    double[] x = {-10, -5, -1, 0, 0.3, 1, 3, 10, 100, 1000};
    double[] expected = {0.067574, 0.147986, 0.228752, 0.25, 0.256384, 0.271248, 0.312897,
        0.432426, 0.739548, 1.0};
    LogicleTransform logicle = new LogicleTransform(1000, 1, 4, 0);
    for (int i = 0; i < x.length; i++) {
      assertThat(logicle.apply(x[i])).as("logicle(%s)", x[i]).isCloseTo(expected[i],
          within(5e-7));
    }
  }

  static Stream<BiexponentialScale> scales() {
    return Stream.of(
        new LogicleTransform(262144, 0.5, 4.5, 0),
        new LogicleTransform(10000, 1, 4, 0.5),
        new LogicleTransform(1000, 0, 4, 0),
        LogicleTransform.fromFlowJoBiex(262144, 4.5, -10, 1),
        new HyperlogTransform(10000, 1, 4.5, 0),
        new HyperlogTransform(262144, 0.5, 4.5, 0.5));
  }

  @ParameterizedTest
  @MethodSource("scales")
  void inverseOfApplyReturnsTheDataValueOverMillionsOfSeededValues(BiexponentialScale scale) {
    SplittableRandom random = new SplittableRandom(20121206);
    for (int i = 0; i < 1_000_000; i++) {
      // Magnitudes from 1e-6 to 1e9 times T/1e5, both signs, plus exact zeros.
      double magnitude = Math.pow(10, random.nextDouble(-6, 9)) * scale.T() / 1e5;
      double x = i % 1000 == 0 ? 0 : random.nextBoolean() ? magnitude : -magnitude;
      double back = scale.inverse(scale.apply(x));
      assertThat(Math.abs(back - x)).as("%s at x=%s", scale, x)
          .isLessThanOrEqualTo(1e-12 * Math.max(Math.abs(x), 1));
    }
  }

  @ParameterizedTest
  @MethodSource("scales")
  void applyOfInverseReturnsTheScaleValueToTwelveDigits(BiexponentialScale scale) {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 1_000_000; i++) {
      double y = random.nextDouble(-0.5, 1.5);
      assertThat(scale.apply(scale.inverse(y))).as("%s at y=%s", scale, y)
          .isCloseTo(y, within(1e-12 * Math.max(Math.abs(y), 1e-3)));
    }
  }

  @ParameterizedTest
  @MethodSource("scales")
  void theFloatBulkPathAgreesWithTheExactTransformToFloatPrecision(BiexponentialScale scale) {
    SplittableRandom random = new SplittableRandom(11);
    int n = 2_000_000;
    float[] in = new float[n];
    for (int i = 0; i < n; i++) {
      double magnitude = Math.pow(10, random.nextDouble(-12, 8)) * scale.T() / 1e4;
      in[i] = (float) (random.nextBoolean() ? magnitude : -magnitude);
    }
    in[0] = Float.NaN;
    in[1] = Float.POSITIVE_INFINITY;
    in[2] = 0f;
    float[] out = new float[n];
    scale.apply(in, out, n);
    assertThat(out[0]).isNaN();
    assertThat(out[1]).isEqualTo(Float.POSITIVE_INFINITY);
    for (int i = 2; i < n; i++) {
      double exact = scale.apply(in[i]);
      assertThat((double) out[i]).as("%s at %s", scale, in[i])
          .isCloseTo(exact, within(2e-9 + Math.ulp((float) exact)));
    }
  }

  @Test
  void flowJoWidthBasisMapsToTheParksLinearizationWidth() {
    // Parks et al. 2006: W = (M - log10(T / |r|)) / 2 with r the reference negative value.
    LogicleTransform biex = LogicleTransform.fromFlowJoBiex(262144, 4.5, -100, 0);
    assertThat(biex.W()).isCloseTo((4.5 - Math.log10(2621.44)) / 2, within(1e-15));
    assertThat(biex.T()).isEqualTo(262144);
    assertThat(biex.apply(262144)).isCloseTo(1, within(1e-14));
  }

  @Test
  void elementaryTransformsFollowTheirGatingMlFormulas() {
    assertThat(new LinearTransform(10000, 500).apply(1000)).isCloseTo(1500.0 / 10500,
        within(1e-16));
    assertThat(new LogTransform(10000, 5).apply(100)).isCloseTo(1 + Math.log10(0.01) / 5,
        within(1e-16));
    assertThat(new LogTransform(10000, 5).apply(-1)).isNaN();
    AsinhTransform asinh = new AsinhTransform(10000, 4, 1);
    double ln10 = Math.log(10);
    double z = 250 * Math.sinh(4 * ln10) / 10000;
    double reference = (Math.log(z + Math.sqrt(z * z + 1)) + ln10) / (5 * ln10);
    assertThat(asinh.apply(250)).isCloseTo(reference, within(1e-14));
    assertThat(new RatioTransform(2.7, -100, -300).apply(50, 20)).isCloseTo(
        2.7 * 150 / 320, within(1e-15));
    SplittableRandom random = new SplittableRandom(3);
    for (Transform t : new Transform[] {new LinearTransform(10000, 500),
        new LogTransform(10000, 5), asinh}) {
      for (int i = 0; i < 100_000; i++) {
        double x = random.nextDouble(1e-3, 1e6);
        assertThat(t.inverse(t.apply(x))).as("%s", t).isCloseTo(x, within(1e-12 * x));
      }
    }
  }

  @Test
  void parametersOutsideTheStandardsConstraintsAreRejectedWithTheRuleNamed() {
    assertThatThrownBy(() -> new LogicleTransform(262144, 3, 4.5, 0))
        .hasMessageContaining("0 <= W <= M/2");
    assertThatThrownBy(() -> new HyperlogTransform(262144, 0, 4.5, 0))
        .hasMessageContaining("0 < W");
    assertThatThrownBy(() -> new LogTransform(0, 4)).hasMessageContaining("T > 0");
  }

  /**
   * Fuzz finding (StrategyYamlFuzzTest): T: 0.5E1024 reads as infinity, which satisfied T > 0, and
   * the logicle solver then failed on the first event. Every transform refuses a parameter that
   * is not a finite number.
   */
  @Test
  void infiniteOrNanParametersAreRefusedByEveryTransform() {
    double inf = Double.POSITIVE_INFINITY;
    for (ThrowingCallable build : List.<ThrowingCallable>of(
        () -> new LogicleTransform(inf, 0.5, 4.5, 0),
        () -> new LogicleTransform(262144, 0.5, inf, 0),
        () -> new HyperlogTransform(inf, 0.5, 4.5, 0),
        () -> new HyperlogTransform(262144, 0.5, 4.5, Double.NaN),
        () -> new AsinhTransform(inf, 4.5, 0),
        () -> new AsinhTransform(262144, inf, 0),
        () -> new LinearTransform(inf, 0),
        () -> new LogTransform(inf, 4.5),
        () -> new LogTransform(262144, inf))) {
      assertThatThrownBy(build).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("finite parameters");
    }
  }

  /**
   * Fuzz finding (GatingMlFuzzTest): M = 445 passed the standard's constraints, then the scale
   * could not be evaluated (the inverse's exponentials overflow a double). With T = 10800 the
   * largest float lies 34.5 decades above T, so M + A may be at most 255.5: M = 255 still maps
   * every float (denormals included) to the solver's value and T to 1; M = 260 is refused.
   */
  @Test
  void scalesWiderThanADoubleCanSpanAreRefusedAndTheWidestAllowedStillInverts() {
    String rule = "M + A + log10(3.4e38 / T) <= 290";
    assertThatThrownBy(() -> new LogicleTransform(10800, 0.5, 445, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(rule);
    assertThatThrownBy(() -> new LogicleTransform(10800, 0.5, 260, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(rule);
    assertThatThrownBy(() -> new HyperlogTransform(10800, 0.5, 254, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(rule);
    for (Transform widest : new Transform[] {new LogicleTransform(10800, 0.5, 255, 0),
        new HyperlogTransform(10800, 0.5, 253, 2)}) {
      float[] in = {-3e38f, -1e4f, -1f, -1e-30f, 0f, Float.MIN_VALUE, 1e-30f, 1f, 10800f, 3e38f, Float.MAX_VALUE};
      float[] out = new float[in.length];
      widest.apply(in, out, in.length);
      for (int i = 0; i < in.length; i++) {
        assertThat(out[i]).as("%s at %s", widest, in[i]).isFinite()
            .isCloseTo((float) widest.apply((double) in[i]), within(1e-6f));
      }
      assertThat(widest.apply(10800.0)).isCloseTo(1.0, within(1e-12));
    }
  }

  /**
   * Fuzz finding (GatingMlFuzzTest): a hyperlog with T = 1.33e130, beyond the float range, built
   * its table from T 1e-9 and T 2^20 cast to float, which are infinite, and the solver was asked
   * for infinity ("did not converge"). Every float now maps to the solver's value.
   */
  @Test
  void scalesWhoseTopIsBeyondTheFloatRangeEvaluateEveryFloat() {
    for (Transform scale : new Transform[] {new HyperlogTransform(1.3333333333333332e130, 2, 4.5, 0),
        new LogicleTransform(1e200, 0.5, 4.5, 0)}) {
      float[] in = {-Float.MAX_VALUE, -1e30f, -1f, 0f, Float.MIN_VALUE, 1e-30f, 1f, 1e30f, Float.MAX_VALUE,
          Float.POSITIVE_INFINITY};
      float[] out = new float[in.length];
      scale.apply(in, out, in.length);
      for (int i = 0; i < in.length - 1; i++) {
        assertThat(out[i]).as("%s at %s", scale, in[i]).isFinite()
            .isCloseTo((float) scale.apply((double) in[i]), within(1e-6f));
      }
      assertThat(out[in.length - 1]).isEqualTo(Float.POSITIVE_INFINITY);
      // The largest float is far below T: on the scale it stays below 1.
      assertThat(out[in.length - 2]).isLessThan(1f);
    }
  }

  /**
   * Fuzz finding (GatingMlFuzzTest, 2026-12-06): a hyperlog with T = 6.55e-83, below the float
   * range, had T 2^20 round to float zero, so the table's end lay below its start, the unsigned
   * bin count ran up to infinity and the solver was asked for it ("did not converge"). Every
   * float now maps to the solver's value.
   */
  @Test
  void scalesWhoseTopIsBelowTheFloatRangeEvaluateEveryFloat() {
    for (Transform scale : new Transform[] {new HyperlogTransform(6.55084646e-83, 2, 4.5, 0),
        new LogicleTransform(1e-60, 0.5, 4.5, 0)}) {
      float[] in = {-Float.MAX_VALUE, -1f, 0f, Float.MIN_VALUE, 1e-30f, 1f, 1e30f,
          Float.MAX_VALUE};
      float[] out = new float[in.length];
      scale.apply(in, out, in.length);
      for (int i = 0; i < in.length; i++) {
        assertThat(out[i]).as("%s at %s", scale, in[i]).isFinite()
            .isCloseTo((float) scale.apply((double) in[i]), within(1e-6f));
      }
    }
  }

  /**
   * The bulk (table) path agrees with the exact solver for wide scales too. It used the tangent
   * at zero below T 1e-9, which holds only while the linear region (about T 10^-M) is wider:
   * with M = 15 values near 2.6e-4 came out near 2,755 instead of 0.40.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(doubles = {4.5, 10, 15, 40, 100})
  void theBulkPathEqualsTheSolverOnWideScales(double m) {
    Transform logicle = new LogicleTransform(262144, 0.5, m, 0);
    SplittableRandom random = new SplittableRandom(7);
    int n = 20_000;
    float[] in = new float[n];
    for (int i = 0; i < n; i++) {
      in[i] = (float) ((random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextDouble(-44, 7)));
    }
    float[] out = new float[n];
    logicle.apply(in, out, n);
    for (int i = 0; i < n; i++) {
      assertThat((double) out[i]).as("M = %s at %s", m, in[i]).isCloseTo(logicle.apply((double) in[i]), within(2e-7));
    }
  }
}
