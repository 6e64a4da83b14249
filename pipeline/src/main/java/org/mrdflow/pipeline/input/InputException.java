package org.mrdflow.pipeline.input;

/** The run's inputs (folder, glob, manifest) cannot be used; the message names the input. */
public final class InputException extends Exception {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
