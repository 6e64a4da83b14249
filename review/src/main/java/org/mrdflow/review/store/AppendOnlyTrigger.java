package org.mrdflow.review.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's half of "the audit trail is never rewritten": fired before every UPDATE and DELETE of
 * {@code review_audit} (migration V1), it refuses the change. H2 triggers are Java classes;
 * PostgreSQL's equivalent is the PL/pgSQL function of its own V1 migration.
 */
public final class AppendOnlyTrigger implements Trigger {
  private String table = "review_audit";

  @Override
  public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
    this.table = tableName;
  }

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    throw new SQLException(table + " is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused", "42000");
  }
}
