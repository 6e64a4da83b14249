package org.mrdflow.gating.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.gating.SyntheticSample;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.method.GatingMethods;

class StrategyYamlTest {
  private static final Path EXAMPLE = Path.of("../conf/gating/generic-lymphocytes.yaml");

  private static GatingStrategy parse(Path dir, String yaml) throws IOException {
    Files.writeString(dir.resolve("panel.yaml"),
        "name: test\nmarkers:\n  CD19: [CD19]\n  CD45: [CD45]\n  FSC-A: [FSC-A]\n");
    return StrategyYaml.parse("test.yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), dir);
  }

  @Test
  void theExampleStrategyFindsTheBCellsTheGeneratorMade() {
    SyntheticSample synthetic = SyntheticSample.generate(200_000, 0.05, 42);
    GatingStrategy strategy = StrategyYaml.read(EXAMPLE);
    GatingResult result = new StrategyEvaluator(strategy, GatingMethods.discover())
        .apply(synthetic.sample);

    PopulationResult b = result.population("b-cells");
    PopulationResult lymphocytes = result.population("lymphocytes");
    assertThat(b.path()).isEqualTo("/cells/singlets/leukocytes/lymphocytes/b-cells");
    int[] lymphocyteKinds = kinds(synthetic, lymphocytes.events());
    int lymphocytesMade = synthetic.count(SyntheticSample.B_CELL)
        + synthetic.count(SyntheticSample.T_CELL);
    int lymphocytesFound = lymphocyteKinds[SyntheticSample.B_CELL]
        + lymphocyteKinds[SyntheticSample.T_CELL];
    assertThat((double) lymphocytesFound / lymphocytes.count()).as("precision").isGreaterThan(0.95);
    assertThat((double) lymphocytesFound / lymphocytesMade).as("recall").isGreaterThan(0.9);
    // Within the lymphocytes, the CD19 valley separates B from T cells.
    int bFound = kinds(synthetic, b.events())[SyntheticSample.B_CELL];
    double precision = (double) bFound / b.count();
    double recall = (double) bFound / lymphocyteKinds[SyntheticSample.B_CELL];
    assertThat(2 * precision * recall / (precision + recall)).isGreaterThan(0.98);

    PopulationResult singlets = result.population("singlets");
    int doubletsKept = 0;
    for (int e = singlets.events().nextSetBit(0); e >= 0;
        e = singlets.events().nextSetBit(e + 1)) {
      doubletsKept += synthetic.truth[e] == SyntheticSample.DOUBLET ? 1 : 0;
    }
    assertThat(doubletsKept).isLessThan(synthetic.count(SyntheticSample.DOUBLET) / 20);

    PopulationResult nonB = result.population("non-b-lymphocytes");
    assertThat(nonB.count() + b.count()).isEqualTo(lymphocytes.count());
    assertThat(b.fractionOfParent()).isEqualTo((double) b.count() / lymphocytes.count());
    assertThat(b.fractionOfDenominator()).isEqualTo((double) b.count() / singlets.count());
    assertThat(result.markerChannels()).containsEntry("CD19", "PE-Cy7-A");
  }

  private static int[] kinds(SyntheticSample synthetic, EventMask events) {
    int[] counts = new int[7];
    for (int e = events.nextSetBit(0); e >= 0; e = events.nextSetBit(e + 1)) {
      counts[synthetic.truth[e]]++;
    }
    return counts;
  }

  @Test
  void mediansAreThoseOfThePopulationsOwnEvents() {
    SyntheticSample synthetic = SyntheticSample.generate(20_001, 0.05, 5);
    GatingStrategy strategy = StrategyYaml.read(EXAMPLE);
    GatingResult result = new StrategyEvaluator(strategy, GatingMethods.discover())
        .apply(synthetic.sample);
    EventMask b = result.population("b-cells").events();
    float[] cd19 = synthetic.sample.events().column("PE-Cy7-A");
    double[] values = java.util.Arrays.stream(b.indices()).mapToDouble(i -> cd19[i]).sorted()
        .toArray();
    int n = values.length;
    double expected = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    assertThat(result.medians("b-cells").get("PE-Cy7-A")).isCloseTo(expected, within(1e-3));
  }

  @Test
  void aSampleWithoutBCellsGivesAnEmptyPopulationNotAnError() {
    SyntheticSample synthetic = SyntheticSample.generate(50_000, 0.0, 9);
    GatingResult result = new StrategyEvaluator(StrategyYaml.read(EXAMPLE),
        GatingMethods.discover()).apply(synthetic.sample);
    PopulationResult b = result.population("b-cells");
    assertThat(b.count()).isLessThan(5);
    assertThat(result.population("non-b-lymphocytes").count())
        .isEqualTo(result.population("lymphocytes").count() - b.count());
  }

  @Test
  void everyProblemIsReportedAtOnceNamingItsPopulation(@TempDir Path dir) throws IOException {
    GatingStrategy strategy = parse(dir, """
        panel: panel.yaml
        populations:
          - name: cells
            dimensions: [FSC-A]
            gate: {rectangle: {min: [1], max: [null]}}
          - name: orphan
            parent: nowhere
            dimensions: [FSC-A]
            gate: {rectangle: {min: [1], max: [null]}}
          - name: twin
            id: twin-1
            parent: cells
            dimensions: [CD3]
            gate: {rectangle: {min: [1], max: [2]}}
          - name: twin
            id: twin-2
            parent: cells
            dimensions: [CD19]
            method: {name: no-such-method}
          - name: typed
            parent: cells
            dimensions: [CD19]
            method: {name: density-valley, args: {bins: many, colour: red}}
        """);
    assertThatThrownBy(() -> new StrategyEvaluator(strategy, GatingMethods.discover()))
        .isInstanceOf(StrategyValidationException.class)
        .satisfies(e -> assertThat(((StrategyValidationException) e).problems()).containsExactly(
            "population 'orphan': unknown parent 'nowhere'",
            "population 'twin-1': unknown marker 'CD3' (panel test has [CD19, CD45, FSC-A])",
            "population 'twin-2': another child of 'cells' is also named 'twin'",
            "population 'twin-2': unknown gating method 'no-such-method' (available: "
                + "[density-peak, density-valley])",
            "population 'typed': method density-valley has no argument 'colour' (it takes "
                + "[side, bins, smoothing, min, max, min_peak_fraction, max_valley_ratio, "
                + "tail_fraction, fallback])",
            "population 'typed': argument 'bins' of method density-valley must be of type "
                + "integer, got 'many'"));
  }

  @Test
  void cyclesThroughBooleanOperandsAreRejected(@TempDir Path dir) throws IOException {
    GatingStrategy strategy = parse(dir, """
        populations:
          - name: a
            boolean: {not: [b]}
          - name: b
            boolean: {not: [a]}
        """);
    assertThatThrownBy(() -> StrategyValidator.validate(strategy, GatingMethods.discover()))
        .isInstanceOf(StrategyValidationException.class)
        .hasMessageContaining("population 'a' depends on itself");
  }

  @Test
  void structuralErrorsNameThePopulation(@TempDir Path dir) {
    assertThatThrownBy(() -> parse(dir, """
        populations:
          - name: cells
            dimensions: [FSC-A, SSC-A]
            gate: {rectangle: {min: [1, "x"], max: [null, null]}}
        """)).hasMessageContaining("population 'cells'").hasMessageContaining("'x'");
    assertThatThrownBy(() -> parse(dir, """
        populations:
          - name: cells
            dimensions: [FSC-A]
        """)).hasMessageContaining("population 'cells'")
        .hasMessageContaining("exactly one of gate");
  }

  @Test
  void strategyDimensionsAreResolvedThroughThePanelNotByPosition(@TempDir Path dir)
      throws IOException {
    GatingStrategy strategy = parse(dir, """
        panel: panel.yaml
        compensation: uncompensated
        populations:
          - name: bright
            dimensions: [CD19]
            gate: {rectangle: {min: [1000], max: [null]}}
        """);
    SyntheticSample synthetic = SyntheticSample.generate(10_000, 0.2, 1);
    GatingResult result = new StrategyEvaluator(strategy, GatingMethods.discover())
        .apply(synthetic.sample);
    float[] cd19 = synthetic.sample.events().column("PE-Cy7-A");
    int expected = 0;
    for (float v : cd19) {
      expected += v >= 1000 ? 1 : 0;
    }
    assertThat(result.population("bright").count()).isEqualTo(expected);
    assertThat(result.markerChannels()).isEqualTo(Map.of("CD19", "PE-Cy7-A"));
  }
}
