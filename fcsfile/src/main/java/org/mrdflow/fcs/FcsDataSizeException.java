package org.mrdflow.fcs;

/** The DATA segment length disagrees with $TOT x bytes per event, or the ASCII data cannot be read as $TOT x $PAR values. */
public final class FcsDataSizeException extends FcsException {
  private static final long serialVersionUID = 1L;

  public FcsDataSizeException(String source, int dataset, long byteOffset, String problem) {
    super(source, dataset, byteOffset, problem);
  }
}
