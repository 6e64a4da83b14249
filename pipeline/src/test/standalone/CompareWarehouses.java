import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Compares the Parquet tables of two MRDFlow warehouses row by row with DuckDB (an independent
 * Parquet reader): every column of samples, mrd_results and populations, rows as a multiset.
 * Usage: java -cp duckdb_jdbc.jar CompareWarehouses.java EXPECTED ACTUAL; exit 1 on a difference.
 */
public class CompareWarehouses {
  public static void main(String[] args) throws Exception {
    boolean same = true;
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = db.createStatement()) {
      for (String table : new String[] {"samples", "mrd_results", "populations"}) {
        String a = rows(args[0], table);
        String b = rows(args[1], table);
        long expected = count(sql, "SELECT count(*) FROM " + a);
        long actual = count(sql, "SELECT count(*) FROM " + b);
        long differing = count(sql, "SELECT count(*) FROM ((SELECT * FROM " + a
            + " EXCEPT ALL SELECT * FROM " + b + ") UNION ALL (SELECT * FROM " + b
            + " EXCEPT ALL SELECT * FROM " + a + "))");
        System.out.printf("%-12s rows %d vs %d, rows that differ: %d%n", table, expected, actual,
            differing);
        same &= expected == actual && differing == 0 && expected > 0;
      }
    }
    System.out.println(same ? "EQUAL" : "DIFFERENT");
    System.exit(same ? 0 : 1);
  }

  /** Every column of a table, each row as one text value (maps and lists compare as text). */
  private static String rows(String warehouse, String table) {
    return "(SELECT CAST(t AS VARCHAR) AS row FROM read_parquet('" + warehouse + "/" + table
        + "/**/*.parquet', hive_partitioning = true) t)";
  }

  private static long count(Statement sql, String query) throws Exception {
    try (ResultSet r = sql.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    }
  }
}
