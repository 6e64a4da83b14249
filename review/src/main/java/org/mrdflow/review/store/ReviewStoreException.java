package org.mrdflow.review.store;

/** The review database could not be reached, migrated, read or written; the message says which. */
public final class ReviewStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReviewStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
