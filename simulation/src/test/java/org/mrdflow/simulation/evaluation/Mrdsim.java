package org.mrdflow.simulation.evaluation;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The independent generator (../shared/mrdsim) for tests: {@link #home} skips the test without
 * it, {@link #generate} skips it when python3 with numpy cannot run it.
 */
final class Mrdsim {
  private Mrdsim() {}

  /** mrdsim's directory, from the {@code mrdflow.shared} property; skips the test without it. */
  static Path home() {
    String shared = System.getProperty("mrdflow.shared");
    Path mrdsim = shared == null ? null : Path.of(shared, "mrdsim");
    assumeTrue(mrdsim != null && Files.isRegularFile(mrdsim.resolve("mrdsim.py")),
        "../shared/mrdsim not available");
    return mrdsim;
  }

  /**
   * Generates the samples of {@code config} (relative to mrdsim's directory, or absolute) into
   * {@code out}: all, or only {@code only} when given.
   */
  static void generate(Path mrdsim, String config, Path out, String only)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "mrdsim.py", "--config",
        config, "--out", out.toString()));
    if (only != null) {
      command.addAll(List.of("--only", only));
    }
    String log = (only == null ? "mrdsim" : only) + ".log";
    Process p = new ProcessBuilder(command).directory(mrdsim.toFile()).redirectErrorStream(true)
        .redirectOutput(out.resolve(log).toFile()).start();
    assumeTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0,
        "mrdsim could not generate " + (only == null ? config : only)
            + " (python3 with numpy)");
  }
}
