package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateCommandTest {
  private static final Path COMPLIANCE = Path.of(
      System.getProperty("mrdflow.shared", "../../shared"), "gatingml-compliance");

  @Test
  void membershipColumnsEqualTheComplianceTruthFiles(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isDirectory(COMPLIANCE), "no ../shared/gatingml-compliance: skipped");
    Path csv = dir.resolve("membership.csv");
    CliRun r = CliRun.run("gate", "--gatingml",
        COMPLIANCE.resolve("gml/gml_boolean_and2_gate.xml").toString(),
        COMPLIANCE.resolve("data1.fcs").toString(), "--membership", csv.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("/And2");
    List<String> rows = Files.readAllLines(csv);
    assertThat(rows.get(0)).isEqualTo("Polygon1,Ellipse1,Range1,And2");
    List<String> truth = Files.readAllLines(COMPLIANCE.resolve("truth/Results_And2.txt"));
    assertThat(rows).hasSize(truth.size() + 1);
    for (int e = 0; e < truth.size(); e++) {
      assertThat(rows.get(e + 1).split(",")[3]).as("event %d", e).isEqualTo(truth.get(e).trim());
    }
  }

  @Test
  void jsonOutputListsEveryPopulationWithItsCount() {
    assumeTrue(Files.isDirectory(COMPLIANCE), "no ../shared/gatingml-compliance: skipped");
    CliRun r = CliRun.run("gate", "--json", "--gatingml",
        COMPLIANCE.resolve("gml/gml_rect1_gate.xml").toString(),
        COMPLIANCE.resolve("data1.fcs").toString());

    assertThat(r.exit()).as(r.err()).isZero();
    long inTruth = 0;
    try {
      inTruth = Files.readAllLines(COMPLIANCE.resolve("truth/Results_Rectangle1.txt")).stream()
          .filter(l -> l.trim().equals("1")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(r.out()).contains("\"id\" : \"Rectangle1\"", "\"events\" : " + inTruth);
  }

  @Test
  void aBrokenStrategyIsBadInputWithOneLineOnStderr(@TempDir Path dir) throws Exception {
    Path strategy = Files.writeString(dir.resolve("bad.yaml"),
        "populations:\n  - name: a\n    parent: nowhere\n    dimensions: [FSC-A]\n"
            + "    gate: {rectangle: {min: [1], max: [2]}}\n");
    Path fcs = Files.writeString(dir.resolve("x.fcs"), "not read");
    CliRun r = CliRun.run("gate", "--gatingml", strategy.toString(), fcs.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("bad.yaml", "unknown parent 'nowhere'").hasLineCount(1);
  }

  @Test
  void aMissingFcsFileIsBadInput(@TempDir Path dir) throws Exception {
    Path strategy = Files.writeString(dir.resolve("ok.yaml"),
        "populations:\n  - name: a\n    dimensions: [FSC-A]\n"
            + "    gate: {rectangle: {min: [1], max: [2]}}\n");
    CliRun r = CliRun.run("gate", "--gatingml", strategy.toString(), dir.resolve("absent.fcs").toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("absent.fcs").hasLineCount(1);
  }
}
