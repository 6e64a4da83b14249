package org.mrdflow.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mrdflow.review.ReviewState.Status;
import org.mrdflow.review.store.AuditEntry;
import org.mrdflow.review.store.Role;

class ReviewStateTest {
  private final List<AuditEntry> trail = new ArrayList<>();

  private void act(String who, Role role, String action, String field, String value) {
    trail.add(new AuditEntry(trail.size() + 1, "r", "s", who, role, action, field, null, value, "why",
        Instant.EPOCH.plusSeconds(trail.size())));
  }

  @Test
  void anEmptyTrailIsUnreviewed() {
    assertThat(ReviewState.of(trail).status()).isEqualTo(Status.UNREVIEWED);
  }

  @Test
  void theLatestOverrideOfAFieldWinsAndALaterOverrideVoidsBothSignOffs() {
    act("rita", Role.REVIEWER, "accept", null, null);
    assertThat(ReviewState.of(trail).status()).isEqualTo(Status.ACCEPTED);
    act("rita", Role.REVIEWER, "override", "mrd_status", "NEGATIVE");
    act("rita", Role.REVIEWER, "override", "mrd_status", "INDETERMINATE");
    assertThat(ReviewState.of(trail).status()).isEqualTo(Status.OVERRIDDEN);
    act("rita", Role.REVIEWER, "sign", null, "1");
    act("dora", Role.DIRECTOR, "sign", null, "2");
    ReviewState countersigned = ReviewState.of(trail);
    assertThat(countersigned.status()).isEqualTo(Status.COUNTERSIGNED);
    assertThat(countersigned.overrides()).containsExactly(java.util.Map.entry(ReviewField.MRD_STATUS, "INDETERMINATE"));
    assertThat(countersigned.firstSign().reviewer()).isEqualTo("rita");
    assertThat(countersigned.secondSign().reviewer()).isEqualTo("dora");
    act("dora", Role.DIRECTOR, "override", "mrd_fraction", "0.0002");
    ReviewState reopened = ReviewState.of(trail);
    assertThat(reopened.status()).isEqualTo(Status.OVERRIDDEN);
    assertThat(reopened.signed()).isFalse();
    assertThat(reopened.overrides()).hasSize(2);
  }

  @Test
  void signedOffMeansTheLastRowIsASignAsTheReviewsTableIsRead() {
    act("rita", Role.REVIEWER, "override", "hcd19_car_eligible", "false");
    act("rita", Role.REVIEWER, "sign", null, "1");
    assertThat(ReviewState.of(trail).signed()).isEqualTo(trail.get(trail.size() - 1).action().equals("sign")).isTrue();
    act("dan", Role.DIRECTOR, "override", "hcd19_car_eligible", "true");
    assertThat(ReviewState.of(trail).signed()).isEqualTo(trail.get(trail.size() - 1).action().equals("sign")).isFalse();
  }
}
