package org.mrdflow.simulation;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The mrdsim development set in the shared reference folder; tests skip when it is absent. */
final class SharedMrdsim {
  private SharedMrdsim() {}

  static Path devDir() {
    String shared = System.getProperty("mrdflow.shared");
    Path dir = shared == null ? null : Path.of(shared, "mrdsim", "dev");
    assumeTrue(dir != null && Files.isDirectory(dir), "../shared/mrdsim/dev not available");
    return dir;
  }

  static List<Path> truthFiles() {
    try (Stream<Path> files = Files.list(devDir())) {
      List<Path> truth = files.filter(p -> p.getFileName().toString().endsWith(".truth.json")).sorted().toList();
      assumeTrue(!truth.isEmpty(), "no truth files in ../shared/mrdsim/dev");
      return truth;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
