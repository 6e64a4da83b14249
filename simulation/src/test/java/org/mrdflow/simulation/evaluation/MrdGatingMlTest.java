package org.mrdflow.simulation.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.gate.EllipsoidGate;
import org.mrdflow.gating.gate.PolygonGate;
import org.mrdflow.gating.gatingml.GatingMlReader;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.mrd.MrdAnalysis;
import org.mrdflow.gating.mrd.MrdAnalysisConfig;
import org.mrdflow.gating.mrd.MrdGatingMl;
import org.mrdflow.gating.strategy.GatingResult;
import org.mrdflow.gating.strategy.Population;
import org.mrdflow.gating.strategy.PopulationResult;
import org.mrdflow.gating.strategy.StrategyEvaluator;
import org.mrdflow.simulation.Instrument;
import org.mrdflow.simulation.MarrowSimulator;
import org.mrdflow.simulation.SampleSpec;
import org.mrdflow.simulation.Scenario;
import org.mrdflow.simulation.SimulationFiles;

class MrdGatingMlTest {

  /**
   * The exported document, read back from XML and applied by the engine to the file as read
   * from disk, selects exactly the same events in every population (no tolerance): the counts,
   * the export and the plots are one set of gates. Covers the grown CD10-bright cluster, the
   * grown pro-B cluster, a CD19-negative clone (no expressing subclone), mixed clones (CD19
   * ranges of two subclones), a time disturbance (kept time ranges) and a small clone judged
   * event by event.
   */
  @ParameterizedTest(name = "{0} on {1}, blasts {2}")
  @CsvSource({"CLASSIC, NAVIOS, 5e-3", "PRO_B, NAVIOS, 5e-3", "CD19_NEGATIVE, CANTO, 5e-3",
      "MIXED80, CANTO, 5e-3", "TIME_ARTEFACT, CYTOFLEX, 5e-3", "CLASSIC, CANTO, 5e-5"})
  void theExportedGatesSelectTheSameEventsInEveryPopulation(Scenario scenario,
      Instrument instrument, double blastFraction, @TempDir Path dir) throws IOException {
    SampleSpec spec = scenario.expand(
        new Scenario.Options(11, 200_000, 1, instrument, blastFraction)).get(0);
    Path fcs = SimulationFiles.write(MarrowSimulator.simulate(spec), dir).fcs();
    MrdAnalysis.SampleAnalysis sample;
    try (FcsFile file = FcsFile.open(fcs, FcsEvents.SCALE)) {
      sample = new MrdAnalysis(MrdAnalysisConfig.defaults())
          .analyzeWithEvents(file.first(), spec.sampleId());
    }
    Path xml = dir.resolve(spec.sampleId() + ".gating-ml.xml");
    MrdGatingMl.write(sample, xml);

    GatingResult reimported = new StrategyEvaluator(GatingMlReader.read(xml),
        GatingMethods.discover()).apply(FcsEvents.read(fcs));

    List<String> ids = new ArrayList<>();
    for (PopulationResult original : sample.gating().populations()) {
      ids.add(original.id());
      assertThat(reimported.population(original.id()).events())
          .as("population %s", original.id()).isEqualTo(original.events());
    }
    assertThat(reimported.populations()).extracting(PopulationResult::id)
        .containsExactlyElementsOf(ids);
    assertThat(ids).contains("time-ok", "nucleated", "blasts", "cd19-positive-blasts",
        "lymphocytes", "hematogones");
    assertThat(reimported.population("blasts").count())
        .isEqualTo((int) sample.result().blastEvents());
    assertThat(reimported.population("nucleated").count())
        .isEqualTo((int) sample.result().nucleatedEvents());
    if (blastFraction > 1e-3) {
      assertThat(sample.result().blastEvents()).isGreaterThan(200);
      // The blasts were cut by half-plane polygons and grown within an ellipsoid.
      List<Population> applied = sample.gating().appliedStrategy().populations();
      assertThat(applied).anyMatch(p -> p.id().startsWith("blast")
          && p.gate() instanceof PolygonGate);
      assertThat(applied).anyMatch(p -> p.gate() instanceof EllipsoidGate);
    }
  }
}
