package org.mrdflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code timeline} is refused before Spark starts, in one line naming what is wrong. */
class TimelineCommandTest {

  @TempDir Path tmp;

  @Test
  void aFolderThatIsNoWarehouseIsABadInputNamingTheFolder() {
    CliRun r = CliRun.run("timeline", "--warehouse", tmp.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("timeline: " + tmp + ": no 'mrd_results' table (expected a pipeline output folder)"
        + System.lineSeparator());
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aMissingClinicalTableIsABadInputNamingTheFile() throws Exception {
    Files.createDirectories(tmp.resolve("mrd_results"));
    Files.createDirectories(tmp.resolve("samples"));
    Path clinical = tmp.resolve("clinical.csv");
    CliRun r = CliRun.run("timeline", "--warehouse", tmp.toString(), "--clinical", clinical.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("timeline: " + clinical + ": clinical table not found" + System.lineSeparator());
  }

  @Test
  void theWarehouseIsRequired() {
    CliRun r = CliRun.run("timeline");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required option: '--warehouse=DIR'");
  }
}
