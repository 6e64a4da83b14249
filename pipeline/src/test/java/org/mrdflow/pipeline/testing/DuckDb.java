package org.mrdflow.pipeline.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the warehouse with DuckDB: an independent Parquet reader, not Spark. */
public final class DuckDb {
  private DuckDb() {}

  /** All rows of a table (every run), with the Hive partition columns run_date and run_id. */
  public static List<Map<String, Object>> table(Path output, String table, String orderBy) {
    String glob = output.resolve(table).toString() + "/**/*.parquet";
    return query("SELECT * FROM read_parquet('" + glob + "', hive_partitioning = true) ORDER BY " + orderBy);
  }

  public static List<Map<String, Object>> query(String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          row.put(md.getColumnName(i), v == null ? null : normalise(v));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Runs a statement without results, e.g. {@code COPY ... TO 'f.parquet'} to write test inputs. */
  public static void execute(String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** JDBC arrays and structs as strings, so rows compare with equals. */
  private static Object normalise(Object v) throws SQLException {
    if (v instanceof java.sql.Array a) {
      return java.util.Arrays.deepToString((Object[]) a.getArray());
    }
    if (v instanceof Number || v instanceof String || v instanceof Boolean) {
      return v;
    }
    return v.toString();
  }
}
