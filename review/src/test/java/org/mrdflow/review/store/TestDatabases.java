package org.mrdflow.review.store;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Fresh, empty review databases for tests: an H2 file in a folder, or a new schema in the
 * PostgreSQL server named by {@code MRDFLOW_TEST_PG_URL} (.ci/run starts one). Without that
 * variable PostgreSQL tests are skipped, unless {@code MRDFLOW_REQUIRE_SERVICES=1}, when they fail.
 */
public final class TestDatabases {
  private TestDatabases() {}

  public static String h2(Path folder) {
    return "jdbc:h2:file:" + folder.toAbsolutePath().resolve("reviews-" + UUID.randomUUID());
  }

  /** A URL whose default schema is new and empty. */
  public static String postgresql() throws SQLException {
    String url = System.getenv("MRDFLOW_TEST_PG_URL");
    if (url == null || url.isBlank()) {
      if ("1".equals(System.getenv("MRDFLOW_REQUIRE_SERVICES"))) {
        fail("MRDFLOW_REQUIRE_SERVICES=1 but MRDFLOW_TEST_PG_URL is not set (e.g. jdbc:postgresql://127.0.0.1:5432/mrdflow_test?user=postgres)");
      }
      assumeTrue(false, "MRDFLOW_TEST_PG_URL is not set: PostgreSQL tests skipped");
    }
    String schema = "review_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }
}
