package org.mrdflow.review;

/**
 * A review request that is refused, with the HTTP status that says why: 400 wrong input, 401 no
 * or wrong credentials, 403 a role that may not do it, 404 no such run or sample, 409 not
 * possible in the analysis's current review state.
 */
public final class ReviewException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public ReviewException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
