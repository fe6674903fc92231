package dev.codegen.gateway.support;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes the test database refuse chosen rows the way PostgreSQL refuses bad data (a check
 * violation, SQLState 23514), standing in for a refusal the gateway does not foresee.
 */
public final class RefusingTrigger {

  private RefusingTrigger() {}

  /** Refuses inserts into {@code table} whose new row meets {@code condition} (SQL on NEW). */
  public static void install(JdbcTemplate jdbc, String table, String condition) {
    String name = "refuse_" + table;
    jdbc.execute(
        "CREATE OR REPLACE FUNCTION "
            + name
            + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF "
            + condition
            + " THEN RAISE EXCEPTION 'refused by test' USING ERRCODE = 'check_violation';"
            + " END IF; RETURN NEW; END $$");
    jdbc.execute("DROP TRIGGER IF EXISTS " + name + " ON " + table);
    jdbc.execute(
        "CREATE TRIGGER "
            + name
            + " BEFORE INSERT ON "
            + table
            + " FOR EACH ROW EXECUTE FUNCTION "
            + name
            + "()");
  }
}
