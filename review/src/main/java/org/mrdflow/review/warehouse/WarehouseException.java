package org.mrdflow.review.warehouse;

/** The warehouse folder is missing, is not a pipeline output, or a table cannot be read. */
public final class WarehouseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WarehouseException(String message, Throwable cause) {
    super(message, cause);
  }
}
