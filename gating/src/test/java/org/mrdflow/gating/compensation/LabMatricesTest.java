package org.mrdflow.gating.compensation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mrdflow.gating.GatingException;

class LabMatricesTest {
  private static final String TWO_NAVIOS = """
      matrices:
        - id: navios-ax1-2026
          cytometer: Navios
          serial: AX1
          valid_from: 2026-01-01
          valid_to: 2026-06-30
          detectors: [FL1-A, FL2-A]
          matrix: [[1.0, 0.2], [0.01, 1.0]]
        - id: navios-any
          cytometer: navios
          detectors: [FL1-A, FL2-A]
          matrix: [[1.0, 0.25], [0.0, 1.0]]
      """;

  private static LabMatrices parse(String yaml) {
    return LabMatrices.parse("lab.yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aFileIsMatchedByCytometerSerialAndAcquisitionDateFirstEntryFirst() {
    LabMatrices lab = parse(TWO_NAVIOS);
    assertThat(lab.find("Navios", "AX1", "15-MAR-2026")).map(LabMatrices.Entry::id)
        .contains("navios-ax1-2026");
    // Outside the validity range, another serial, or no readable date: the undated entry.
    assertThat(lab.find("Navios", "AX1", "01-Jul-2026")).map(LabMatrices.Entry::id)
        .contains("navios-any");
    assertThat(lab.find(" NAVIOS ", "AX2", "15-MAR-2026")).map(LabMatrices.Entry::id)
        .contains("navios-any");
    assertThat(lab.find("Navios", "AX1", "2026/03/15")).map(LabMatrices.Entry::id)
        .contains("navios-any");
    // FCS 2.0 two-digit years.
    assertThat(lab.find("Navios", "AX1", "15-Mar-26")).map(LabMatrices.Entry::id)
        .contains("navios-ax1-2026");
    assertThat(lab.find("FACSCanto II", "AX1", "15-MAR-2026")).isEmpty();
    assertThat(lab.find(null, null, null)).isEmpty();
    assertThat(lab.find("Navios", "AX1", "15-MAR-2026").orElseThrow().matrix().value(0, 1))
        .isEqualTo(0.2);
  }

  @Test
  void aMalformedMatrixIsRefusedNamingTheEntry() {
    assertThatThrownBy(() -> parse("""
        matrices:
          - {id: bad, cytometer: X, detectors: [A, B], matrix: [[1.0, 0.1]]}
        """)).isInstanceOf(GatingException.class).hasMessageContaining("bad");
    assertThatThrownBy(() -> parse("""
        matrices:
          - {id: late, cytometer: X, valid_from: March, detectors: [A], matrix: [[1.0]]}
        """)).isInstanceOf(GatingException.class).hasMessageContaining("valid_from");
  }

  @Test
  void theShippedFileConfiguresNoMatrixSoFilesWithoutAKeywordStayUncompensated()
      throws Exception {
    Path shipped = Path.of("../conf/compensation/lab-matrices.yaml");
    try (var in = Files.newInputStream(shipped)) {
      assertThat(LabMatrices.parse(shipped.toString(), in).entries()).isEmpty();
    }
  }
}
