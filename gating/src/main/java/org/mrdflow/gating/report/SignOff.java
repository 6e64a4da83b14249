package org.mrdflow.gating.report;

import java.time.Instant;
import java.util.Objects;

/**
 * One review action printed on a sample's report: who, in what role, did what, when (e.g.
 * "A. Reviewer", "reviewer", "sign", 2026-12-05T13:00:00Z). The review server passes the audit
 * trail's entries in effect (its overrides and sign-offs); a run-time report has none ("not yet
 * reviewed"), and a report with actions but no sign-off says it is not signed.
 */
public record SignOff(String name, String role, String action, Instant time) {
  /** The action of a (first-level) sign-off; a second-level one starts with it. */
  public static final String SIGN = "sign";

  public SignOff {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(time, "time");
  }

  /** Whether this is a sign-off ("sign", "sign (second level)") rather than another review action. */
  public boolean signs() {
    return action.equals(SIGN) || action.startsWith(SIGN + " ");
  }
}
