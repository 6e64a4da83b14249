package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsCommandTest {

  @Test
  void fisherPrintsRsTwoSidedPValueForThePublishedTable() throws Exception {
    CliRun r = CliRun.run("stats", "fisher", "--table", "4,6,9,0", "--json");
    assertThat(r.exit()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    // R 4.2.2 fisher.test(matrix(c(4, 6, 9, 0), 2, byrow = TRUE))$p.value (stats-ref)
    assertThat(json.get("p").asDouble()).isCloseTo(0.0108359133126935, within(1e-12));
    assertThat(json.get("odds_ratio").asDouble()).isZero();
    assertThat(json.get("lower").asDouble()).isZero();
  }

  @Test
  void kmOfASmallCohortGivesTheLogLogIntervalOfSeed004(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("a.csv");
    Files.writeString(csv, "t,e\n3,1\n8,0\n10,0\n12,0\n14,0\n16,0\n18,0\n20,0\n22,0\n25,0\n"
        + "27.5,0\n");
    CliRun r = CliRun.run("stats", "km", "--input", csv.toString(), "--time", "t", "--event", "e",
        "--conf-type", "log-log", "--times", "24", "--json");
    assertThat(r.exit()).isZero();
    JsonNode at = new ObjectMapper().readTree(r.out()).get("curves").get(0).get("at_times")
        .get(0);
    // R: summary(survfit(..., conf.type = "log-log"), times = 24): 0.909 (0.508-0.987)
    assertThat(at.get("lower").asDouble()).isCloseTo(0.50808020576993, within(1e-9));
    assertThat(at.get("upper").asDouble()).isCloseTo(0.986673822667823, within(1e-9));
    assertThat(new ObjectMapper().readTree(r.out()).get("logrank").isNull()).isTrue();
  }

  @Test
  void aMissingColumnIsBadInputWithExitCodeTwoAndTheFileNamed(@TempDir Path dir)
      throws Exception {
    Path csv = dir.resolve("b.csv");
    Files.writeString(csv, "t,e\n1,1\n");
    CliRun r = CliRun.run("stats", "cox", "--input", csv.toString(), "--time", "t", "--event", "e",
        "--covariates", "age", "--json");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("b.csv").contains("no column 'age'");
  }
}
