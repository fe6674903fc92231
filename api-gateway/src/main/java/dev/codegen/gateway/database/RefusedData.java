package dev.codegen.gateway.database;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Tells PostgreSQL refusing the data of a statement (SQLState class 22, data exception, or 23,
 * integrity constraint violation) from the database being unreachable: only the first is the fault
 * of a record, so only then is a batch worth splitting to find it.
 */
public final class RefusedData {

  private RefusedData() {}

  /** The SQLState when {@code e} was caused by PostgreSQL refusing the data, else empty. */
  public static Optional<String> sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("22") || state.startsWith("23")) {
          return Optional.of(state);
        }
      }
    }
    return Optional.empty();
  }
}
