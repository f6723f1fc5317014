package io.doltsync.internal.capture;

import java.sql.Connection;
import java.util.List;

/**
 * A MySQL or MariaDB session variable as doltsync uses it: read from the session when first needed, and again after
 * a text that may have changed it ({@link #ran}): one that names the variable, or one that runs code (a stored
 * procedure, a prepared text, a session reset or a change of user).
 *
 * @param <T> what doltsync makes of the variable's value
 */
abstract class SessionVariable<T> {

  /** Statements that run code which may set a session variable, or reset the session. */
  private static final List<String> CHANGING_VERBS = List.of("call", "{", "execute", "reset", "change user");

  private final Connection connection;
  private final List<String> names;
  private T value;

  /**
   * @param connection the session's connection
   * @param names the words a text that sets the variable spells, e.g. {@code sql_mode} (any of them makes it read
   *              again)
   */
  SessionVariable(Connection connection, String... names) {
    this.connection = connection;
    this.names = List.of(names);
  }

  /** What the session's value means to doltsync, read from the session if not known. */
  final T value() {
    if (value == null) {
      value = read(connection);
    }
    return value;
  }

  /**
   * Tells the variable that a text ran (or is about to run) in the session: when the text may have changed it,
   * the value is read again when next needed. {@code runsCode} is {@link #runsCode} of the text, found once for all
   * of a session's variables.
   */
  final void ran(String sql, boolean runsCode) {
    if (runsCode || value != null && namesAny(sql)) {
      value = null;
    }
  }

  private boolean namesAny(String sql) {
    for (String name : names) {
      if (names(sql, name)) {
        return true;
      }
    }
    return false;
  }

  /** Reads the value from the session; answers the value that predicts nothing when it cannot. */
  abstract T read(Connection connection);

  /** True when a SQL text names a session variable anywhere, in any case (runs for every statement: no copy). */
  static boolean names(String sql, String variable) {
    for (int i = 0; i + variable.length() <= sql.length(); i++) {
      if (sql.regionMatches(true, i, variable, 0, variable.length())) {
        return true;
      }
    }
    return false;
  }

  /** True when a SQL text runs a stored procedure or a prepared text, or resets the session or changes its user. */
  static boolean runsCode(String sql) {
    int start = 0;
    while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
      start++;
    }
    for (String verb : CHANGING_VERBS) {
      if (sql.regionMatches(true, start, verb, 0, verb.length())) {
        return true;
      }
    }
    return false;
  }
}
