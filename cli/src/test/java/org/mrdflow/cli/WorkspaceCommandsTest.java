package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gate --workspace} and {@code workspace list} on the FlowSOM workspace of
 * ../shared/flowjo-workspaces (GPL data, so not copied into the project; skipped without it).
 */
class WorkspaceCommandsTest {
  private static final Path CASE = Path.of(System.getProperty("mrdflow.shared", "../../shared"),
      "flowjo-workspaces", "flowsom", "lymphocytes_comp");

  @Test
  void gateWithAWorkspaceWritesFlowJoPathsAndCountsAndExportsGatingMlThatRegatesTheSame(
      @TempDir Path dir) throws Exception {
    assumeTrue(Files.isDirectory(CASE), "no ../shared/flowjo-workspaces: skipped");
    Path exported = dir.resolve("applied.xml");
    Path membership = dir.resolve("membership.csv");
    // The DataSet URI names lymphocytes.fcs; the file is found by SampleNode name / $FIL.
    CliRun r = CliRun.run("gate", "--json", "--workspace", CASE.resolve("gating.wsp").toString(),
        CASE.resolve("68983.fcs").toString(), "--export", exported.toString(),
        "--membership", membership.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    Map<String, Long> counts = counts(r.out());
    // FlowJo's own counts for the rectangles below the first polygon that it does not reach
    // (expected.csv); the polygon itself is within tolerance (FlowJoImportCountsTest).
    assertThat(counts).containsEntry("/Lymphocytes/Singlets/Singlets2/NK1_1+", 923L)
        .containsEntry("/Lymphocytes/Singlets/Singlets2/NK1_1+/NK cells", 312L)
        .containsEntry("/Lymphocytes/Singlets/Singlets2/NK1_1-/T cells/ab T cells/CD8 T cells",
            1407L)
        .hasSize(15);
    assertThat(Files.readAllLines(membership)).hasSize(19225 + 1);

    CliRun again = CliRun.run("gate", "--json", "--gatingml", exported.toString(),
        CASE.resolve("68983.fcs").toString());
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(counts(again.out())).isEqualTo(counts);
  }

  @Test
  void aSampleThatIsNotInTheWorkspaceIsBadInput() {
    assumeTrue(Files.isDirectory(CASE), "no ../shared/flowjo-workspaces: skipped");
    CliRun r = CliRun.run("gate", "--workspace", CASE.resolve("gating.wsp").toString(),
        "--sample", "nobody.fcs", CASE.resolve("68983.fcs").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no sample named nobody.fcs", "68983.fcs");
  }

  @Test
  void workspaceListShowsSamplesGroupsGatesTransformsAndMatrices() {
    assumeTrue(Files.isDirectory(CASE), "no ../shared/flowjo-workspaces: skipped");
    CliRun r = CliRun.run("workspace", "list", CASE.resolve("gating.wsp").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("FlowJo 10.5.3", "68983.fcs", "lymphocytes.fcs",
        "All Samples", "/Lymphocytes  polygon [FSC-A, SSC-A]", "(68983.fcs=19212)",
        "Comp-PE-A: biex(", "width=-100", "Acquisition-defined prefix 'Comp-'");
  }

  private static Map<String, Long> counts(String json) throws Exception {
    JsonNode root = new ObjectMapper().readTree(json);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (JsonNode population : root.path("populations")) {
      counts.put(population.path("path").asText(), population.path("events").asLong());
    }
    return counts;
  }

}
