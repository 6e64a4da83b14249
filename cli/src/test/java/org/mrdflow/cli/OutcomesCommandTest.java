package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.pipeline.testing.TestSpark;

/**
 * Argument checks of {@code mrdflow outcomes}, and its terminal summary; the analyses themselves
 * are covered by OutcomesJobTest and the models module.
 */
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

  /**
   * The terminal leads with the time-dependent hazard ratios, as the HTML does; the naive 2-year
   * LFS from infusion comes after them, labelled as biased (issue 15, item 4).
   */
  @Test
  void theSummaryLeadsWithTheTimeDependentAnalysisAndLabelsTheNaiveOneBiased(@TempDir Path out) {
    TestSpark.session(); // the test JVM's one session; the command reuses it and leaves it running
    CliRun r = CliRun.run("outcomes", "--simulate", "--folds", "2", "--repeats", "1", "--output", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    java.util.List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("LFS hazard ratio, transplant:").endsWith("time-dependent Cox, robust SE");
    assertThat(lines.get(1)).startsWith("LFS hazard ratio, MRD-positive marrow:");
    assertThat(lines.stream().filter(l -> l.startsWith("2-year LFS")))
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(l -> assertThat(l).endsWith("(naive, from infusion: biased by immortal time)")
            .doesNotContain("NaN"));
  }
}
