package org.mrdflow.gating.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.events.Channel;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.events.EventTable;
import org.mrdflow.gating.events.Sample;
import org.mrdflow.gating.gate.BooleanGate;
import org.mrdflow.gating.gate.Dimension;
import org.mrdflow.gating.gate.EllipsoidGate;
import org.mrdflow.gating.gate.PolygonGate;
import org.mrdflow.gating.gate.RectangleGate;
import org.mrdflow.gating.gate.Region;
import org.mrdflow.gating.gatingml.GatingMlReader;
import org.mrdflow.gating.gatingml.GatingMlWriter;
import org.mrdflow.gating.method.GatingMethod;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.method.MethodContext;
import org.mrdflow.gating.method.MethodParameter;
import org.mrdflow.gating.method.MethodResult;

/**
 * A method's fitted {@link Region} is applied by the engine as ordinary populations: every
 * event is checked against the region's definition written out by hand here, and the Gating-ML
 * export of what was applied, read back, selects the same events.
 */
class RegionTest {
  private static final Dimension X = Dimension.of("X", Dimension.UNCOMPENSATED, "");
  private static final Dimension Y = Dimension.of("Y", Dimension.UNCOMPENSATED, "");

  private static final String STRATEGY = """
      id: regions
      compensation: uncompensated
      populations:
        - name: right
          dimensions: [X]
          method: {name: fixed-region, args: {region: right}}
        - name: all
          dimensions: [X]
          method: {name: fixed-region, args: {region: all}}
        - name: shaped
          parent: right
          dimensions: [X, Y]
          method: {name: fixed-region, args: {region: shaped}}
        - name: none
          parent: right
          dimensions: [X]
          method: {name: fixed-region, args: {region: none}}
      """;

  /** x >= 0 (a range) */
  private static Region right() {
    return new Region.Shape("x-from-0", new RectangleGate(List.of(X), new double[] {0},
        new double[] {Double.POSITIVE_INFINITY}));
  }

  /**
   * (y < 2 AND x + y < 3 AND NOT in the unit disc around (1, 0)) OR member of "all" with
   * x >= 4: a range, a half-plane polygon, an ellipse, a complement, a population reference.
   */
  private static Region shaped() {
    Region halfPlane = new Region.Shape("sum-below-3", new PolygonGate(List.of(X, Y),
        new double[] {-50, 50, 50, -47}, new double[] {-50, -50, -47, 50}));
    Region disc = new Region.Shape("disc", new EllipsoidGate(List.of(X, Y),
        new double[] {1, 0}, new double[][] {{1, 0}, {0, 1}}, 1));
    Region lower = new Region.And("lower", List.of(
        new Region.Shape("y-below-2", new RectangleGate(List.of(Y),
            new double[] {Double.NEGATIVE_INFINITY}, new double[] {2})),
        halfPlane, new Region.Not("off-disc", disc)));
    Region far = new Region.And("far", List.of(new Region.Member("all"),
        new Region.Shape("x-from-4", new RectangleGate(List.of(X), new double[] {4},
            new double[] {Double.POSITIVE_INFINITY}))));
    return new Region.Or("shaped", List.of(lower, far));
  }

  private static final Map<String, Region> REGIONS = Map.of("right", right(),
      "all", new Region.Everything(), "shaped", shaped(), "none", new Region.Nothing());

  @Test
  void everyEventIsInsideExactlyWhenTheRegionsDefinitionSaysSo() {
    Sample sample = sample(20_000, 5);
    GatingResult result = new StrategyEvaluator(strategy(), methods()).apply(sample);
    float[] x = sample.events().column(0);
    float[] y = sample.events().column(1);

    assertThat(result.population("right").events()).isEqualTo(expected(x.length,
        i -> x[i] >= 0));
    assertThat(result.population("all").count()).isEqualTo(x.length);
    assertThat(result.population("none").count()).isZero();
    assertThat(result.population("shaped").events()).isEqualTo(expected(x.length, i -> {
      double dx = x[i] - 1.0;
      boolean inDisc = dx * dx + (double) y[i] * y[i] <= 1;
      boolean lower = y[i] < 2 && (double) x[i] + y[i] < 3 && !inDisc;
      return x[i] >= 0 && (lower || x[i] >= 4);
    }));
    assertThat(result.population("shaped").count()).isBetween(1000, 19_000);
  }

  @Test
  void replacedGatesAreAppliedInPlaceOfTheFittedOnesAndLaterPopulationsFollowThem() {
    Sample sample = sample(20_000, 5);
    RectangleGate xFrom1 = new RectangleGate(List.of(X), new double[] {1}, new double[] {Double.POSITIVE_INFINITY});
    EllipsoidGate wideDisc = new EllipsoidGate(List.of(X, Y), new double[] {0, 0},
        new double[][] {{1, 0}, {0, 1}}, 4);
    GatingResult result = new StrategyEvaluator(strategy(), methods()).apply(sample,
        Map.of("right", xFrom1, "shaped.lower.off-disc.disc", wideDisc));
    float[] x = sample.events().column(0);
    float[] y = sample.events().column(1);

    assertThat(result.population("right").events()).isEqualTo(expected(x.length, i -> x[i] >= 1));
    assertThat(result.population("shaped").events()).isEqualTo(expected(x.length, i -> {
      boolean inDisc = (double) x[i] * x[i] + (double) y[i] * y[i] <= 4;
      boolean lower = y[i] < 2 && (double) x[i] + y[i] < 3 && !inDisc;
      return x[i] >= 1 && (lower || x[i] >= 4);
    }));
    assertThat(result.appliedStrategy().population("shaped.lower.off-disc.disc").orElseThrow().gate())
        .isEqualTo(wideDisc);
  }

