package org.mrdflow.simulation.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import org.mrdflow.fcs.FcsFile;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.mrd.MrdAnalysis;
import org.mrdflow.gating.mrd.MrdAnalysisConfig;
import org.mrdflow.simulation.Instrument;
import org.mrdflow.simulation.MarrowSimulator;
import org.mrdflow.simulation.SampleSpec;
import org.mrdflow.simulation.Scenario;
import org.mrdflow.simulation.SimulationFiles;

/** A simulated classic B-ALL marrow (200,000 events, blasts 5e-3, Canto) written and analysed. */
final class ClassicSample {
  private ClassicSample() {}

  static MrdAnalysis.SampleAnalysis analyzed(Path dir) throws IOException {
    SampleSpec spec = Scenario.CLASSIC.expand(
        new Scenario.Options(11, 200_000, 1, Instrument.CANTO, 5e-3)).get(0);
    Path fcs = SimulationFiles.write(MarrowSimulator.simulate(spec), dir).fcs();
    try (FcsFile file = FcsFile.open(fcs, FcsEvents.SCALE)) {
      return new MrdAnalysis(MrdAnalysisConfig.defaults()).analyzeWithEvents(file.first(),
          "classic");
    }
  }
}
