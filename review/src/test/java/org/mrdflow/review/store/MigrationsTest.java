package org.mrdflow.review.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationsTest {
  @Test
  void statementsSplitAtLineEndingSemicolonsButNotInsideDollarQuotedBodies() {
    String script = """
        -- a comment; with a semicolon
        CREATE TABLE t (a INT);
        CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'no';
        END
        $$;
        CREATE INDEX i ON t (a);
        """;
    List<String> statements = Migrations.statements(script);
    assertThat(statements).hasSize(3);
    assertThat(statements.get(0)).isEqualTo("CREATE TABLE t (a INT)");
    assertThat(statements.get(1)).startsWith("CREATE FUNCTION").contains("RAISE EXCEPTION 'no';").endsWith("$$");
    assertThat(statements.get(2)).isEqualTo("CREATE INDEX i ON t (a)");
  }
}
