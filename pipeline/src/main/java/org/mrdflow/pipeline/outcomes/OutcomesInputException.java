package org.mrdflow.pipeline.outcomes;

/** An input of {@code mrdflow outcomes} that cannot be used; the message names the file. */
public final class OutcomesInputException extends RuntimeException {
  public OutcomesInputException(String message) {
    super(message);
  }

  public OutcomesInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
