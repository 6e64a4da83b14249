package org.mrdflow.simulation.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.gatingml.GatingMlReader;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.mrd.MrdAnalysis;
import org.mrdflow.gating.mrd.MrdAnalysisConfig;
import org.mrdflow.gating.mrd.MrdGatingMl;
import org.mrdflow.gating.strategy.GatingResult;
import org.mrdflow.gating.strategy.StrategyEvaluator;
import org.mrdflow.simulation.Instrument;
import org.mrdflow.simulation.MarrowSimulator;
import org.mrdflow.simulation.SampleSpec;
import org.mrdflow.simulation.Scenario;
import org.mrdflow.simulation.SimulationFiles;

class MrdGatingMlTest {

  /**
   * The exported document, read back and applied by the engine's own gate evaluation (another
   * implementation of the same geometry), selects the same nucleated cells and blasts.
   */
  @ParameterizedTest(name = "{0} blasts, grown within their cluster")
  @EnumSource(value = Scenario.class, names = {"CLASSIC", "PRO_B"})
  void theExportedGatesReproduceTheCountsWhenAppliedByTheEngine(Scenario scenario,
      @TempDir Path dir) throws IOException {
    SampleSpec spec = scenario.expand(
        new Scenario.Options(11, 200_000, 1, Instrument.NAVIOS, 5e-3)).get(0);
    Path fcs = SimulationFiles.write(MarrowSimulator.simulate(spec), dir).fcs();
    MrdAnalysisConfig config = MrdAnalysisConfig.defaults();
    MrdAnalysis.SampleAnalysis sample;
    try (FcsFile file = FcsFile.open(fcs, FcsEvents.SCALE)) {
      sample = new MrdAnalysis(config).analyzeWithEvents(file.first(), spec.sampleId());
    }
    assertThat(scenario == Scenario.CLASSIC ? sample.gates().blastCluster()
        : sample.gates().proBCluster()).isNotNull();
    Path xml = dir.resolve(spec.sampleId() + ".gating-ml.xml");
    MrdGatingMl.write(sample, config, xml);

    GatingResult applied = new StrategyEvaluator(GatingMlReader.read(xml),
        GatingMethods.discover()).apply(FcsEvents.read(fcs));
    long nucleated = sample.result().nucleatedEvents();
    long blasts = sample.result().blastEvents();
    assertThat((double) applied.population("nucleated").count())
        .isCloseTo(nucleated, Offset.offset(1e-4 * nucleated));
    assertThat((double) applied.population("blasts").count())
        .isCloseTo(blasts, Offset.offset(2.0));
  }
}
