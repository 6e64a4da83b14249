package org.mrdflow.pipeline.report;

import java.time.Instant;
import java.util.Objects;

/**
 * One review action printed on a sample's report: who, in what role, did what, when (e.g.
 * "A. Reviewer", "reviewer", "sign", 2026-12-05T13:00:00Z). The review server passes the audit
 * trail's entries; a run-time report has none ("not yet reviewed").
 */
public record SignOff(String name, String role, String action, Instant time) {
  public SignOff {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(time, "time");
  }
}
