package org.mrdflow.fcs;

/** The input does not start with an FCS HEADER (`FCS` + version), e.g. a 10-byte garbage file. */
public final class NotFcsException extends FcsException {
  private static final long serialVersionUID = 1L;

  public NotFcsException(String source, int dataset, long byteOffset, String problem) {
    super(source, dataset, byteOffset, problem);
  }
}
