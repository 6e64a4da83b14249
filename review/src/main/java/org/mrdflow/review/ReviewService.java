package org.mrdflow.review;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.mrdflow.gating.mrd.ReportText;
import org.mrdflow.review.store.AuditEntry;
import org.mrdflow.review.store.ReviewStore;
import org.mrdflow.review.store.Role;
import org.mrdflow.review.store.User;
import org.mrdflow.review.warehouse.Analysis;
import org.mrdflow.review.warehouse.WarehouseReader;

/**
 * The review workflow: who may do which action in which state, checked before anything is
 * appended to the audit trail. The rules (module README, "Review actions"):
 *
 * <ul>
 *   <li>accept and override before any sign-off: reviewer or director; an override needs a field,
 *       a value that differs from the current one and a reason;
 *   <li>a signed analysis can be changed (override) only by a director; that voids the sign-offs;
 *   <li>sign: the first sign-off by anyone; the second-level one only by a director other than
 *       the first signer.
 * </ul>
 */
public final class ReviewService {
  private static final int MAX_REASON = 2000;

  private final WarehouseReader warehouse;
  private final ReviewStore store;
  private final Clock clock;
  private final Consumer<List<AuditEntry>> onSign;

  /** @param onSign called with the whole trail after every sign-off (writes the reviews table) */
  public ReviewService(WarehouseReader warehouse, ReviewStore store, Clock clock, Consumer<List<AuditEntry>> onSign) {
    this.warehouse = warehouse;
    this.store = store;
    this.clock = clock;
    this.onSign = onSign;
  }

  public WarehouseReader warehouse() {
    return warehouse;
  }

  public ReviewState state(String runId, String sampleId) {
    return ReviewState.of(store.trail(runId, sampleId));
  }

  /** The review state of every analysis of a run, by sample_id (analyses never reviewed are absent). */
  public Map<String, ReviewState> statesOfRun(String runId) {
    return store.trailOfRun(runId).stream()
        .collect(Collectors.groupingBy(AuditEntry::sampleId, Collectors.collectingAndThen(Collectors.toList(), ReviewState::of)));
  }

  /**
   * Checks and records one action. Synchronized: the check and the append are one step for all
   * users of this server.
   *
   * @throws ReviewException 400, 403, 404 or 409 with the reason
   */
  public synchronized AuditEntry apply(User user, Analysis analysis, ReviewRequest request) {
    if (!analysis.analysed()) {
      throw new ReviewException(409, "sample " + analysis.sampleId() + " was not analysed in run " + analysis.runId()
          + " (" + analysis.errorCode() + ": " + ReportText.failure(analysis.errorCode()) + "): there is no call to review");
    }
    String action = request.action();
    if (action == null || action.isBlank()) {
      throw new ReviewException(400, "action is required: accept, override or sign");
    }
    String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
    if (reason != null && reason.length() > MAX_REASON) {
      throw new ReviewException(400, "reason is longer than " + MAX_REASON + " characters");
    }
    ReviewState state = state(analysis.runId(), analysis.sampleId());
    AuditEntry entry = switch (action) {
      case ReviewState.ACCEPT -> accept(user, analysis, request, state, reason);
      case ReviewState.OVERRIDE -> override(user, analysis, request, state, reason);
      case ReviewState.SIGN -> sign(user, analysis, request, state, reason);
      default -> throw new ReviewException(400, "action must be accept, override or sign, not '" + Text.shorten(action) + "'");
    };
    AuditEntry stored = store.append(entry);
    if (stored.action().equals(ReviewState.SIGN)) {
      onSign.accept(store.all());
    }
    return stored;
  }

  private AuditEntry accept(User user, Analysis a, ReviewRequest r, ReviewState state, String reason) {
    noFieldOrValue(r, "accept");
    if (state.signed()) {
      throw new ReviewException(409, "already signed off: nothing to accept");
    }
    return entry(user, a, ReviewState.ACCEPT, null, null, null, reason);
  }

  private AuditEntry override(User user, Analysis a, ReviewRequest r, ReviewState state, String reason) {
    if (r.field() == null || r.field().isBlank()) {
      throw new ReviewException(400, "field is required to override: mrd_status, mrd_fraction, cd19_pos_blast_fraction"
          + " or hcd19_car_eligible");
    }
    ReviewField field = ReviewField.of(r.field());
    String value = field.canonical(r.value());
    if (reason == null) {
      throw new ReviewException(400, "reason is required to override " + field.column());
    }
    if (state.signed() && user.role() != Role.DIRECTOR) {
      throw new ReviewException(403, "this analysis is signed off: only a director may change it (role director)");
    }
    String old = state.overrides().containsKey(field) ? state.overrides().get(field) : field.warehouseValue(a);
    if (value.equals(old)) {
      throw new ReviewException(400, field.column() + " is " + value + " already");
    }
    return entry(user, a, ReviewState.OVERRIDE, field.column(), old, value, reason);
  }

  private AuditEntry sign(User user, Analysis a, ReviewRequest r, ReviewState state, String reason) {
    noFieldOrValue(r, "sign");
    if (!state.signed()) {
      return entry(user, a, ReviewState.SIGN, null, null, "1", reason);
    }
    if (state.secondSign() != null) {
      throw new ReviewException(409, "already signed off at both levels");
    }
    if (user.role() != Role.DIRECTOR) {
      throw new ReviewException(403, "already signed off; the second-level sign-off needs the director role");
    }
    if (state.firstSign().reviewer().equals(user.name())) {
      throw new ReviewException(409, "the second-level sign-off must be given by another person than the first");
    }
    return entry(user, a, ReviewState.SIGN, null, null, "2", reason);
  }

  private static void noFieldOrValue(ReviewRequest r, String action) {
    if (r.field() != null && !r.field().isBlank() || r.value() != null && !r.value().isBlank()) {
      throw new ReviewException(400, action + " takes no field or value (use override to change a value)");
    }
  }

  private AuditEntry entry(User user, Analysis a, String action, String field, String old, String value, String reason) {
    return new AuditEntry(0, a.runId(), a.sampleId(), user.name(), user.role(), action, field, old, value, reason,
        clock.instant());
  }
}
