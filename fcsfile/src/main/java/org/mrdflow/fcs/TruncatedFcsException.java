package org.mrdflow.fcs;

/** The file ends before a segment the HEADER or TEXT points to. */
public final class TruncatedFcsException extends FcsException {
  private static final long serialVersionUID = 1L;

  public TruncatedFcsException(String source, int dataset, long byteOffset, String problem) {
    super(source, dataset, byteOffset, problem);
  }
}
