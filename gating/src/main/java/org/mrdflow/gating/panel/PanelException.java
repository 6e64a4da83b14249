package org.mrdflow.gating.panel;

import org.mrdflow.gating.GatingException;

/** Markers a sample does not provide (or provides ambiguously), or an unreadable panel file. */
public final class PanelException extends GatingException {
  public PanelException(String message) {
    super(message);
  }
}
