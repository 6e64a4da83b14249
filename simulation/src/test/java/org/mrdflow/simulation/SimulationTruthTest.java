package org.mrdflow.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SimulationTruthTest {

  static List<Path> mrdsimTruthFiles() {
    return SharedMrdsim.truthFiles();
  }

  /** index.csv of the dev set, written by mrdsim independently of the truth files' parsing here. */
  private static Map<String, Map<String, String>> index() throws IOException {
    List<String> lines = Files.readAllLines(SharedMrdsim.devDir().resolve("index.csv"));
    String[] header = lines.get(0).split(",", -1);
    Map<String, Map<String, String>> rows = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], cells[i]);
      }
      rows.put(row.get("sample_id"), row);
    }
    return rows;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mrdsimTruthFiles")
  void mrdsimTruthReadsWithHeadlineFieldsEqualToItsIndexAndLabelsCountingToItsPopulations(Path file)
      throws IOException {
    SimulationTruth truth = SimulationTruth.read(file);
    Map<String, String> row = index().get(truth.sampleId());

    assertThat(truth.totalEvents()).isEqualTo(Long.parseLong(row.get("total_events")));
    assertThat(truth.calls().nucleatedSinglets()).isEqualTo(Long.parseLong(row.get("nucleated_singlets")));
    assertThat(truth.calls().blasts()).isEqualTo(Long.parseLong(row.get("blasts")));
    assertThat(truth.calls().mrdCategory()).isEqualTo(row.get("mrd_category"));
    assertThat(truth.calls().mrdCategoryReason()).isEqualTo(row.get("mrd_category_reason"));
    assertThat(truth.profile()).isEqualTo(row.get("profile"));
    assertThat(String.valueOf(truth.calls().bCellAplasia())).isEqualToIgnoringCase(row.get("b_cell_aplasia"));
    assertThat(truth.calls().car19Eligible() == null ? "" : String.valueOf(truth.calls().car19Eligible()))
        .isEqualToIgnoringCase(row.get("car19_eligible"));

    assertThat(truth.labels()).hasSize((int) truth.totalEvents());
    Map<Population, Long> fromLabels = SimulationTruth.countLabels(truth.labels());
    truth.populationCounts().forEach(
        (name, n) -> assertThat(fromLabels.getOrDefault(Population.ofTruthName(name), 0L))
            .as(name).isEqualTo(n));
  }

  @Test
  void aMissingHeadlineFieldIsReportedWithTheFileAndFieldNamed(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.truth.json");
    Files.writeString(file, "{\"sample_id\": \"x\", \"population_counts\": {}}");

    assertThatThrownBy(() -> SimulationTruth.read(file))
        .isInstanceOf(TruthFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("total_events");
  }

  @Test
  void labelsThatDisagreeWithTotalEventsAreRefused(@TempDir Path dir) throws IOException {
    Path source = mrdsimTruthFiles().get(0);
    Path copy = dir.resolve(source.getFileName());
    Files.copy(source, copy);
    String labelsName = source.getFileName().toString().replace(".truth.json", ".labels.bin");
    Files.write(dir.resolve(labelsName), new byte[] {1, 2, 3});

    assertThatThrownBy(() -> SimulationTruth.read(copy))
        .isInstanceOf(TruthFormatException.class)
        .hasMessageContaining("3 labels for total_events");
  }

  @Test
  void notJsonIsATruthFormatError(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("x.truth.json");
    Files.writeString(file, "FCS3.1");

    assertThatThrownBy(() -> SimulationTruth.read(file))
        .isInstanceOf(TruthFormatException.class)
        .hasMessageContaining("not valid JSON");
  }
}
