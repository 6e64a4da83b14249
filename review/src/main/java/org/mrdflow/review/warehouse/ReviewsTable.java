package org.mrdflow.review.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.mrdflow.review.store.AuditEntry;

/**
 * The {@code reviews} Parquet table: the whole audit trail, one row per action, at
 * {@code DIR/reviews/reviews.parquet} beside {@code mrd_results} and joinable with it on
 * (run_id, sample_id). Written with DuckDB's {@code COPY ... TO ... (FORMAT PARQUET)} into a
 * hidden temporary file that is then renamed over the table (readers see the old or the new
 * table, never half of one; names starting with '.' are skipped by Spark and by the glob).
 *
 * <p>Columns: run_id, sample_id, sequence (order of the actions), reviewer, role, action
 * (accept | override | sign | adjust), field, old_value, new_value (for a sign: its level, 1 or 2;
 * for an adjust: the geometry and counts as JSON),
 * reason, time (UTC timestamp).
 */
public final class ReviewsTable {
  public static final String NAME = "reviews";
  public static final String FILE = "reviews.parquet";

  private ReviewsTable() {}

  /** Writes {@code trail} as the table; returns the file written. */
  public static Path write(Path warehouse, List<AuditEntry> trail) {
    Path folder = warehouse.resolve(NAME);
    Path target = folder.resolve(FILE);
    Path temporary = folder.resolve("." + NAME + "-" + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(folder);
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
          Statement s = c.createStatement()) {
        s.execute("SET TimeZone = 'UTC'");
        s.execute("CREATE TABLE reviews (run_id VARCHAR NOT NULL, sample_id VARCHAR NOT NULL, sequence BIGINT NOT NULL,"
            + " reviewer VARCHAR NOT NULL, role VARCHAR NOT NULL, action VARCHAR NOT NULL, field VARCHAR,"
            + " old_value VARCHAR, new_value VARCHAR, reason VARCHAR, time TIMESTAMPTZ NOT NULL)");
        try (PreparedStatement p = c.prepareStatement("INSERT INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMPTZ))")) {
          for (AuditEntry e : trail) {
            p.setString(1, e.runId());
            p.setString(2, e.sampleId());
            p.setLong(3, e.sequence());
            p.setString(4, e.reviewer());
            p.setString(5, e.role().id());
            p.setString(6, e.action());
            p.setString(7, e.field());
            p.setString(8, e.oldValue());
            p.setString(9, e.newValue());
            p.setString(10, e.reason());
            p.setString(11, e.time().toString());
            p.addBatch();
          }
          p.executeBatch();
        }
        s.execute("COPY (SELECT * FROM reviews ORDER BY sequence) TO " + WarehouseReader.sqlText(temporary.toString())
            + " (FORMAT PARQUET)");
      }
      // same folder, so the rename is atomic; a file system that cannot is an error, not a silent copy
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (SQLException | IOException e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // the failure below is the one to report
      }
      throw new WarehouseException(folder + ": cannot write the reviews table: " + e.getMessage(), e);
    }
  }
}
