package org.mrdflow.gating.compensation;

import org.mrdflow.gating.GatingException;

/** A spillover matrix that cannot be read, inverted or applied to the data at hand. */
public final class CompensationException extends GatingException {
  public CompensationException(String message) {
    super(message);
  }
}
