package org.mrdflow.review.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The review database on H2 and on a real PostgreSQL server, through plain JDBC. */
class ReviewStoreTest {
  @TempDir Path tmp;

  private String url(String database) throws SQLException {
    return database.equals("h2") ? TestDatabases.h2(tmp) : TestDatabases.postgresql();
  }

  private static AuditEntry accept(String reviewer) {
    return new AuditEntry(0, "run-1", "0123456789abcdef0123456789abcdef", reviewer, Role.REVIEWER, "accept", null, null,
        null, "looks right", Instant.parse("2026-12-05T12:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void migrationsRunOnceAndAreRecordedWithTheirHash(String database) throws Exception {
    String url = url(database);
    ReviewStore store = ReviewStore.open(url);
    ReviewStore.open(url);
    try (Connection c = store.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, description, sha256 FROM schema_migrations ORDER BY version")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.getString(2)).isEqualTo("users and audit trail");
      assertThat(rs.getString(3)).hasSize(64);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(2);
      assertThat(rs.getString(2)).isEqualTo("adjust action");
      assertThat(rs.next()).as("one row each: the second open applied nothing").isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aMigrationEditedAfterItWasAppliedIsRefused(String database) throws Exception {
    String url = url(database);
    ReviewStore store = ReviewStore.open(url);
    try (Connection c = store.connect(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE schema_migrations SET sha256 = 'edited'");
    }
    assertThatThrownBy(() -> ReviewStore.open(url)).isInstanceOf(ReviewStoreException.class)
        .hasMessageContaining("V1__users_and_audit_trail was changed after it was applied");
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void theAuditTrailTakesInsertsAndRefusesUpdateAndDelete(String database) throws Exception {
    ReviewStore store = ReviewStore.open(url(database));
    AuditEntry first = store.append(accept("rita"));
    AuditEntry second = store.append(accept("rob"));
    assertThat(second.sequence()).isGreaterThan(first.sequence());
    try (Connection c = store.connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE review_audit SET reason = 'rewritten' WHERE reviewer = 'rita'"))
          .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM review_audit WHERE reviewer = 'rob'"))
          .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
      // TRUNCATE fires no row trigger: PostgreSQL's statement trigger and H2's guard refuse it
      assertThatThrownBy(() -> s.executeUpdate("TRUNCATE TABLE review_audit")).isInstanceOf(SQLException.class)
          .hasMessageContaining(database.equals("h2") ? "Cannot truncate" : "append-only");
    }
    List<AuditEntry> trail = store.all();
    assertThat(trail).containsExactly(first, second);
    assertThat(trail.get(0).reason()).isEqualTo("looks right");
    assertThat(trail.get(0).time()).isEqualTo(Instant.parse("2026-12-05T12:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void anAdjustmentAndTheValuesItReCountedAreStoredTogetherOrNotAtAll(String database) throws Exception {
    ReviewStore store = ReviewStore.open(url(database));
    String geometry = "{\"geometry\":{\"polygon\":{\"vertices\":" + "[0.125,0.25],".repeat(300) + "]}}}";
    AuditEntry adjust = new AuditEntry(0, "run-1", "0123456789abcdef0123456789abcdef", "rita", Role.REVIEWER, "adjust",
        "blast-cluster.grown.ellipse", geometry, geometry, "tail is normal", Instant.parse("2026-12-05T12:00:00Z"));
    AuditEntry unknown = new AuditEntry(0, "run-1", "0123456789abcdef0123456789abcdef", "rita", Role.REVIEWER, "erase",
        null, null, null, null, Instant.parse("2026-12-05T12:00:00Z"));
    assertThatThrownBy(() -> store.appendAll(List.of(adjust, unknown))).isInstanceOf(ReviewStoreException.class);
    assertThat(store.all()).as("the transaction was rolled back").isEmpty();
    List<AuditEntry> stored = store.appendAll(List.of(adjust, accept("rita")));
    assertThat(stored.get(1).sequence()).isGreaterThan(stored.get(0).sequence());
    assertThat(store.all()).containsExactlyElementsOf(stored);
    assertThat(geometry.length()).as("longer than V1's columns").isGreaterThan(256);
    assertThat(store.all().get(0).newValue()).isEqualTo(geometry);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void passwordsAreStoredAsPbkdf2HashesAndCheckedAgainstThem(String database) throws Exception {
    ReviewStore store = ReviewStore.open(url(database));
    store.addUser("dora", Role.DIRECTOR, "s3cret password".toCharArray());
    try (Connection c = store.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT password_hash FROM users WHERE name = 'dora'")) {
      rs.next();
      assertThat(rs.getString(1)).startsWith("pbkdf2-sha256$600000$").doesNotContain("s3cret");
    }
    assertThat(store.authenticate("dora", "s3cret password".toCharArray())).contains(new User("dora", Role.DIRECTOR));
    assertThat(store.authenticate("dora", "s3cret passwore".toCharArray())).isEmpty();
    assertThat(store.authenticate("nobody", "s3cret password".toCharArray())).isEmpty();
    assertThatThrownBy(() -> store.addUser("dora", Role.REVIEWER, "another one".toCharArray()))
        .hasMessageContaining("exists already");
    assertThatThrownBy(() -> store.addUser("x y", Role.REVIEWER, "long enough".toCharArray()))
        .hasMessageContaining("user name");
    assertThatThrownBy(() -> store.addUser("rob", Role.REVIEWER, "short".toCharArray()))
        .hasMessageContaining("at least 8");
  }
}
