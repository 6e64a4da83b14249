package org.mrdflow.models;

/**
 * Input a statistical method cannot use: mismatched column lengths, negative times, unknown
 * columns, a malformed CSV. The message names the source (file or argument) and the problem.
 */
public class StatsInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public StatsInputException(String message) {
    super(message);
  }
}
