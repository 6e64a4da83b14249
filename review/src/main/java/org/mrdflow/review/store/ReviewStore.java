package org.mrdflow.review.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The review database: users and the append-only audit trail, in H2 (a file beside the
 * warehouse, by default) or PostgreSQL. Opening it applies pending {@link Migrations}.
 */
public final class ReviewStore {
  /** Folder of the default H2 database inside a warehouse; '_' keeps Parquet readers out of it. */
  public static final String DEFAULT_FOLDER = "_review";
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final String COLUMNS =
      "sequence, run_id, sample_id, reviewer, role, action, field, old_value, new_value, reason, acted_at";

  private final String url;
  private final Dialect dialect;

  private ReviewStore(String url, Dialect dialect) {
    this.url = url;
    this.dialect = dialect;
  }

  /** The default database of a warehouse: {@code DIR/_review/reviews.mv.db} (H2). */
  public static String defaultUrl(Path warehouse) {
    // DB_CLOSE_DELAY=-1: the database stays open between the server's short-lived connections
    return "jdbc:h2:file:" + warehouse.toAbsolutePath().normalize().resolve(DEFAULT_FOLDER).resolve("reviews")
        + ";DB_CLOSE_DELAY=-1";
  }

  /**
   * Opens (creating if needed) and migrates the database at {@code jdbcUrl}.
   *
   * @throws ReviewStoreException when it cannot be reached or migrated
   */
  public static ReviewStore open(String jdbcUrl) {
    Dialect dialect = Dialect.of(jdbcUrl);
    ReviewStore store = new ReviewStore(jdbcUrl, dialect);
    try (Connection c = store.connect()) {
      Migrations.migrate(c, dialect);
    } catch (SQLException e) {
      throw new ReviewStoreException("review database (" + dialect.folder() + "): " + e.getMessage(), e);
    }
    return store;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** A new connection (the caller closes it); for tests and tools that need plain JDBC. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /** @throws IllegalArgumentException for a bad name or an existing user */
  public void addUser(String name, Role role, char[] password) {
    if (!USER_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("user name must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (password.length < 8) {
      throw new IllegalArgumentException("password must have at least 8 characters");
    }
    String hash = PasswordHash.hash(password);
    try (Connection c = connect();
        PreparedStatement p = c.prepareStatement("INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)")) {
      if (user(c, name).isPresent()) {
        throw new IllegalArgumentException("user " + name + " exists already");
      }
      p.setString(1, name);
      p.setString(2, role.id());
      p.setString(3, hash);
      p.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
      p.executeUpdate();
    } catch (SQLException e) {
      throw new ReviewStoreException("review database: cannot add user: " + e.getMessage(), e);
    }
  }

  /** The user whose password this is; empty for an unknown name or a wrong password. */
  public Optional<User> authenticate(String name, char[] password) {
    try (Connection c = connect();
        PreparedStatement p = c.prepareStatement("SELECT role, password_hash FROM users WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          PasswordHash.matches(password, DUMMY_HASH); // same time as a known name: names are not probed
          return Optional.empty();
        }
        return PasswordHash.matches(password, rs.getString(2)) ? Optional.of(new User(name, Role.of(rs.getString(1))))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new ReviewStoreException("review database: " + e.getMessage(), e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static final String DUMMY_HASH = PasswordHash.hash("not a password".toCharArray());

  private static Optional<User> user(Connection c, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT role FROM users WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(new User(name, Role.of(rs.getString(1)))) : Optional.empty();
      }
    }
  }

  /** Appends one action and returns it with its sequence number. */
  public AuditEntry append(AuditEntry e) {
    return appendAll(List.of(e)).get(0);
  }

  /**
   * Appends actions that belong together (an adjustment and the values it re-counted) in one
   * transaction, in order, and returns them with their sequence numbers: all or none are stored.
   */
  public List<AuditEntry> appendAll(List<AuditEntry> entries) {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement("INSERT INTO review_audit (" + COLUMNS.substring("sequence, ".length())
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
        List<AuditEntry> stored = new ArrayList<>();
        for (AuditEntry e : entries) {
          p.setString(1, e.runId());
          p.setString(2, e.sampleId());
          p.setString(3, e.reviewer());
          p.setString(4, e.role().id());
          p.setString(5, e.action());
          p.setString(6, e.field());
          p.setString(7, e.oldValue());
          p.setString(8, e.newValue());
          p.setString(9, e.reason());
          p.setObject(10, e.time().atOffset(ZoneOffset.UTC));
          p.executeUpdate();
          try (ResultSet keys = p.getGeneratedKeys()) {
            keys.next();
            stored.add(new AuditEntry(keys.getLong(1), e.runId(), e.sampleId(), e.reviewer(), e.role(), e.action(),
                e.field(), e.oldValue(), e.newValue(), e.reason(), e.time()));
          }
        }
        c.commit();
        return stored;
      } catch (SQLException ex) {
        c.rollback();
        throw ex;
      }
    } catch (SQLException ex) {
      throw new ReviewStoreException("review database: cannot append to the audit trail: " + ex.getMessage(), ex);
    }
  }

  /** One analysis's actions, oldest first. */
  public List<AuditEntry> trail(String runId, String sampleId) {
    return query("WHERE run_id = ? AND sample_id = ?", runId, sampleId);
  }

  /** Every action of a run, oldest first. */
  public List<AuditEntry> trailOfRun(String runId) {
    return query("WHERE run_id = ?", runId);
  }

  /** The whole audit trail, oldest first. */
  public List<AuditEntry> all() {
    return query("");
  }

  private List<AuditEntry> query(String where, String... params) {
    try (Connection c = connect();
        PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM review_audit " + where + " ORDER BY sequence")) {
      for (int i = 0; i < params.length; i++) {
        p.setString(i + 1, params[i]);
      }
      List<AuditEntry> out = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(new AuditEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Role.of(rs.getString(5)),
              rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
              rs.getObject(11, OffsetDateTime.class).toInstant()));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new ReviewStoreException("review database: " + e.getMessage(), e);
    }
  }
}
