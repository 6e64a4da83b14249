package org.mrdflow.fcs;

/** HEADER or TEXT segment offsets are malformed, overlap, or point outside the file. */
public final class FcsSegmentException extends FcsException {
  private static final long serialVersionUID = 1L;

  public FcsSegmentException(String source, int dataset, long byteOffset, String problem) {
    super(source, dataset, byteOffset, problem);
  }
}
