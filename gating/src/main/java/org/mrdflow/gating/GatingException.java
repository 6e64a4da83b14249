package org.mrdflow.gating;

/**
 * Base of every error the gating module reports for bad input: a strategy, panel, matrix or
 * Gating-ML document that cannot be applied. The message always names the offending file,
 * population, channel or matrix so a user can fix it without reading code.
 */
public class GatingException extends RuntimeException {
  public GatingException(String message) {
    super(message);
  }

  public GatingException(String message, Throwable cause) {
    super(message, cause);
  }
}
