package org.mrdflow.fcs;

/** The TEXT segment cannot be parsed or misses or misstates a required keyword. */
public final class FcsTextException extends FcsException {
  private static final long serialVersionUID = 1L;

  public FcsTextException(String source, int dataset, long byteOffset, String problem) {
    super(source, dataset, byteOffset, problem);
  }
}
