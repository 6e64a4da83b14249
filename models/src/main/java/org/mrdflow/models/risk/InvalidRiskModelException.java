package org.mrdflow.models.risk;

/** A saved risk model file that cannot be read; the message names the file and the problem. */
public final class InvalidRiskModelException extends IllegalArgumentException {
  public InvalidRiskModelException(String message) {
    super(message);
  }

  public InvalidRiskModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
