package org.mrdflow.pipeline.job;

import java.util.Map;
import java.util.Objects;

/**
 * One file could not be analysed: becomes a FAILED samples row with {@link #code()}. When the
 * file was parsed before the failure (e.g. a missing marker), {@link #parsed()} keeps what was
 * read, so the row still tells the FCS version, instrument and event count.
 */
public final class SampleFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;
  private final transient ParsedFcs parsed;

  /** What was read of a file before its analysis failed. */
  public record ParsedFcs(String fcsVersion, Map<String, String> keywords, long totalEvents) {
    public ParsedFcs {
      keywords = Map.copyOf(keywords);
    }
  }

  public SampleFailure(ErrorCode code, String message, Throwable cause, ParsedFcs parsed) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.parsed = parsed;
  }

  public SampleFailure(ErrorCode code, String message, Throwable cause) {
    this(code, message, cause, null);
  }

  public SampleFailure(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  public ErrorCode code() {
    return code;
  }

  /** The parsed file, or null when the failure came before or during parsing. */
  public ParsedFcs parsed() {
    return parsed;
  }
}
