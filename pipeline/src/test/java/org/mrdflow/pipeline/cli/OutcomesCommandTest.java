package org.mrdflow.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Argument checks of {@code mrdflow outcomes}; the Spark path is covered by OutcomesJobTest. */
class OutcomesCommandTest {

  private record Run(int exit, String err) {}

  private static Run run(String... args) {
    CommandLine cli = MrdflowCli.commandLine();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    return new Run(cli.execute(args), err.toString());
  }

  @Test
  void withoutInputsOrSimulationTheCommandExplainsAndExitsTwo() {
    Run r = run("outcomes", "--output", "/tmp/unused-outcomes");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("outcomes: give either --results DIR and --clinical FILE, or --simulate");
  }

  @Test
  void simulationAndInputsTogetherAreRefused() {
    Run r = run("outcomes", "--simulate", "--results", "x", "--clinical", "y.csv", "--output", "/tmp/unused-outcomes");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("give either");
  }

  @Test
  void aSingleFoldIsABadSetting() {
    Run r = run("outcomes", "--simulate", "--folds", "1", "--output", "/tmp/unused-outcomes");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("outcomes: need folds >= 2, repeats >= 1, calibrationGroups >= 1; got 1, 10, 5");
  }
}
