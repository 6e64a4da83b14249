package org.mrdflow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.mrdflow.fcs.FcsException;

/** What several commands print the same way: JSON documents and the FCS bad-input line. */
final class CliOutput {
  private static final ObjectMapper COMPACT = new ObjectMapper();
  private static final ObjectMapper INDENTED =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CliOutput() {}

  /** Prints {@code value} as JSON: indented for reading, or on one line (benchmark logs). */
  static void printJson(PrintWriter out, Object value, boolean indented)
      throws JsonProcessingException {
    out.println((indented ? INDENTED : COMPACT).writeValueAsString(value));
  }

  /**
   * Reports an FCS file that could not be read as one line on stderr naming it, and returns exit
   * code 2 (bad input). An {@link FcsException} message already names the file.
   */
  static int unreadableFcs(PrintWriter err, Path file, IOException e) {
    if (e instanceof FcsException) {
      err.println(e.getMessage());
    } else if (e instanceof NoSuchFileException) {
      err.println(file + ": no such file");
    } else {
      err.println(file + ": cannot read: " + e.getMessage());
    }
    return 2;
  }
}
