package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare} end to end on a simulated marrow of ../shared/mrdsim/dev (skipped without it),
 * with a small FlowJo-10-shaped workspace written here: cells on FSC-A, blasts as CD10 (PE-A)
 * bright CD19 (PE-Cy7-A) positive compensated events, a CD19+ gate for the B lineage.
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
