package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Argument checks of {@code mrdflow outcomes}; the Spark path is covered by OutcomesJobTest. */
class OutcomesCommandTest {

  @Test
  void withoutInputsOrSimulationTheCommandExplainsAndExitsTwo() {
    CliRun r = CliRun.run("outcomes", "--output", "/tmp/unused-outcomes");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("outcomes: give either --results DIR and --clinical FILE, or --simulate");
  }

  @Test
  void simulationAndInputsTogetherAreRefused() {
    CliRun r = CliRun.run("outcomes", "--simulate", "--results", "x", "--clinical", "y.csv", "--output", "/tmp/unused-outcomes");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("give either");
  }

  @Test
  void aSingleFoldIsABadSetting() {
    CliRun r = CliRun.run("outcomes", "--simulate", "--folds", "1", "--output", "/tmp/unused-outcomes");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("outcomes: need folds >= 2, repeats >= 1, calibrationGroups >= 1; got 1, 10, 5");
  }
}
