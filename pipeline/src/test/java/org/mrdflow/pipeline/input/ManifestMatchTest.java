package org.mrdflow.pipeline.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestMatchTest {
  private static ManifestRow row(int line, String file) {
    return new ManifestRow(line, file, "P" + line, "S" + line, LocalDate.of(2026, 1, line), "pre-HSCT", Map.of());
  }

  private final List<InputFile> files = List.of(
      new InputFile("file:/data/n1/a.fcs", "n1/a.fcs", 10),
      new InputFile("file:/data/n2/a.fcs", "n2/a.fcs", 10),
      new InputFile("file:/data/n2/b.fcs", "n2/b.fcs", 10),
      new InputFile("file:/data/n2/c.fcs", "n2/c.fcs", 10));

  @Test
  void namesMatchByFileNamePathsBySuffixAndAmbiguousNamesMatchNothing() {
    Manifest manifest = new Manifest("m.csv", List.of(
        row(1, "b.fcs"), row(2, "n1/a.fcs"), row(3, "/data/n2/c.fcs"), row(4, "a.fcs"), row(5, "zzz.fcs")));

    ManifestMatch match = ManifestMatch.of(manifest, files);

    assertThat(match.byFile()).containsOnlyKeys("file:/data/n2/b.fcs", "file:/data/n1/a.fcs", "file:/data/n2/c.fcs");
    assertThat(match.byFile().get("file:/data/n1/a.fcs").line()).isEqualTo(2);
    assertThat(match.unmatchedFiles()).extracting(InputFile::relativePath).containsExactly("n2/a.fcs");
    assertThat(match.unusedRows()).extracting(ManifestRow::file).containsExactly("a.fcs", "zzz.fcs");
  }
}
