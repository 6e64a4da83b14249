package org.mrdflow.gating.flowjo;

import org.mrdflow.gating.GatingException;

/** A workspace that cannot be read at all (not XML, not a FlowJo workspace, broken matrix). */
public class FlowJoWorkspaceException extends GatingException {
  public FlowJoWorkspaceException(String message) {
    super(message);
  }

  public FlowJoWorkspaceException(String message, Throwable cause) {
    super(message, cause);
  }
}
