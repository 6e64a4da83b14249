package org.mrdflow.pipeline.job;

import java.util.Objects;

/** One file could not be analysed: becomes a FAILED samples row with {@link #code()}. */
public final class SampleFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  public SampleFailure(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public SampleFailure(ErrorCode code, String message) {
    this(code, message, null);
  }

  public ErrorCode code() {
    return code;
  }
}
