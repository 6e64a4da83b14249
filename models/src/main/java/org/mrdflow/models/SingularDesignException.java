package org.mrdflow.models;

/**
 * A regression design whose information matrix is not positive definite (a constant or
 * collinear covariate). R's coxph silently drops such a column (coefficient NA); we refuse and
 * name the covariate instead, so an analyst never reads a table with a hidden missing term.
 */
public final class SingularDesignException extends StatsInputException {
  private static final long serialVersionUID = 1L;

  public SingularDesignException(String message) {
    super(message);
  }
}
