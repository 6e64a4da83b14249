package org.mrdflow.fcs;

/** A valid FCS file uses a feature this reader does not implement ($MODE C or U, an unknown $DATATYPE or $BYTEORD). */
public final class UnsupportedFcsException extends FcsException {
  private static final long serialVersionUID = 1L;

  public UnsupportedFcsException(String source, int dataset, long byteOffset, String problem) {
    super(source, dataset, byteOffset, problem);
  }
}
