package org.mrdflow.gating.gatingml;

import org.mrdflow.gating.GatingException;

/** A Gating-ML document that cannot be read, or a strategy that cannot be written as one. */
public final class GatingMlException extends GatingException {
  public GatingMlException(String message) {
    super(message);
  }

  public GatingMlException(String message, Throwable cause) {
    super(message, cause);
  }
}
