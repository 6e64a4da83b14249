package org.mrdflow.cli;

import java.nio.file.Path;

/** Where MRDFlow is installed: {@code bin/mrdflow} sets {@code mrdflow.home}; else the working directory. */
final class Installation {
  private Installation() {}

  static Path home() {
    String home = System.getProperty("mrdflow.home");
    return home != null ? Path.of(home) : Path.of("").toAbsolutePath();
  }
}
