package org.mrdflow.simulation;

import java.io.IOException;
import java.nio.file.Path;

/** A truth JSON or labels file that does not follow the ground-truth format; names the file. */
public final class TruthFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public TruthFormatException(Path file, String problem) {
    super(file + ": " + problem);
  }
}
