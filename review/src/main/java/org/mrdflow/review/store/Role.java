package org.mrdflow.review.store;

import java.util.Locale;

/** What a user may do: a reviewer accepts, overrides and signs; a director also gives the second-level sign-off. */
public enum Role {
  REVIEWER,
  DIRECTOR;

  /** The name as stored and typed ({@code reviewer}, {@code director}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException naming the accepted roles */
  public static Role of(String id) {
    for (Role r : values()) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    throw new IllegalArgumentException("role must be reviewer or director, not '" + id + "'");
  }
}