  @Test
  void replacingAGateThatIsNotThereOrOverOtherDimensionsIsRefused() {
    Sample sample = sample(100, 1);
    StrategyEvaluator evaluator = new StrategyEvaluator(strategy(), methods());
    RectangleGate onY = new RectangleGate(List.of(Y), new double[] {0}, new double[] {1});
    assertThatThrownBy(() -> evaluator.apply(sample, Map.of("shaped.nowhere", onY)))
        .isInstanceOf(GatingException.class).hasMessageContaining("no geometric gate shaped.nowhere");
    assertThatThrownBy(() -> evaluator.apply(sample, Map.of("right", onY)))
        .isInstanceOf(GatingException.class).hasMessageContaining("the replacing geometry is over");
    assertThatThrownBy(() -> evaluator.apply(sample, Map.of("shaped", onY)))
        .isInstanceOf(GatingException.class).hasMessageContaining("is not a geometric gate");
  }

  @Test
  void theRegionsPartsArePopulationsNamedAfterTheirOwnerWithTheOwnersPathUnchanged() {
    GatingResult result = new StrategyEvaluator(strategy(), methods()).apply(sample(100, 1));
    List<String> ids = result.populations().stream().map(PopulationResult::id).toList();

    assertThat(ids).containsSubsequence("right", "all", "shaped.lower.y-below-2",
        "shaped.lower.sum-below-3", "shaped.lower.off-disc.disc", "shaped.lower.off-disc",
        "shaped.lower", "shaped.far.in-all", "shaped.far.x-from-4", "shaped.far", "shaped",
        "none");
    assertThat(result.population("shaped").path()).isEqualTo("/right/shaped");
    assertThat(result.population("shaped").parent()).isEqualTo("right");
    assertThat(result.appliedStrategy().population("shaped").orElseThrow().gate())
        .isInstanceOf(BooleanGate.class);
  }

  @Test
  void theExportedRegionsReadBackSelectTheSameEvents() {
    Sample sample = sample(20_000, 9);
    GatingResult result = new StrategyEvaluator(strategy(), methods()).apply(sample);
    ByteArrayOutputStream xml = new ByteArrayOutputStream();
    GatingMlWriter.write(result, xml);

    GatingResult reimported = new StrategyEvaluator(
        GatingMlReader.read("regions.xml", new ByteArrayInputStream(xml.toByteArray())),
        GatingMethods.discover()).apply(sample);

    // "all" is a top-level range of X open on both sides: written with min -INF.
    assertThat(xml.toString(StandardCharsets.UTF_8)).contains("gating:min=\"-INF\"");
    for (PopulationResult population : result.populations()) {
      assertThat(reimported.population(population.id()).events()).as(population.id())
          .isEqualTo(population.events());
    }
  }

  private static EventMask expected(int n, java.util.function.IntPredicate inside) {
    EventMask mask = EventMask.none(n);
    for (int i = 0; i < n; i++) {
      if (inside.test(i)) {
        mask.set(i);
      }
    }
    return mask;
  }

  private static GatingStrategy strategy() {
    return StrategyYaml.parse("regions.yaml",
        new ByteArrayInputStream(STRATEGY.getBytes(StandardCharsets.UTF_8)), null);
  }

  private static GatingMethods methods() {
    return GatingMethods.discover().with(new FixedRegion(REGIONS::get));
  }

  /** Seeded normal X and Y around (1, 0.5), SD 2. */
  private static Sample sample(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (1 + 2 * gaussian(random));
      y[i] = (float) (0.5 + 2 * gaussian(random));
    }
    return Sample.of("seeded", new EventTable(List.of(Channel.named("X"), Channel.named("Y")),
        new float[][] {x, y}));
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** Returns the region its {@code region} argument names. */
  private static final class FixedRegion implements GatingMethod {
    private final Function<String, Region> regions;

    FixedRegion(Function<String, Region> regions) {
      this.regions = regions;
    }

    @Override
    public String name() {
      return "fixed-region";
    }

    @Override
    public List<MethodParameter> parameters() {
      return List.of(MethodParameter.required("region", MethodParameter.Type.STRING, "name"));
    }

    @Override
    public int minDimensions() {
      return 1;
    }

    @Override
    public int maxDimensions() {
      return 2;
    }

    @Override
    public MethodResult fit(MethodContext context) {
      return new MethodResult.Geometry(regions.apply(context.arguments().string("region")),
          "fixed", Map.of());
    }
  }
}
