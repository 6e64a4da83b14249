package org.mrdflow.simulation.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.gating.events.EventMask;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.mrd.MrdAnalysis;
import org.mrdflow.gating.mrd.MrdAnalysisConfig;
import org.mrdflow.simulation.Instrument;
import org.mrdflow.simulation.MarrowSimulator;
import org.mrdflow.simulation.Population;
import org.mrdflow.simulation.SampleSpec;
import org.mrdflow.simulation.Scenario;
import org.mrdflow.simulation.SimulatedSample;
import org.mrdflow.simulation.SimulationFiles;

/**
 * The CD45-bright edge of a classic clone, judged by the simulator's per-event truth: blasts
 * whose CD45 is as bright as normal CD34+ progenitors' or brighter, but whose CD38 is well below
 * theirs. The plain CD38 + CD45 score lets their bright CD45 cancel the dim CD38, so before the
 * rule none of them joined the grown cluster and they were counted as hematogones (the demo's
 * 1e-2 marrow: 169 of 2,086 blasts).
 */
class ClusterCd45EdgeTest {
  /** The grown cluster's score bound (conf/gating/b-all-mrd.yaml, blast-cluster {@code score}). */
  private static final double GROWN_SCORE = 2.0;

  @TempDir Path dir;

  @Test
  void cd38DimBlastsOfTheClonesCd45BrightEdgeAreCountedAndNoNormalCellJoinsWithThem()
      throws IOException {
    // A classic clone at 1e-2 in a normal marrow (about 2,000 blasts beside 1.2 % hematogones),
    // with a seed that is not the demo's.
    SampleSpec spec = Scenario.CLASSIC.expand(
        new Scenario.Options(20261206L, 250_000, 1, Instrument.CANTO, 1e-2)).get(0);
    SimulatedSample simulated = MarrowSimulator.simulate(spec);
    Path fcs = SimulationFiles.write(simulated, dir).fcs();
    MrdAnalysis.SampleAnalysis sample;
    try (FcsFile file = FcsFile.open(fcs, FcsEvents.SCALE)) {
      sample = new MrdAnalysis(MrdAnalysisConfig.defaults()).analyzeWithEvents(file.first(),
          spec.sampleId());
    }
    Map<String, Double> reference = sample.gating().population("progenitors").landmarks();
    double p38 = reference.get("cd38-median");
    double sd38 = reference.get("cd38-sd");
    double p45 = reference.get("cd45-median");
    double sd45 = reference.get("cd45-sd");
    float[] cd38 = sample.events().marker("CD38");
    float[] cd45 = sample.events().marker("CD45");
    EventMask blasts = sample.gates().blasts();
    byte[] truth = simulated.labels();

    int edgeBlasts = 0;
    int edgeBlastsCounted = 0;
    int calledBlastsInTheEdge = 0;
    int normalCellsCalledBlastsInTheEdge = 0;
    for (int i = 0; i < truth.length; i++) {
      // CD38 more than the grown score's bound in SDs below the progenitors', but CD45 so much
      // brighter than theirs that the plain score is at or below the bound.
      double cd38Deficit = (p38 - cd38[i]) / sd38;
      boolean edge = cd38Deficit > GROWN_SCORE
          && cd38Deficit + (p45 - cd45[i]) / sd45 <= GROWN_SCORE;
      if (!edge) {
        continue;
      }
      boolean trueBlast = Population.ofCode(truth[i] & 0xff).isBlast();
      if (trueBlast) {
        edgeBlasts++;
        if (blasts.get(i)) {
          edgeBlastsCounted++;
        }
      }
      if (blasts.get(i)) {
        calledBlastsInTheEdge++;
        if (!trueBlast) {
          normalCellsCalledBlastsInTheEdge++;
        }
      }
    }
    assertThat(edgeBlasts).as("true blasts on the clone's CD45-bright, CD38-dim edge")
        .isGreaterThan(20);
    // Without the rule none of them is counted (seeds need a score above 4, the grown cluster
    // above 2); with it, those within the clone's ellipsoid and CD38-dim beyond their CD10 are.
    assertThat((double) edgeBlastsCounted / edgeBlasts)
        .as("edge blasts counted (%d of %d)", edgeBlastsCounted, edgeBlasts).isGreaterThan(0.5);
    assertThat(normalCellsCalledBlastsInTheEdge)
        .as("normal cells called blasts on the edge, of %d called", calledBlastsInTheEdge)
        .isLessThanOrEqualTo(Math.max(1, calledBlastsInTheEdge / 100));
  }
}
