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
import org.mrdflow.gating.GatingException;
import org.mrdflow.gating.SyntheticSample;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.method.GatingMethods;

class StrategyYamlTest {
  private static final Path EXAMPLE = Path.of("../conf/gating/generic-lymphocytes.yaml");

  private static GatingStrategy parse(Path dir, String yaml) throws IOException {
    Files.writeString(dir.resolve("panel.yaml"),
        "name: test\nmarkers:\n  CD19: [CD19]\n  CD45: [CD45]\n  FSC-A: [FSC-A]\n");
    return StrategyYaml.parse("test.yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), dir);
  }

  private static int[] kinds(SyntheticSample synthetic, EventMask events) {
    int[] counts = new int[7];
    for (int e = events.nextSetBit(0); e >= 0; e = events.nextSetBit(e + 1)) {
      counts[synthetic.truth[e]]++;
    }
    return counts;
  }

  private static final String B_CELL_STRATEGY = """
      panel: panel.yaml
      transforms:
        fl: {logicle: {T: 262144, W: 0.5, M: 4.5, A: 0}}
      populations:
        - name: lymphocytes
          dimensions: [{marker: CD45, transform: fl}, {marker: FSC-A, transform: fl}]
          method: {name: density-peak, args: {near: [0.75, 0.85]}}
        - name: b-cells
          parent: lymphocytes
          dimensions: [{marker: CD19, transform: fl}]
          method: {name: density-valley}
        - name: non-b-lymphocytes
          parent: lymphocytes
          boolean: {and: [lymphocytes, "!b-cells"]}
      """;

  @Test
  void densityMethodsSeparateTheGeneratorsBAndTCells(@TempDir Path dir) throws IOException {
    SyntheticSample synthetic = SyntheticSample.generate(200_000, 0.05, 42);
    GatingResult result = new StrategyEvaluator(parse(dir, B_CELL_STRATEGY),
        GatingMethods.discover()).apply(synthetic.sample);
    int[] lymphocyteKinds = kinds(synthetic, result.population("lymphocytes").events());
    int bInLymphocytes = lymphocyteKinds[SyntheticSample.B_CELL];
    assertThat((double) (bInLymphocytes + lymphocyteKinds[SyntheticSample.T_CELL]
        + lymphocyteKinds[SyntheticSample.DOUBLET])
        / result.population("lymphocytes").count()).as("lymphocyte precision")
        .isGreaterThan(0.95);
    PopulationResult b = result.population("b-cells");
    int bFound = kinds(synthetic, b.events())[SyntheticSample.B_CELL];
    double precision = (double) bFound / b.count();
    double recall = (double) bFound / bInLymphocytes;
    assertThat(2 * precision * recall / (precision + recall)).isGreaterThan(0.98);
  }

  @Test
  void mediansAreThoseOfThePopulationsOwnEvents(@TempDir Path dir) throws IOException {
    SyntheticSample synthetic = SyntheticSample.generate(20_001, 0.05, 5);
    GatingStrategy strategy = parse(dir, B_CELL_STRATEGY);
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
  void aSampleWithoutBCellsGivesAnEmptyPopulationNotAnError(@TempDir Path dir)
      throws IOException {
    SyntheticSample synthetic = SyntheticSample.generate(50_000, 0.0, 9);
    GatingResult result = new StrategyEvaluator(parse(dir, B_CELL_STRATEGY),
        GatingMethods.discover()).apply(synthetic.sample);
    PopulationResult b = result.population("b-cells");
    // Without a CD19+ mode the threshold sits where the negative peak's upper tail ends.
    assertThat(b.count()).isLessThan(result.population("lymphocytes").count() / 1000);
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
        .satisfies(e -> assertThat(((StrategyValidationException) e).problems())
            .hasSize(6)
            .satisfiesExactly(
                p -> assertThat(p).isEqualTo("population 'orphan': unknown parent 'nowhere'"),
                p -> assertThat(p).isEqualTo("population 'twin-1': unknown marker 'CD3' "
                    + "(panel test has [CD19, CD45, FSC-A])"),
                p -> assertThat(p).isEqualTo(
                    "population 'twin-2': another child of 'cells' is also named 'twin'"),
                p -> assertThat(p).startsWith("population 'twin-2': unknown gating method "
                    + "'no-such-method' (available: [density-peak, density-valley, mrd-"),
                p -> assertThat(p).startsWith("population 'typed': method density-valley has no "
                    + "argument 'colour' (it takes [side, bins, "),
                p -> assertThat(p).isEqualTo("population 'typed': argument 'bins' of method "
                    + "density-valley must be of type bin count (a whole number from 1 to 4096), "
                    + "got 'many'")));
  }

  @Test
  void binCountsOutsideOneTo4096AreRejectedBeforeData(@TempDir Path dir) throws IOException {
    // bins: 0 crashed mrd-time-qc while gating (StrategyYamlFuzzTest, 2026-12-05); a huge grid
    // would not fit in memory.
    GatingStrategy strategy = parse(dir, """
        populations:
          - name: cells
            dimensions: [FSC-A]
            method: {name: mrd-time-qc, args: {bins: 0}}
          - name: grid
            dimensions: [CD19, CD45]
            method: {name: density-peak, args: {bins: 5000}}
          - name: fractional
            dimensions: [CD19]
            method: {name: density-valley, args: {bins: 2.5}}
          - name: fine
            dimensions: [CD19]
            method: {name: density-valley, args: {bins: 4096}}
        """);
    assertThatThrownBy(() -> new StrategyEvaluator(strategy, GatingMethods.discover()))
        .isInstanceOf(StrategyValidationException.class)
        .satisfies(e -> assertThat(((StrategyValidationException) e).problems())
            .containsExactly(
                "population 'cells': argument 'bins' of method mrd-time-qc must be of type bin "
                    + "count (a whole number from 1 to 4096), got '0'",
                "population 'grid': argument 'bins' of method density-peak must be of type bin "
                    + "count (a whole number from 1 to 4096), got '5000'",
                "population 'fractional': argument 'bins' of method density-valley must be of "
                    + "type bin count (a whole number from 1 to 4096), got '2.5'"));
  }

  @Test
  void densityPeakNearMustBeTwoFiniteNumbersBeforeData(@TempDir Path dir) throws IOException {
    // A 3-coordinate 'near' was refused only while gating, naming neither strategy nor sample
    // (StrategyYamlFuzzTest, 2026-12-05).
    GatingStrategy strategy = parse(dir, """
        populations:
          - name: three
            dimensions: [CD19, CD45]
            method: {name: density-peak, args: {near: [0.3, 0.3, 0.3]}}
          - name: one
            dimensions: [CD19, CD45]
            method: {name: density-peak, args: {near: [0.3]}}
          - name: infinite
            dimensions: [CD19, CD45]
            method: {name: density-peak, args: {near: [0.3, 1e999]}}
          - name: fine
            dimensions: [CD19, CD45]
            method: {name: density-peak, args: {near: [0.3, 0.7]}}
        """);
    assertThatThrownBy(() -> new StrategyEvaluator(strategy, GatingMethods.discover()))
        .isInstanceOf(StrategyValidationException.class)
        .satisfies(e -> assertThat(((StrategyValidationException) e).problems())
            .containsExactly(
                "population 'three': argument 'near' of method density-peak must be of type "
                    + "point (two finite numbers [x, y]), got '[0.3, 0.3, 0.3]'",
                "population 'one': argument 'near' of method density-peak must be of type "
                    + "point (two finite numbers [x, y]), got '[0.3]'",
                "population 'infinite': argument 'near' of method density-peak must be of type "
                    + "point (two finite numbers [x, y]), got '[0.3, Infinity]'"));
  }

  @Test
  void anInlineMatrixThatIsNotAListOfRowsIsATypedError(@TempDir Path dir) throws IOException {
    // A matrix written as a map had rows.size() entries but no row by index: a
    // NullPointerException (StrategyYamlFuzzTest, 2026-12-06).
    assertThatThrownBy(() -> parse(dir, """
        compensations:
          two: {detectors: [FL1-H, FL2-H], matrix: {max_value: 1024, width_basis: -10}}
        populations:
          - name: cells
            dimensions: [FSC-H]
            gate: {rectangle: {min: [100], max: [null]}}
        """))
        .isInstanceOf(GatingException.class)
        .hasMessageContaining("compensation 'two': matrix must be a list of rows");
  }

  @Test
  void theSeedBackgroundIsAProbabilityBeforeData(@TempDir Path dir) throws IOException {
    // A rate of 1e300 per candidate overflows the Poisson mean to infinity and a quantile of 1
    // is an infinite bound: both are refused when the strategy is loaded.
    GatingStrategy strategy = parse(dir, """
        populations:
          - name: seeds
            dimensions: [CD10, CD38, CD45]
            method: {name: mrd-blast-seeds}
          - name: cluster
            parent: seeds
            dimensions: [CD10, CD20, CD34, CD38, CD45]
            method:
              name: mrd-blast-cluster
              args: {seeds: seeds, background_rate: 1.0e300, background_quantile: 1}
        """);
    assertThatThrownBy(() -> new StrategyEvaluator(strategy, GatingMethods.discover()))
        .isInstanceOf(StrategyValidationException.class)
        .satisfies(e -> assertThat(((StrategyValidationException) e).problems()).contains(
            "population 'cluster': argument 'background_rate' of method mrd-blast-cluster must "
                + "be of type probability (a number between 0 and 1, both excluded), got '1.0E300'",
            "population 'cluster': argument 'background_quantile' of method mrd-blast-cluster "
                + "must be of type probability (a number between 0 and 1, both excluded), got '1'"));
  }

  @Test
  void timeQcBinZMustBePositiveBeforeData(@TempDir Path dir) throws IOException {
    // bin_z -0.25 made every time bin a "disturbance": nothing was kept and the empty union of
    // kept segments failed while gating, naming neither strategy nor sample (StrategyYamlFuzzTest,
    // 2026-12-06).
    GatingStrategy strategy = parse(dir, """
        populations:
          - name: negative
            dimensions: [Time]
            method: {name: mrd-time-qc, args: {bin_z: -0.25}}
          - name: zero
            dimensions: [Time]
            method: {name: mrd-time-qc, args: {bin_z: 0}}
          - name: fine
            dimensions: [Time]
            method: {name: mrd-time-qc, args: {bin_z: 0.25}}
        """);
    assertThatThrownBy(() -> new StrategyEvaluator(strategy, GatingMethods.discover()))
        .isInstanceOf(StrategyValidationException.class)
        .satisfies(e -> assertThat(((StrategyValidationException) e).problems())
            .containsExactly(
                "population 'negative': argument 'bin_z' of method mrd-time-qc must be of type "
                    + "positive number (finite, greater than 0), got '-0.25'",
                "population 'zero': argument 'bin_z' of method mrd-time-qc must be of type "
                    + "positive number (finite, greater than 0), got '0'"));
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
