package org.mrdflow.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.pipeline.testing.Runs;

class RunConfigTest {
  private static final Path REPOSITORY_CONFIG = Runs.repositoryRoot().resolve("conf/mrdflow.yaml");

  @Test
  void withoutAnInstallationFolderTheBundledCopyOfConfMrdflowYamlIsUsed(@TempDir Path nowhere)
      throws Exception {
    RunConfig bundled = RunConfig.loadDefault(nowhere);
    RunConfig repository = RunConfig.load(REPOSITORY_CONFIG);

    assertThat(bundled.source()).isEqualTo(RunConfig.BUNDLED);
    assertThat(bundled.analysis()).isEqualTo(repository.analysis());
    assertThat(bundled.privacy()).isEqualTo(repository.privacy());
    assertThat(bundled.job()).isEqualTo(repository.job());
    assertThat(bundled.toJson().get("source").asText()).isEqualTo(
        "bundled in the jar: conf/mrdflow.yaml");
  }

  @Test
  void anInstallationsOwnConfigWinsOverTheBundledOne(@TempDir Path home) throws Exception {
    Files.createDirectories(home.resolve("conf"));
    Files.writeString(home.resolve("conf/mrdflow.yaml"),
        Files.readString(REPOSITORY_CONFIG).replace("tasks_per_core: 4", "tasks_per_core: 7"));

    RunConfig config = RunConfig.loadDefault(home);

    assertThat(config.job().tasksPerCore()).isEqualTo(7);
    assertThat(config.source()).isEqualTo(home.resolve("conf/mrdflow.yaml"));
  }

  @Test
  void aMissingOrUnknownKeyIsAnErrorNamingTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, Files.readString(REPOSITORY_CONFIG)
        .replace("tasks_per_core: 4", "tasks_per_core: 4\n  task_per_core: 5"));

    assertThatThrownBy(() -> RunConfig.load(file)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("task_per_core");
    assertThatThrownBy(() -> RunConfig.load(dir.resolve("none.yaml")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("not found");
  }
}
