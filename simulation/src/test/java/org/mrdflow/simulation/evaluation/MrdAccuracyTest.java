package org.mrdflow.simulation.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.gating.mrd.MrdAnalysis;
import org.mrdflow.gating.mrd.MrdAnalysisConfig;
import org.mrdflow.simulation.MarrowSimulator;
import org.mrdflow.simulation.SampleSpec;
import org.mrdflow.simulation.Scenario;
import org.mrdflow.simulation.SimulationFiles;

/**
 * Accuracy against per-event ground truth: fails when the automated MRD analysis drops below
 * the targets of issue 4 (median blast F1, MRD error, dilution linearity, categories,
 * regenerating marrows, CD19-negative escape, CD19+ share, flags, low cellularity).
 */
class MrdAccuracyTest {
  /** The first base seed tried for the CI set; it was not searched for. */
  private static final long CI_SEED = 42;

  private final MrdAnalysis analysis = new MrdAnalysis(MrdAnalysisConfig.defaults());

  @Test
  void theTargetsHoldOnAFreshSimulatorBatch(@TempDir Path dir) throws IOException {
    Scenario.Options options = new Scenario.Options(CI_SEED, null, 1, null, null);
    for (Scenario scenario : List.of(Scenario.DILUTION, Scenario.REGENERATING,
        Scenario.CD19_NEGATIVE, Scenario.CD19_DIM, Scenario.PRO_B, Scenario.MIXED80,
        Scenario.APLASIA, Scenario.LOW_CELLULARITY)) {
      for (SampleSpec spec : scenario.expand(options)) {
        SimulationFiles.write(MarrowSimulator.simulate(spec), dir);
      }
    }
    assertTargetsMet(dir, 13);
  }

  /**
   * The files {@code bin/mrdflow demo} writes: {@code evaluate} on them, the first thing a new
   * user may try, meets every target it prints (issue 13: it once exited 1, median F1 0.941).
   */
  @Test
  void theTargetsHoldOnTheDemosOwnFiles(@TempDir Path dir) throws IOException {
    for (SampleSpec spec : Scenario.DEMO.expand(Scenario.DEMO_BATCH)) {
      SimulationFiles.write(MarrowSimulator.simulate(spec), dir);
    }
    assertTargetsMet(dir, 8);
  }

  @Test
  void aProBCloneOutnumberingTheNormalProgenitorsIsStillCounted(@TempDir Path dir)
      throws IOException {
    // 1e-1: about ten pro-B blasts per normal CD34+ CD10- progenitor, the reference the
    // B-lineage CD19 edge is measured on.
    for (SampleSpec spec : Scenario.PRO_B.expand(
        new Scenario.Options(CI_SEED, null, 1, null, 1e-1))) {
      SimulationFiles.write(MarrowSimulator.simulate(spec), dir);
    }
    MrdEvaluation.SampleRow row = new MrdEvaluation(analysis).evaluateDirectory(dir).get(0);
    assertThat(row.category()).isEqualTo("POSITIVE");
    assertThat(row.mrd() / row.trueMrd()).isBetween(0.8, 1.2);
    assertThat(row.blastF1()).isGreaterThanOrEqualTo(0.9);
    assertThat(row.bCellAplasia()).isEqualTo(row.trueBCellAplasia());
  }

  @Test
  void theTargetsHoldOnTheMrdsimDevelopmentSet() throws IOException {
    String shared = System.getProperty("mrdflow.shared");
    Path dev = shared == null ? null : Path.of(shared, "mrdsim", "dev");
    assumeTrue(dev != null && Files.isDirectory(dev), "../shared/mrdsim/dev not available");
    assertTargetsMet(dev, 22);
  }

  private void assertTargetsMet(Path dir, int files) throws IOException {
    List<MrdEvaluation.SampleRow> rows = new MrdEvaluation(analysis).evaluateDirectory(dir);
    assertThat(rows).hasSize(files);
    MrdEvaluation.Summary summary = MrdEvaluation.summarize(rows, analysis.config().rules());
    String report = summary.targets().stream()
        .map(t -> String.format(Locale.ROOT, "[%s] %s: %s", t.met() ? "met" : "MISSED", t.name(),
            t.measured()))
        .collect(Collectors.joining("\n"));
    assertThat(summary.allMet()).as(report).isTrue();
  }
}
