package io.doltsync.internal.capture;

import io.doltsync.internal.logging.DoltSyncLoggers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.slf4j.Logger;

/**
 * The character set a MySQL or MariaDB session reads statement strings in ({@code character_set_client}) and converts
 * them to ({@code character_set_connection}): a string bound into a binary column ({@code VARBINARY}, {@code BLOB}) is
 * stored as its bytes in the connection's character set, so it is known only when both are the same UTF-8 set (the
 * drivers' own
 * setting: MariaDB Connector/J always sends UTF-8, mysql-connector-j its {@code characterEncoding}, and each sets the
 * session to match). Read from the session once and again after anything that may have changed it
 * ({@link SessionVariable}): {@code SET NAMES}, {@code SET CHARACTER SET}, a {@code character_set_*} or
 * {@code collation_*} variable, a stored procedure, a prepared text, a session reset.
 */
final class SessionCharset extends SessionVariable<SessionCharset.Utf8> {

  private static final Logger LOG = DoltSyncLoggers.get(SessionCharset.class);

  /** How much of Unicode the session's strings carry unchanged into a binary column as UTF-8. */
  enum Utf8 {
    /** {@code utf8mb4} both ways: every well-formed string. */
    FULL,
    /** {@code utf8mb3} (or {@code utf8}) somewhere: the Basic Multilingual Plane only. */
    BMP,
    /** Another character set, or unknown: no string. */
    NONE
  }

  SessionCharset(Connection connection) {
    super(connection, "character_set", "character set", "names", "charset", "collation");
  }

  @Override
  Utf8 read(Connection connection) {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT @@session.character_set_client, @@session.character_set_connection")) {
      return rs.next() ? of(rs.getString(1), rs.getString(2)) : Utf8.NONE;
    } catch (SQLException e) {
      LOG.debug("could not read the session's character sets: strings into binary columns are read from the database",
          e);
      return Utf8.NONE;
    }
  }

  /**
   * What a session with these client and connection character sets stores of a string in a binary column: both the
   * same UTF-8 set, so that the server converts nothing (mysql-connector-j sends even bytes as a string in the binary
   * protocol, which a different connection set, {@code ucs2}, converts).
   */
  static Utf8 of(String client, String connection) {
    Utf8 a = of(client);
    return a != of(connection) ? Utf8.NONE : a;
  }

  private static Utf8 of(String charset) {
    String name = charset == null ? "" : charset.toLowerCase(Locale.ROOT);
    return switch (name) {
      case "utf8mb4" -> Utf8.FULL;
      case "utf8mb3", "utf8" -> Utf8.BMP;
      default -> Utf8.NONE;
    };
  }
}
