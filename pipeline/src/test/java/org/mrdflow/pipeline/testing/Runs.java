package org.mrdflow.pipeline.testing;

import java.nio.file.Path;
import org.mrdflow.pipeline.config.ConfigException;
import org.mrdflow.pipeline.config.RunConfig;

/** The repository's default run configuration, for tests. */
public final class Runs {
  private Runs() {}

  public static RunConfig defaultConfig() {
    try {
      return RunConfig.load(repositoryRoot().resolve("conf/mrdflow.yaml"));
    } catch (ConfigException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Surefire runs in the module folder; conf/ is one level up. */
  public static Path repositoryRoot() {
    return Path.of("").toAbsolutePath().getParent();
  }
}
