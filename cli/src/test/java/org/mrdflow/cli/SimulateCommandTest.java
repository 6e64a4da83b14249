package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

  @Test
  void simulateWritesFcsLabelsAndTruthForEverySampleOfTheScenario(@TempDir Path dir) {
    CliRun r = CliRun.run("simulate", "--scenario", "low-cellularity", "--events", "5000", "--instrument", "navios",
        "--out", dir.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    for (String id : new String[] {"lowcell-neg-r1", "lowcell-1e-3-r1"}) {
      assertThat(dir.resolve(id + ".fcs")).exists();
      assertThat(dir.resolve(id + ".labels.bin")).hasSize(5000);
      assertThat(dir.resolve(id + ".truth.json")).exists();
      assertThat(r.out()).contains(id + "\tnavios\t5000\t");
    }
  }

  @Test
  void helpListsEveryScenario() {
    CliRun r = CliRun.run("simulate", "--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("normal", "regenerating", "aplasia", "dilution", "cd19-negative",
        "mixed80", "mixed97", "low-cellularity", "demo");
  }

  @Test
  void anUnknownScenarioIsBadInputWithOneLineOnStderr(@TempDir Path dir) {
    CliRun r = CliRun.run("simulate", "--scenario", "leukemia", "--out", dir.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown scenario leukemia").hasLineCount(1);
  }

  @Test
  void anOutputPathThatIsAFileIsBadInput(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    CliRun r = CliRun.run("simulate", "--scenario", "normal", "--events", "2000", "--out", file.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(file.toString());
  }
}
