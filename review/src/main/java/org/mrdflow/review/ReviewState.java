package org.mrdflow.review;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mrdflow.review.store.AuditEntry;

/**
 * The review state of one analysis, derived from its audit trail and from nothing else (the
 * trail is the one record; nothing is stored twice). Replay rules:
 *
 * <ul>
 *   <li>{@code accept}: the reviewer agrees with the current values;
 *   <li>{@code override}: the field's value is replaced; any sign-off before it is void;
 *   <li>{@code adjust}: a gate was moved and the sample re-counted (the values it changed follow
 *       as {@code override} rows); any sign-off before it is void;
 *   <li>{@code sign}: level 1 (first sign-off) or 2 (a director's second-level sign-off).
 * </ul>
 *
 * <p>So an analysis is signed off exactly when the last row of its trail is a {@code sign}: the
 * rule {@code outcomes --use-reviewed} applies to the reviews table.
 */
public record ReviewState(
    Status status, Map<ReviewField, String> overrides, AuditEntry firstSign, AuditEntry secondSign, List<AuditEntry> trail) {

  /** The states, as shown and as filtered by ({@code review=} on the sample list). */
  public enum Status {
    UNREVIEWED,
    ACCEPTED,
    OVERRIDDEN,
    SIGNED,
    COUNTERSIGNED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final String ACCEPT = "accept";
  public static final String OVERRIDE = "override";
  public static final String SIGN = "sign";
  public static final String ADJUST = "adjust";

  /** Replays one analysis's trail, oldest first. */
  public static ReviewState of(List<AuditEntry> trail) {
    Map<ReviewField, String> overrides = new EnumMap<>(ReviewField.class);
    boolean accepted = false;
    boolean overridden = false;
    AuditEntry first = null;
    AuditEntry second = null;
    for (AuditEntry e : trail) {
      switch (e.action()) {
        case ACCEPT -> accepted = true;
        case OVERRIDE -> {
          overrides.put(ReviewField.of(e.field()), e.newValue());
          overridden = true;
          first = null;
          second = null;
        }
        case ADJUST -> {
          overridden = true;
          first = null;
          second = null;
        }
        case SIGN -> {
          if ("2".equals(e.newValue())) {
            second = e;
          } else {
            first = e;
          }
        }
        default -> throw new IllegalStateException("unknown audit action " + e.action() + " at sequence " + e.sequence());
      }
    }
    Status status = second != null ? Status.COUNTERSIGNED : first != null ? Status.SIGNED
        : overridden ? Status.OVERRIDDEN : accepted ? Status.ACCEPTED : Status.UNREVIEWED;
    return new ReviewState(status, Collections.unmodifiableMap(overrides), first, second, List.copyOf(trail));
  }

  public boolean signed() {
    return firstSign != null;
  }
}
