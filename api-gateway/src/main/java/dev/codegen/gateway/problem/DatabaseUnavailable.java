package dev.codegen.gateway.problem;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure that means "the database cannot be reached right now" (no connection from the
 * pool, a connection cut, a statement timeout, the server shutting down) from one that is a bug:
 * the first is answered 503 with {@code Retry-After}, the second 500.
 */
final class DatabaseUnavailable {

  private DatabaseUnavailable() {}

  /** Whether {@code e} or one of its causes says the database is unavailable. */
  static boolean means(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // CannotGetJdbcConnectionException is a DataAccessResourceFailureException, and a query
      // timeout a TransientDataAccessException.
      if (t instanceof DataAccessResourceFailureException
          || t instanceof TransientDataAccessException
          || t instanceof RecoverableDataAccessException
          || t instanceof CannotCreateTransactionException
          || t instanceof SQLTransientException
          || t instanceof SQLRecoverableException) {
        return true;
      }
    }
    return false;
  }
}
