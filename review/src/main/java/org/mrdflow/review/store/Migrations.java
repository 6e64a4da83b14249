package org.mrdflow.review.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Versioned schema migrations, applied in order, each in its own transaction, and recorded in
 * {@code schema_migrations} with the SHA-256 of its text. A recorded migration whose text has
 * changed since is refused (edit by adding a new version, never by rewriting an applied one).
 *
 * <p>The scripts are resources {@code migration/<dialect>/V<n>__<description>.sql} beside this
 * class, listed in {@link #VERSIONS}. Why not Flyway: its current releases need a newer JDK
 * chain and two artifacts for PostgreSQL; this runner is the 5 % of it we use (module README).
 */
public final class Migrations {
  /** Every migration, oldest first; both dialects have each one. */
  static final List<String> VERSIONS = List.of("V1__users_and_audit_trail", "V2__adjust_action");

  private Migrations() {}

  /** Applies the migrations {@code connection}'s database has not had yet; returns how many. */
  public static int migrate(Connection connection, Dialect dialect) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
          + "description VARCHAR(200) NOT NULL, sha256 VARCHAR(64) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      connection.commit();
      Map<Integer, String> applied = new LinkedHashMap<>();
      try (ResultSet rs = s.executeQuery("SELECT version, sha256 FROM schema_migrations")) {
        while (rs.next()) {
          applied.put(rs.getInt(1), rs.getString(2));
        }
      }
      int count = 0;
      for (String name : VERSIONS) {
        int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
        String script = script(dialect, name);
        String sha = sha256(script);
        if (applied.containsKey(version)) {
          if (!applied.get(version).equals(sha)) {
            throw new SQLException("review database: migration " + name + " was changed after it was applied"
                + " (recorded SHA-256 " + applied.get(version) + ", now " + sha + ")");
          }
          continue;
        }
        for (String statement : statements(script)) {
          s.execute(statement);
        }
        try (PreparedStatement p = connection.prepareStatement(
            "INSERT INTO schema_migrations (version, description, sha256, applied_at) VALUES (?, ?, ?, ?)")) {
          p.setInt(1, version);
          p.setString(2, name.substring(name.indexOf("__") + 2).replace('_', ' '));
          p.setString(3, sha);
          p.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
          p.executeUpdate();
        }
        connection.commit();
        count++;
      }
      return count;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static String script(Dialect dialect, String name) {
    String resource = "migration/" + dialect.folder() + "/" + name + ".sql";
    try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing migration resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration resource " + resource, e);
    }
  }

  /**
   * Splits a script at semicolons that end a line, outside {@code $$} bodies (PL/pgSQL);
   * comment lines are dropped.
   */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inBody = false;
    for (String line : script.split("\n", -1)) {
      if (!inBody && line.strip().startsWith("--")) {
        continue;
      }
      int dollars = line.split("\\$\\$", -1).length - 1;
      if (dollars % 2 == 1) {
        inBody = !inBody;
      }
      current.append(line).append('\n');
      if (!inBody && line.stripTrailing().endsWith(";")) {
        String statement = current.toString().strip();
        out.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
