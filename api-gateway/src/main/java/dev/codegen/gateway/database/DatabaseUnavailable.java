package dev.codegen.gateway.database;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure that means "the database cannot be reached right now" (no connection from the
 * pool, a connection cut, a statement timeout, the server shutting down) from one that is a bug:
 * over HTTP the first is answered 503 with {@code Retry-After}, the second 500; a Kafka listener
 * retries the first without limit and dead-letters nothing.
 */
public final class DatabaseUnavailable {

  private DatabaseUnavailable() {}

  /** Whether {@code e} or one of its causes says the database is unavailable. */
  public static boolean means(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // CannotGetJdbcConnectionException is a DataAccessResourceFailureException, and a query
      // timeout a TransientDataAccessException.
      if (t instanceof DataAccessResourceFailureException
          || t instanceof TransientDataAccessException
          || t instanceof RecoverableDataAccessException
          || t instanceof CannotCreateTransactionException
          || t instanceof SQLTransientException
          || t instanceof SQLRecoverableException
          // SQLState class 08: connection exception, whatever the driver wrapped it in.
          || (t instanceof SQLException sql
              && sql.getSQLState() != null
              && sql.getSQLState().startsWith("08"))) {
        return true;
      }
    }
    return false;
  }
}
