package org.mrdflow.review.store;

import java.time.Instant;

/**
 * One row of the audit trail: who did what to which analysis (run_id, sample_id), when, and why.
 *
 * @param sequence the database's order of the actions (0 before the row is stored)
 * @param action accept, override, sign or adjust
 * @param field the overridden mrd_results column (override); the moved gate (adjust)
 * @param oldValue the value before an override; for a sign, null
 * @param newValue the value after an override; for a sign, its level ({@code 1}, or {@code 2}
 *     for the director's second-level sign-off)
 * @param reason required for an override, optional otherwise
 */
public record AuditEntry(
    long sequence,
    String runId,
    String sampleId,
    String reviewer,
    Role role,
    String action,
    String field,
    String oldValue,
    String newValue,
    String reason,
    Instant time) {}
