package io.doltsync.internal.capture;

import java.sql.Statement;
import java.util.List;

/**
 * How a MySQL-protocol driver sends an execution's bound values, which decides the value a floating-point column
 * stores: as SQL text (client-side prepared statements: a {@code float} as {@link Float#toString}, which the server
 * parses as a decimal number) or in the binary protocol (server-side prepared statements: a {@code float} as its four
 * bytes, which the server widens exactly). Told from the driver statement's class, for the two drivers tested
 * (MariaDB Connector/J 3 and mysql-connector-j), each of which picks the class by {@code useServerPrepStmts}.
 */
enum ParameterProtocol {
  TEXT,
  BINARY,
  /** Another driver or statement class, or an execution the driver may send either way. */
  UNKNOWN;

  /** MariaDB Connector/J sends a server statement's values as text above this many ({@code clientFailover}). */
  private static final int MARIADB_MOST_BINARY_PARAMETERS = 65 * 1024;
  /** The prefix that makes MariaDB Connector/J prepare a statement client-side whatever its settings. */
  private static final String MARIADB_CLIENT_PREPARE = "/*client prepare*/";

  /**
   * The protocol of an execution of {@code statement} with the given bound values (one array per batch entry):
   * mysql-connector-j's {@code ClientPreparedStatement} sends text, batches too (serially or rewritten); a single
   * execution of MariaDB Connector/J's sends text (a MariaDB Connector/J batch of them may go as
   * one binary bulk command, {@code useBulkStmtsForInserts}); MariaDB Connector/J's {@code ServerPreparedStatement}
   * binary, batches too (its prepare cannot fail for a write that runs at all; above 65,536 values it falls back to
   * text); mysql-connector-j's {@code ServerPreparedStatement} binary for a single execution (its batches may be
   * rewritten into text).
   */
  static ParameterProtocol of(Statement statement, List<Object[]> parameters) {
    if (statement == null) {
      return UNKNOWN;
    }
    String type = statement.getClass().getName();
    return switch (type) {
      case "org.mariadb.jdbc.ClientPreparedStatement" -> parameters != null && parameters.size() == 1 ? TEXT : UNKNOWN;
      case "com.mysql.cj.jdbc.ClientPreparedStatement" -> TEXT;
      case "org.mariadb.jdbc.ServerPreparedStatement" ->
          fewerThan(parameters, MARIADB_MOST_BINARY_PARAMETERS) ? BINARY : UNKNOWN;
      case "com.mysql.cj.jdbc.ServerPreparedStatement" -> parameters != null && parameters.size() == 1 ? BINARY : UNKNOWN;
      default -> UNKNOWN;
    };
  }

  /**
   * The protocol of a MariaDB one-trip block ({@code BEGIN NOT ATOMIC ... END}) prepared on the same connection
   * for an execution of {@code statement}: MariaDB Connector/J prepares it as it prepared the application's text
   * unless that text forced a client-side prepare.
   */
  static ParameterProtocol ofOneTrip(Statement statement, List<Object[]> parameters, String sql) {
    ParameterProtocol protocol = of(statement, parameters);
    return sql != null && sql.startsWith(MARIADB_CLIENT_PREPARE) ? UNKNOWN : protocol;
  }

  private static boolean fewerThan(List<Object[]> parameters, int most) {
    if (parameters == null) {
      return false;
    }
    for (Object[] entry : parameters) {
      if (entry != null && entry.length > most) {
        return false;
      }
    }
    return true;
  }
}
