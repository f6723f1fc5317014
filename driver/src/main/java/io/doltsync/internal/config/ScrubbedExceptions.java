package io.doltsync.internal.config;

import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Collection;

/**
 * Exceptions of a delegate driver with the secrets it was given taken out of their messages: some drivers
 * print the part of a URL they could not parse, password included (MariaDB Connector/J's "Incorrect port
 * value : secret@host" for {@code //user:secret@host}). The copy keeps the SQLState, vendor code, the kind of
 * {@link SQLException} and every stack trace; only messages change.
 */
public final class ScrubbedExceptions {

  private ScrubbedExceptions() {}

  /** The exception itself when no message in its chain shows a secret, else a scrubbed copy. */
  public static SQLException of(SQLException e, Collection<String> secrets) {
    if (!showsSecret(e, secrets)) {
      return e;
    }
    SQLException copy = copy(e, UrlSecrets.scrub(e.getMessage(), secrets));
    copy.setStackTrace(e.getStackTrace());
    if (e.getCause() != null) {
      copy.initCause(scrubbed(e.getCause(), secrets, 0));
    }
    for (Throwable suppressed : e.getSuppressed()) {
      copy.addSuppressed(scrubbed(suppressed, secrets, 0));
    }
    return copy;
  }

  private static boolean showsSecret(Throwable e, Collection<String> secrets) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (UrlSecrets.shows(t.getMessage(), secrets)) {
        return true;
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (showsSecret(suppressed, secrets)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A stand-in for any throwable: its class name and scrubbed message, its stack trace, its scrubbed cause. */
  private static Throwable scrubbed(Throwable t, Collection<String> secrets, int depth) {
    String message = t.getClass().getName() + ": " + UrlSecrets.scrub(String.valueOf(t.getMessage()), secrets);
    Throwable copy = t instanceof SQLException sql ? copy(sql, message) : new Exception(message);
    copy.setStackTrace(t.getStackTrace());
    if (t.getCause() != null && t.getCause() != t && depth < 20) {
      copy.initCause(scrubbed(t.getCause(), secrets, depth + 1));
    }
    return copy;
  }

  private static SQLException copy(SQLException e, String message) {
    String state = e.getSQLState();
    int code = e.getErrorCode();
    if (e instanceof SQLInvalidAuthorizationSpecException) {
      return new SQLInvalidAuthorizationSpecException(message, state, code);
    } else if (e instanceof SQLNonTransientConnectionException) {
      return new SQLNonTransientConnectionException(message, state, code);
    } else if (e instanceof SQLSyntaxErrorException) {
      return new SQLSyntaxErrorException(message, state, code);
    } else if (e instanceof SQLNonTransientException) {
      return new SQLNonTransientException(message, state, code);
    } else if (e instanceof SQLTransientConnectionException) {
      return new SQLTransientConnectionException(message, state, code);
    } else if (e instanceof SQLTimeoutException) {
      return new SQLTimeoutException(message, state, code);
    } else if (e instanceof SQLTransientException) {
      return new SQLTransientException(message, state, code);
    } else if (e instanceof SQLRecoverableException) {
      return new SQLRecoverableException(message, state, code);
    }
    return new SQLException(message, state, code);
  }
}
