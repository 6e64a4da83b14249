package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.pipeline.testing.Runs;

/**
 * {@code compare} end to end: on a simulated marrow of ../shared/mrdsim/dev (skipped without it)
 * with a small FlowJo-10-shaped workspace written here (cells on FSC-A, blasts as CD10 (PE-A)
 * bright CD19 (PE-Cy7-A) positive compensated events, a CD19+ gate for the B lineage); and,
 * always, on our simulator's files with a {@link TruthWorkspace}: a broken workspace, and a
 * run's results as the automated side.
 */
class CompareCommandTest {
  private static final Path DEV =
      Path.of(System.getProperty("mrdflow.shared", "../../shared"), "mrdsim", "dev");
  private static final String FILE = "dev-arch-B-1e-3.fcs";

  @Test
  void comparisonAgreesWithGateWorkspaceAndItsOwnStatistics(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isRegularFile(DEV.resolve(FILE)), "no ../shared/mrdsim/dev: skipped");
    Path workspace = Files.writeString(dir.resolve("lab.wsp"), workspace());
    Path mapping = Files.writeString(dir.resolve("mapping.yaml"), """
        denominator: /Cells
        blasts: /Cells/CD19+/Blasts
        b_lineage: /Cells/CD19+
        cd19_blasts: /Cells/CD19+/Blasts
        """);
    Path out = dir.resolve("out");
    CliRun r = CliRun.run("compare", "--workspace", workspace.toString(), "--mapping",
        mapping.toString(), "--input", DEV.toString(), "--output", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("S001", "PPA"); // kappa needs 2 or more samples
    assertThat(r.out()).doesNotContain(FILE); // no file names unless asked

    CliRun gate = CliRun.run("gate", "--json", "--workspace", workspace.toString(),
        DEV.resolve(FILE).toString());
    assertThat(gate.exit()).as(gate.err()).isZero();
    JsonNode populations = new ObjectMapper().readTree(gate.out()).path("populations");
    long cells = -1;
    long blasts = -1;
    long bLineage = -1;
    for (JsonNode p : populations) {
      switch (p.path("path").asText()) {
        case "/Cells" -> cells = p.path("events").asLong();
        case "/Cells/CD19+/Blasts" -> blasts = p.path("events").asLong();
        case "/Cells/CD19+" -> bLineage = p.path("events").asLong();
        default -> { }
      }
    }
    JsonNode report = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
    JsonNode row = report.path("samples").get(0);
    assertThat(row.path("manual_denominator_events").asLong()).isEqualTo(cells);
    assertThat(row.path("manual_blast_events").asLong()).isEqualTo(blasts).isPositive();
    assertThat(row.path("manual_blineage_events").asLong()).isEqualTo(bLineage);
    assertThat(row.path("manual_mrd").asDouble()).isEqualTo((double) blasts / cells);
    // Precision and recall count the same shared events from both sides.
    double shared = row.path("blast_recall").asDouble() * blasts;
    assertThat(row.path("blast_precision").asDouble() * row.path("automated_blast_events")
        .asLong()).isCloseTo(shared, within(1e-6));
    assertThat(row.path("manual_cd19_pos_blast_fraction").asDouble()).isEqualTo(1.0);
    JsonNode agreement = report.path("agreement");
    long[] categories = new long[3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        categories[i] += agreement.path("table").get(i).get(j).asLong();
      }
    }
    assertThat(categories[0] + categories[1] + categories[2]).isEqualTo(1);
    // One sample: no log10 plots (they need 3 samples detected by both).
    assertThat(Files.readString(out.resolve("compare.html"))).contains("Per sample", "Positive percent agreement");
    try (Stream<Path> parts = Files.list(out.resolve("compare_samples"))) {
      assertThat(parts.map(p -> p.getFileName().toString()))
          .anyMatch(name -> name.endsWith(".parquet"));
    }
  }

  @Test
  void aMappingThatNamesAPopulationTheWorkspaceLacksFailsThatSampleByName(@TempDir Path dir)
      throws Exception {
    assumeTrue(Files.isRegularFile(DEV.resolve(FILE)), "no ../shared/mrdsim/dev: skipped");
    Path workspace = Files.writeString(dir.resolve("lab.wsp"), workspace());
    Path mapping = Files.writeString(dir.resolve("mapping.yaml"),
        "denominator: /Cells\nblasts: /Cells/Leukemia\n");
    CliRun r = CliRun.run("compare", "--workspace", workspace.toString(), "--mapping",
        mapping.toString(), "--input", DEV.toString(), "--output", dir.resolve("o").toString(),
        "--no-parquet");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("S001", "blasts population /Cells/Leukemia");
  }

  /**
   * A workspace with a missing file, an unknown parameter, an unsupported transform and an
   * unsupported gate type: each is a typed problem naming the sample (by id) and the gate; the
   * rest is compared; exit 3 (partial).
   */
  @Test
  void aBrokenWorkspaceGivesTypedProblemsPerSampleAndComparesTheRest(@TempDir Path dir)
      throws Exception {
    Path study = truthStudy(dir, 4);
    Path wsp = study.resolve("lab.wsp");
    String[] samples = Files.readString(wsp).split("(?=    <Sample>)");
    // samples[0] is the head; samples[1..4] one sample each, in file order.
    samples[1] = samples[1].replaceFirst("uri=\"[^\"]*\"", "uri=\"file:/C:/lab/gone.fcs\"")
        .replaceFirst("SampleNode name=\"[^\"]*\"", "SampleNode name=\"gone.fcs\"");
    samples[2] = samples[2].replace("<Population name=\"Hematogones\"", """
        <Population name="CD99+"><Gate gating:id="X1"><gating:RectangleGate>
          <gating:dimension gating:min="1000"><data-type:fcs-dimension data-type:name="CD99-A"/>
          </gating:dimension></gating:RectangleGate></Gate></Population>
        <Population name="Hematogones\"""");
    samples[3] = samples[3].replace("<SampleNode", """
        <Transformations><transforms:miltenyi transforms:T="262144">
          <data-type:parameter data-type:name="SSC-A"/></transforms:miltenyi></Transformations>
        <SampleNode""").replace("<Population name=\"CD19- blasts\"", """
        <Population name="Lymphs"><Gate gating:id="X2"><gating:PolygonGate>
          <gating:dimension><data-type:fcs-dimension data-type:name="FSC-A"/></gating:dimension>
          <gating:dimension><data-type:fcs-dimension data-type:name="SSC-A"/></gating:dimension>
          <gating:vertex><gating:coordinate data-type:value="0"/><gating:coordinate data-type:value="0"/></gating:vertex>
          <gating:vertex><gating:coordinate data-type:value="90000"/><gating:coordinate data-type:value="0"/></gating:vertex>
          <gating:vertex><gating:coordinate data-type:value="90000"/><gating:coordinate data-type:value="40000"/></gating:vertex>
          </gating:PolygonGate></Gate></Population>
        <Population name="CD19- blasts\"""");
    // The mapped CD19- blasts gate of the last sample is a spline FlowJo may write, not imported.
    samples[4] = samples[4].replaceFirst(
        "(<Population name=\"CD19- blasts\"[^>]*><Gate gating:id=\"[^\"]*\">)<gating:RectangleGate>"
            + "(.*?)</gating:RectangleGate>", "$1<gating:SplineGate>$2</gating:SplineGate>");
    Files.writeString(wsp, String.join("", samples));

    CliRun r = CliRun.run("compare", "--workspace", wsp.toString(), "--mapping",
        study.resolve("mapping.yaml").toString(), "--input", study.toString(), "--output",
        dir.resolve("out").toString(), "--no-parquet");

    assertThat(r.exit()).as(r.err()).isEqualTo(3);
    JsonNode rows = new ObjectMapper().readTree(dir.resolve("out/compare.json").toFile())
        .path("samples");
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0).path("error").asText())
        .startsWith("MISSING_FILE: sample S001: no FCS file in the input folder");
    assertThat(rows.get(1).path("error").isNull()).isTrue();
    assertThat(rows.get(1).path("import_problems").asText()).isEqualTo("UNKNOWN_PARAMETER: "
        + "sample S002, gate /Nucleated/B lineage/CD99+: parameter CD99-A is not in the file "
        + "(channels: " + String.join(", ", channels(study)) + ")");
    assertThat(rows.get(1).path("manual_blast_events").asLong())
        .isEqualTo(truth(study, 1).path("blasts").asLong());
    assertThat(rows.get(2).path("error").isNull()).isTrue();
    assertThat(rows.get(2).path("import_problems").asText()).startsWith("UNSUPPORTED_TRANSFORM: "
        + "sample S003, gate /Nucleated/Lymphs: axis SSC-A:").contains("transform miltenyi is "
        + "not supported");
    assertThat(rows.get(3).path("error").asText()).isEqualTo("S004: the mapping's blasts "
        + "population /Nucleated/CD19- blasts is not in the workspace sample (or could not be "
        + "imported); populations: " + "/Nucleated, /Nucleated/B lineage, /Nucleated/B lineage/"
        + "Hematogones, /Nucleated/B lineage/CD19+ blasts because of UNSUPPORTED_GATE: sample "
        + "S004, gate /Nucleated/CD19- blasts: gate element <SplineGate> is not supported");
    assertThat(rows.get(3).path("import_problems").asText()).startsWith("UNSUPPORTED_GATE");
    // Two samples compared: the statistics cover them only.
    JsonNode table = new ObjectMapper().readTree(dir.resolve("out/compare.json").toFile())
        .path("agreement").path("table");
    long compared = 0;
    for (JsonNode row : table) {
      for (JsonNode cell : row) {
        compared += cell.asLong();
      }
    }
    assertThat(compared).isEqualTo(2);
    assertThat(r.err()).contains("UNKNOWN_PARAMETER: sample S002", "MISSING_FILE: sample S001")
        .doesNotContain(".fcs");
    assertThat(Files.readString(dir.resolve("out/compare.html")))
        .contains("UNSUPPORTED_TRANSFORM: sample S003", "x not compared");
  }

  /**
   * {@code --results} of a run equals {@code --input} on the same files, sample for sample,
   * except the per-event scores (a run's tables do not label events) and the automated B
   * lineage; a file the run did not analyse (other bytes) is a row saying so.
   */
  @Test
  void comparingWithARunsResultsEqualsAFreshAnalysis(@TempDir Path dir) throws Exception {
    Path study = truthStudy(dir, 3);
    Path warehouse = dir.resolve("warehouse");
    CliRun run = CliRun.run("run", "--input", study.toString(), "--output", warehouse.toString(),
        "--conf", Runs.repositoryRoot().resolve("conf/mrdflow.yaml").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    // After the run, one file changes content: the run has no result for its bytes.
    List<Path> files;
    try (Stream<Path> listing = Files.list(study)) {
      files = listing.filter(p -> p.toString().endsWith(".fcs")).sorted().toList();
    }
    Path changed = files.get(2);
    byte[] bytes = Files.readAllBytes(changed);
    Files.write(changed, java.util.Arrays.copyOf(bytes, bytes.length + 1)); // a trailing byte

    Path fresh = dir.resolve("fresh");
    Path fromRun = dir.resolve("from-run");
    CliRun a = CliRun.run("compare", "--workspace", study.resolve("lab.wsp").toString(),
        "--mapping", study.resolve("mapping.yaml").toString(), "--input", study.toString(),
        "--output", fresh.toString(), "--no-parquet");
    CliRun b = CliRun.run("compare", "--workspace", study.resolve("lab.wsp").toString(),
        "--mapping", study.resolve("mapping.yaml").toString(), "--results",
        warehouse.toString(), "--output", fromRun.toString());
    assertThat(a.exit()).as(a.err()).isZero();
    assertThat(b.exit()).as(b.err()).isEqualTo(3);
    JsonNode freshRows = new ObjectMapper().readTree(fresh.resolve("compare.json").toFile())
        .path("samples");
    JsonNode runRows = new ObjectMapper().readTree(fromRun.resolve("compare.json").toFile())
        .path("samples");
    for (int i = 0; i < 2; i++) {
      ObjectNode expected = (ObjectNode) freshRows.get(i).deepCopy();
      for (String field : List.of("blast_precision", "blast_recall", "blast_f1",
          "denominator_precision", "denominator_recall", "denominator_f1")) {
        expected.put(field, "NaN");
      }
      expected.put("automated_blineage_events", -1);
      assertThat(runRows.get(i)).isEqualTo(expected);
      assertThat(freshRows.get(i).path("blast_f1").isNumber()
          || freshRows.get(i).path("automated_blast_events").asLong() == 0).isTrue();
    }
    assertThat(runRows.get(2).path("error").asText())
        .isEqualTo("S003: the run has no result for this file's content (samples.file_sha256)");
    assertThat(fromRun.resolve("compare_samples")).isDirectory();
    CliRun neither = CliRun.run("compare", "--workspace", "w.wsp", "--mapping", "m.yaml",
        "--output", "o");
    CliRun both = CliRun.run("compare", "--workspace", "w.wsp", "--mapping", "m.yaml",
        "--input", "i", "--results", "r", "--output", "o");
    assertThat(neither.exit()).isEqualTo(2);
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
  }

  /** The first {@code files} samples of our simulator's demo batch as a truth study. */
  private static Path truthStudy(Path dir, int files) throws IOException {
    Path simulated = dir.resolve("simulated");
    CliRun sim = CliRun.run("simulate", "--scenario", "demo", "--events", "60000", "--seed",
        "7", "--out", simulated.toString());
    assertThat(sim.exit()).as(sim.err()).isZero();
    List<Path> extra;
    try (Stream<Path> listing = Files.list(simulated)) {
      extra = listing.filter(p -> p.toString().endsWith(".fcs")).sorted().skip(files).toList();
    }
    for (Path fcs : extra) {
      Files.delete(fcs);
    }
    Path study = dir.resolve("study");
    TruthWorkspace.write(simulated, study);
    return study;
  }

  private static List<String> channels(Path study) throws IOException {
    try (Stream<Path> listing = Files.list(study)) {
      Path second = listing.filter(p -> p.toString().endsWith(".fcs")).sorted().skip(1)
          .findFirst().orElseThrow();
      return org.mrdflow.gating.events.FcsEvents.read(second).events().channelNames();
    }
  }

  private static JsonNode truth(Path study, int index) throws IOException {
    try (Stream<Path> listing = Files.list(study)) {
      Path file = listing.filter(p -> p.toString().endsWith(".truth.json")).sorted()
          .skip(index).findFirst().orElseThrow();
      return new ObjectMapper().readTree(file.toFile());
    }
  }

  private static String workspace() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <Workspace version="20.0" flowJoVersion="10.8.1"
            xmlns:gating="http://www.isac-net.org/std/Gating-ML/v2.0/gating"
            xmlns:transforms="http://www.isac-net.org/std/Gating-ML/v2.0/transformations"
            xmlns:data-type="http://www.isac-net.org/std/Gating-ML/v2.0/datatypes">
          <Groups><GroupNode name="All Samples"><Group name="All Samples"><SampleRefs>
            <SampleRef sampleID="1"/></SampleRefs></Group></GroupNode></Groups>
          <SampleList><Sample>
            <DataSet uri="file:/C:/lab/%s" sampleID="1"/>
            <Transformations>
              <transforms:biex transforms:length="256" transforms:maxRange="262144"
                  transforms:neg="0" transforms:width="-100" transforms:pos="4.418539922">
                <data-type:parameter data-type:name="Comp-PE-A"/></transforms:biex>
            </Transformations>
            <SampleNode name="%s" sampleID="1" count="-1"><Subpopulations>
              <Population name="Cells" count="-1"><Gate gating:id="G1"><gating:RectangleGate>
                <gating:dimension gating:min="20000"><data-type:fcs-dimension
                  data-type:name="FSC-A"/></gating:dimension></gating:RectangleGate></Gate>
                <Subpopulations>
                  <Population name="CD19+" count="-1"><Gate gating:id="G2">
                    <gating:RectangleGate><gating:dimension gating:min="1000">
                      <data-type:fcs-dimension data-type:name="Comp-PE-Cy7-A"/>
                    </gating:dimension></gating:RectangleGate></Gate>
                    <Subpopulations>
                      <Population name="Blasts" count="-1"><Gate gating:id="G3">
                        <gating:PolygonGate><gating:dimension><data-type:fcs-dimension
                          data-type:name="Comp-PE-A"/></gating:dimension>
                          <gating:dimension><data-type:fcs-dimension
                          data-type:name="SSC-A"/></gating:dimension>
                          <gating:vertex><gating:coordinate data-type:value="5000"/>
                            <gating:coordinate data-type:value="0"/></gating:vertex>
                          <gating:vertex><gating:coordinate data-type:value="262144"/>
                            <gating:coordinate data-type:value="0"/></gating:vertex>
                          <gating:vertex><gating:coordinate data-type:value="262144"/>
                            <gating:coordinate data-type:value="60000"/></gating:vertex>
                          <gating:vertex><gating:coordinate data-type:value="5000"/>
                            <gating:coordinate data-type:value="60000"/></gating:vertex>
                        </gating:PolygonGate></Gate></Population>
                    </Subpopulations></Population>
                </Subpopulations></Population>
            </Subpopulations></SampleNode>
          </Sample></SampleList>
        </Workspace>
        """.formatted(FILE, FILE);
  }
}
