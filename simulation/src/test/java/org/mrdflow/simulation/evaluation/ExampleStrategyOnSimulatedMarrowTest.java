package org.mrdflow.simulation.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.gating.events.FcsEvents;
import org.mrdflow.gating.method.GatingMethods;
import org.mrdflow.gating.strategy.GatingResult;
import org.mrdflow.gating.strategy.PopulationResult;
import org.mrdflow.gating.strategy.StrategyEvaluator;
import org.mrdflow.gating.strategy.StrategyYaml;
import org.mrdflow.simulation.Instrument;
import org.mrdflow.simulation.MarrowSimulator;
import org.mrdflow.simulation.Population;
import org.mrdflow.simulation.SampleSpec;
import org.mrdflow.simulation.Scenario;
import org.mrdflow.simulation.SimulatedSample;
import org.mrdflow.simulation.SimulationFiles;

/** The generic example strategy of conf/gating against the simulator's per-event truth. */
class ExampleStrategyOnSimulatedMarrowTest {
  private static final Path EXAMPLE = Path.of("../conf/gating/generic-lymphocytes.yaml");

  @Test
  void theExampleStrategyFindsTheSimulatorsSingletsAndMatureBCells(@TempDir Path dir)
      throws IOException {
    SampleSpec spec = Scenario.NORMAL.expand(
        new Scenario.Options(3, 100_000, 1, Instrument.CANTO, null)).get(0);
    SimulatedSample simulated = MarrowSimulator.simulate(spec);
    Path fcs = SimulationFiles.write(simulated, dir).fcs();
    GatingResult result = new StrategyEvaluator(StrategyYaml.read(EXAMPLE),
        GatingMethods.discover()).apply(FcsEvents.read(fcs));
    byte[] labels = simulated.labels();

    PopulationResult singlets = result.population("singlets");
    long nucleated = simulated.truth().calls().nucleatedSinglets();
    assertThat((double) singlets.count()).isCloseTo(nucleated, within(0.03 * nucleated));

    PopulationResult b = result.population("b-cells");
    assertThat(b.path()).isEqualTo("/cells/singlets/leukocytes/lymphocytes/b-cells");
    int matureB = 0;
    for (int e = b.events().nextSetBit(0); e >= 0; e = b.events().nextSetBit(e + 1)) {
      matureB += labels[e] == Population.MATURE_B.code() ? 1 : 0;
    }
    int matureBMade = 0;
    for (byte label : labels) {
      matureBMade += label == Population.MATURE_B.code() ? 1 : 0;
    }
    assertThat((double) matureB / b.count()).as("precision for mature B").isGreaterThan(0.8);
    assertThat((double) matureB / matureBMade).as("recall of mature B").isGreaterThan(0.8);

    PopulationResult lymphocytes = result.population("lymphocytes");
    PopulationResult nonB = result.population("non-b-lymphocytes");
    assertThat(nonB.count() + b.count()).isEqualTo(lymphocytes.count());
    assertThat(b.fractionOfParent()).isEqualTo((double) b.count() / lymphocytes.count());
    assertThat(b.fractionOfDenominator()).isEqualTo((double) b.count() / singlets.count());
    assertThat(result.markerChannels()).containsEntry("CD19", "PE-Cy7-A");
  }
}
