package org.mrdflow.gating.compensation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.fcs.SpilloverMatrix;
import org.mrdflow.gating.events.Channel;
import org.mrdflow.gating.events.EventTable;

class CompensationTest {

  private static EventTable table(String[] names, float[][] columns) {
    return new EventTable(java.util.Arrays.stream(names).map(Channel::named).toList(), columns);
  }

  @Test
  void twoColourCompensationMatchesTheHandComputedInverse() {
    // S = [[1, 0.2], [0.1, 1]], det = 0.98, inverse = [[1, -0.2], [-0.1, 1]] / 0.98.
    // Event (FITC, PE) = (100, 50): FITC = (100 - 5) / 0.98, PE = (50 - 20) / 0.98.
    SpilloverMatrix spill = SpilloverMatrix.of("test", List.of("FITC-A", "PE-A"),
        new double[][] {{1, 0.2}, {0.1, 1}});
    EventTable raw = table(new String[] {"FSC-A", "PE-A", "FITC-A"},
        new float[][] {{7}, {50}, {100}});
    EventTable compensated = Compensation.of(spill).apply(raw);
    assertThat((double) compensated.column("FITC-A")[0]).isCloseTo(95 / 0.98, within(1e-4));
    assertThat((double) compensated.column("PE-A")[0]).isCloseTo(30 / 0.98, within(1e-4));
    assertThat(compensated.column("FSC-A")).isSameAs(raw.column("FSC-A"));
    assertThat(raw.column("FITC-A")[0]).as("input untouched").isEqualTo(100f);
  }

  @Test
  void detectorsAreMatchedByNameWhateverTheirColumnOrder() {
    SpilloverMatrix spill = SpilloverMatrix.of("test", List.of("A", "B"),
        new double[][] {{1, 0.5}, {0, 1}});
    EventTable one = table(new String[] {"A", "B"}, new float[][] {{10}, {20}});
    EventTable other = table(new String[] {"B", "A"}, new float[][] {{20}, {10}});
    Compensation compensation = Compensation.of(spill);
    // B = 20 - 0.5 * 10 = 15 in both layouts.
    assertThat(compensation.apply(one).column("B")[0]).isEqualTo(15f);
    assertThat(compensation.apply(other).column("B")[0]).isEqualTo(15f);
  }

  @Test
  void singularMissingAndMalformedMatricesAreClearErrors() {
    SpilloverMatrix singular = SpilloverMatrix.of("file.fcs $SPILLOVER", List.of("A", "B"),
        new double[][] {{1, 1}, {1, 1}});
    assertThatThrownBy(() -> Compensation.of(singular))
        .isInstanceOf(CompensationException.class).hasMessageContaining("singular")
        .hasMessageContaining("file.fcs");
    SpilloverMatrix fine = SpilloverMatrix.of("m", List.of("A", "C"),
        new double[][] {{1, 0}, {0, 1}});
    assertThatThrownBy(() -> Compensation.of(fine).apply(
        table(new String[] {"A", "B"}, new float[][] {{1}, {2}})))
        .isInstanceOf(CompensationException.class)
        .hasMessageContaining("[C]").hasMessageContaining("[A, B]");
    assertThatThrownBy(() -> SpilloverMatrix.of("k", List.of("A", "B"),
        new double[][] {{1, 0}, {0}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k: ")
        .hasMessageContaining("row 2");
  }

  @Test
  void aUserMatrixFileWithRowNamesIsRead(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("comp.csv");
    Files.writeString(csv, ",\"FITC-A\",\"PE-A\"\n\"FITC-A\",1,0.2\n\"PE-A\",0.1,1\n");
    SpilloverMatrix matrix = SpilloverCsv.read(csv);
    assertThat(matrix.detectors()).isEqualTo(List.of("FITC-A", "PE-A"));
    assertThat(matrix.values()[0][1]).isEqualTo(0.2);
  }
}
