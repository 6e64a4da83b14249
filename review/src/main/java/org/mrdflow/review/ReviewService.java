package org.mrdflow.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.mrdflow.gating.mrd.ReportText;
import org.mrdflow.gating.gate.GeometricGate;
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
  private final GateAdjustments adjustments;

  /**
   * @param onSign called with the whole trail after every sign-off (writes the reviews table)
   * @param adjustments the re-counting of moved gates ({@code adjust})
   */
  ReviewService(WarehouseReader warehouse, ReviewStore store, Clock clock, Consumer<List<AuditEntry>> onSign,
      GateAdjustments adjustments) {
    this.warehouse = warehouse;
    this.store = store;
    this.clock = clock;
    this.onSign = onSign;
    this.adjustments = adjustments;
  }

  public WarehouseReader warehouse() {
    return warehouse;
  }

  /**
   * The gates a reviewer may adjust on this analysis, with their current geometry.
   *
   * @throws ReviewException 409 saying why the sample cannot be re-counted here
   */
  Map<String, GeometricGate> adjustableGates(Analysis a) {
    return adjustments.gates(a, store.trail(a.runId(), a.sampleId()));
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
      case ReviewState.ADJUST -> throw new ReviewException(400, "adjust takes a gate and a geometry: {\"action\": \"adjust\","
          + " \"gate\": ..., \"geometry\": {...}, \"reason\": ...}");
      default -> throw new ReviewException(400, "action must be accept, override or sign, or adjust (with a gate and a geometry), not '" + Text.shorten(action) + "'");
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

  /**
   * Moves one gate and re-counts the sample ({@link GateAdjustments}): appends an {@code adjust}
   * row (field = the gate; old and new value = JSON of the geometry and the counts before and
   * after) followed, in the same transaction, by an {@code override} row for each reviewed field
   * the re-count changed, so the re-counted values are the reviewed values wherever overrides
   * are read (the reviews table, {@code outcomes --use-reviewed}). Who may: as for an override.
   *
   * @return the rows appended, the adjust row first
   * @throws ReviewException 400, 403, 404 or 409 with the reason
   */
  public synchronized List<AuditEntry> adjust(User user, Analysis a, String gate, JsonNode geometry, String reason) {
    if (!a.analysed()) {
      throw new ReviewException(409, "sample " + a.sampleId() + " was not analysed in run " + a.runId()
          + " (" + a.errorCode() + "): there is nothing to re-count");
    }
    if (gate == null || gate.isBlank()) {
      throw new ReviewException(400, "gate is required to adjust (the gates drawn on the plots; the sample page lists them)");
    }
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    if (why == null) {
      throw new ReviewException(400, "reason is required to adjust a gate");
    }
    if (why.length() > MAX_REASON) {
      throw new ReviewException(400, "reason is longer than " + MAX_REASON + " characters");
    }
    ReviewState state = state(a.runId(), a.sampleId());
    if (state.signed() && user.role() != Role.DIRECTOR) {
      throw new ReviewException(403, "this analysis is signed off: only a director may change it (role director)");
    }
    GateAdjustments.Recount recount = adjustments.recount(a, state.trail(), gate, geometry);
    AdjustedCounts before = state.trail().stream().filter(e -> e.action().equals(ReviewState.ADJUST))
        .reduce((x, y) -> y).map(e -> AdjustedCounts.ofAuditValue(e.newValue())).orElseGet(() -> AdjustedCounts.of(a));
    AdjustedCounts after = AdjustedCounts.of(recount.result());
    List<AuditEntry> rows = new ArrayList<>();
    rows.add(entry(user, a, ReviewState.ADJUST, gate, before.auditValue(recount.oldGeometry()),
        after.auditValue(recount.newGeometry()), why));
    for (ReviewField field : ReviewField.values()) {
      String recounted = after.value(field);
      String current = state.overrides().containsKey(field) ? state.overrides().get(field) : field.warehouseValue(a);
      if (recounted != null && !recounted.equals(current)) {
        rows.add(entry(user, a, ReviewState.OVERRIDE, field.column(), current, recounted,
            "re-counted with gate " + gate + " adjusted: " + why));
      }
    }
    return store.appendAll(rows);
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
