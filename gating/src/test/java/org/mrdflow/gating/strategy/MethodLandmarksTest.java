package org.mrdflow.gating.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mrdflow.gating.events.Channel;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.events.EventTable;
import org.mrdflow.gating.events.Sample;
import org.mrdflow.gating.method.GatingMethod;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodResult;

class MethodLandmarksTest {
  /** Events at or above a fixed cut, publishing the cut as landmark "cut". */
  private static final GatingMethod CUT = new TestMethod("cut-at", List.of(
      MethodParameter.required("at", MethodParameter.Type.NUMBER, "the cut"))) {
    @Override
    public MethodResult fit(MethodContext context) {
      double at = context.arguments().number("at");
      return new MethodResult.Events(select(context, at), "at or above", Map.of("cut", at));
    }
  };

  /** Events at or above another population's "cut" landmark plus an offset. */
  private static final GatingMethod FOLLOW = new TestMethod("follow", List.of(
      MethodParameter.required("of", MethodParameter.Type.POPULATION, "population"),
      MethodParameter.required("plus", MethodParameter.Type.NUMBER, "offset"))) {
    @Override
    public MethodResult fit(MethodContext context) {
      double cut = context.landmarks(context.arguments().string("of")).get("cut")
          + context.arguments().number("plus");
      return new MethodResult.Events(select(context, cut), "follows");
    }
  };

  private static final String STRATEGY = """
      id: landmarks
      compensation: uncompensated
      populations:
        - name: upper
          dimensions: [X]
          method: {name: cut-at, args: {at: 40}}
        - name: top
          parent: upper
          dimensions: [X]
          method: {name: follow, args: {of: upper, plus: 50}}
        - name: early
          dimensions: [X]
          method: {name: follow, args: {of: late, plus: 0}}
        - name: late
          dimensions: [X]
          method: {name: cut-at, args: {at: 1}}
      """;

  @Test
  void aLaterMethodReadsTheLandmarksOfAnEarlierPopulationAndResultsKeepThem() {
    GatingStrategy strategy =
        strategy(STRATEGY.substring(0, STRATEGY.indexOf("  - name: early")));
    GatingResult result = new StrategyEvaluator(strategy, methods()).apply(sample());

    assertThat(result.population("upper").landmarks()).isEqualTo(Map.of("cut", 40.0));
    assertThat(result.population("upper").count()).isEqualTo(60);      // 40..99
    assertThat(result.population("top").count()).isEqualTo(10);        // 90..99
    assertThat(result.population("top").landmarks()).isEmpty();
  }

  @Test
  void aPopulationArgumentIsEvaluatedFirstEvenWhenDeclaredLater() {
    GatingResult result = new StrategyEvaluator(strategy(STRATEGY), methods()).apply(sample());

    assertThat(result.population("late").count()).isEqualTo(99);       // 1..99
    assertThat(result.population("early").count()).isEqualTo(99);      // at late's cut, 1
    assertThat(result.populations()).extracting(PopulationResult::id)
        .containsExactly("upper", "top", "early", "late");              // reported as declared
  }

  @Test
  void anUnknownPopulationArgumentIsALoadTimeErrorNamingTheRowAndTheArgument() {
    GatingStrategy strategy = strategy(STRATEGY.replace("{of: late, plus: 0}",
        "{of: lates, plus: 0}"));

    assertThatThrownBy(() -> new StrategyEvaluator(strategy, methods()))
        .isInstanceOf(StrategyValidationException.class)
        .hasMessageContaining("population 'early': argument of refers to unknown population "
            + "'lates'");
  }

  @Test
  void aMethodReferringToItsOwnDescendantIsACycleFoundBeforeData() {
    GatingStrategy strategy = strategy(STRATEGY.replace("{of: upper, plus: 50}",
        "{of: top, plus: 50}").replace("method: {name: cut-at, args: {at: 40}}",
        "method: {name: follow, args: {of: top, plus: 0}}"));

    assertThatThrownBy(() -> new StrategyEvaluator(strategy, methods()))
        .isInstanceOf(StrategyValidationException.class)
        .hasMessageContaining("depends on itself");
  }

  private static GatingMethods methods() {
    return GatingMethods.discover().with(CUT, FOLLOW);
  }

  private static GatingStrategy strategy(String yaml) {
    return StrategyYaml.parse("landmarks.yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), null);
  }

  /** 100 events with X = 0, 1, ..., 99. */
  private static Sample sample() {
    float[] x = new float[100];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    return Sample.of("ramp", new EventTable(List.of(Channel.named("X")), new float[][] {x}));
  }

  private abstract static class TestMethod implements GatingMethod {
    private final String name;
    private final List<MethodParameter> parameters;

    TestMethod(String name, List<MethodParameter> parameters) {
      this.name = name;
      this.parameters = parameters;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<MethodParameter> parameters() {
      return parameters;
    }

    @Override
    public int minDimensions() {
      return 1;
    }

    @Override
    public int maxDimensions() {
      return 1;
    }

    static EventMask select(MethodContext context, double at) {
      EventMask parent = context.parent();
      EventMask out = EventMask.none(parent.size());
      float[] x = context.columns()[0];
      for (int i : parent.indices()) {
        if (x[i] >= at) {
          out.set(i);
        }
      }
      return out;
    }
  }
}
