package org.mrdflow.review.store;

/** The two databases the review store runs on, told apart by their JDBC URL. */
public enum Dialect {
  H2("h2"),
  POSTGRESQL("postgresql");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  String folder() {
    return folder;
  }

  /** @throws IllegalArgumentException for a URL of another database */
  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    // the URL is not echoed: it may carry a password
    throw new IllegalArgumentException("--db: only jdbc:postgresql://HOST:PORT/DATABASE and jdbc:h2: URLs are supported");
  }
}
