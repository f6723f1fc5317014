package io.doltsync.internal.mirror;

import io.doltsync.internal.journal.JournalFormatException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Sorts what went wrong while applying a journal entry: {@link Kind#TRANSIENT} failures (a lost or refused
 * connection, a deadlock, a lock wait, a timeout, a primary that cannot be read) say nothing about the entry
 * and are retried for as long as it takes; {@link Kind#REFUSED} ones (Dolt rejects the entry's SQL or
 * values, the payload cannot be decoded) will fail again the same way, and after a few tries the entry is
 * quarantined.
 */
final class ApplyFailures {

  /** The kind of an apply failure. */
  enum Kind { TRANSIENT, REFUSED }

  /** MySQL/Dolt error codes that are about the moment, not the statement: deadlock, lock wait, too many connections, shutdown, lost connection. */
  private static final Set<Integer> TRANSIENT_CODES = Set.of(1213, 1205, 1040, 1053, 1077, 1158, 1159, 1160, 1161,
      2002, 2003, 2006, 2013, 2055);

  /**
   * Messages of Dolt errors about the server, not the entry (seen on a shared server while other databases
   * are created and dropped, or when its storage cannot be written).
   */
  private static final List<String> TRANSIENT_MESSAGES = List.of("could not resolve initial root", "read only",
      "read-only", "no space left", "i/o error", "too many connections", "server is shutting down");

  private ApplyFailures() {}

  static Kind classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JournalFormatException) {
        return Kind.REFUSED;
      }
      if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
          || t instanceof SQLNonTransientConnectionException) {
        return Kind.TRANSIENT;
      }
      if (t instanceof SQLException sql && isTransient(sql)) {
        return Kind.TRANSIENT;
      }
      if (t instanceof IOException) {
        return Kind.TRANSIENT;
      }
    }
    return Kind.REFUSED;
  }

  private static boolean isTransient(SQLException e) {
    String state = e.getSQLState();
    if (state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("HYT")
        || state.equals("57P01") || state.equals("57P03") || state.equals("53300"))) {
      return true;
    }
    if (TRANSIENT_CODES.contains(e.getErrorCode())) {
      return true;
    }
    String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return TRANSIENT_MESSAGES.stream().anyMatch(message::contains);
  }

  /** The most telling message of a failure: the deepest SQL error's, else the failure's own. */
  static String describe(Throwable failure) {
    Throwable best = failure;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException || t instanceof JournalFormatException) {
        best = t;
      }
    }
    String message = best.getMessage();
    return best.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
