package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mrdflow analyze} and {@code mrdflow evaluate} on files from {@code mrdflow simulate}. */
class MrdCommandsTest {

  @Test
  void analyzeReportsTheCallAndWritesPlotsAndGatingMl(@TempDir Path dir) throws Exception {
    CliRun sim = CliRun.run("simulate", "--scenario", "classic", "--blast-fraction", "1e-2", "--events",
        "60000", "--instrument", "canto", "--seed", "3", "--out", dir.toString());
    assertThat(sim.exit()).as(sim.err()).isZero();
    Path fcs = dir.resolve("classic-1e-2-r1.fcs");
    JsonNode truth =
        new ObjectMapper().readTree(dir.resolve("classic-1e-2-r1.truth.json").toFile());

    CliRun r = CliRun.run("analyze", fcs.toString(), "--plots", dir.resolve("plots").toString(),
        "--gatingml", dir.resolve("gates.xml").toString(), "--json");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(r.out());
    assertThat(result.get("mrdStatus").asText()).isEqualTo(truth.get("mrd_category").asText());
    assertThat(result.get("blastEvents").asDouble())
        .isCloseTo(truth.get("blasts").asDouble(), Percentage.withPercentage(20));
    assertThat(dir.resolve("plots/classic-1e-2-r1.gating.png")).isNotEmptyFile();
    assertThat(dir.resolve("plots/classic-1e-2-r1.gating.svg")).content().contains("<svg");
    assertThat(Files.readString(dir.resolve("gates.xml"))).contains("gating:Gating-ML", "FSC-A");
  }

  @Test
  void analyzeOfAFileThatIsNotFcsIsBadInputWithOneLineOnStderr(@TempDir Path dir)
      throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.fcs"), "not an FCS file at all");

    CliRun r = CliRun.run("analyze", junk.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("junk.fcs").hasLineCount(1);
  }

  @Test
  void evaluatePrintsOneRowPerSampleAndTheTargets(@TempDir Path dir) {
    CliRun sim = CliRun.run("simulate", "--scenario", "low-cellularity", "--instrument", "navios",
        "--seed", "5", "--out", dir.toString());
    assertThat(sim.exit()).as(sim.err()).isZero();

    CliRun r = CliRun.run("evaluate", "--truth", dir.toString());

    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).contains("lowcell-neg-r1", "lowcell-1e-3-r1",
        "[met] low-cellularity negatives INDETERMINATE");
  }

  @Test
  void evaluateOfAFolderWithoutTruthIsBadInput(@TempDir Path dir) {
    CliRun r = CliRun.run("evaluate", "--truth", dir.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no FCS file with a truth file").hasLineCount(1);
  }
}
