package io.doltsync.internal.capture;

import io.doltsync.internal.logging.DoltSyncLoggers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The time zone in which a MySQL or MariaDB session converts {@code TIMESTAMP} values, when it is one
 * whose conversion doltsync can repeat exactly: a fixed offset ({@code '+02:00'}, {@code UTC}, or
 * {@code SYSTEM} on a server whose system zone is UTC). A zone with daylight-saving or other transitions
 * is not predicted: its rules are the server's time-zone tables, which may differ from Java's, and a local
 * time in one of its gaps is stored as another time. Read from the session once ({@code @@time_zone}) and
 * again after anything that may have changed it ({@link SessionVariable}).
 */
final class SessionTimeZone extends SessionVariable<Optional<ZoneOffset>> {

  private static final Logger LOG = DoltSyncLoggers.get(SessionTimeZone.class);

  /** Names that stand for UTC in every time-zone database. */
  private static final Set<String> UTC_NAMES = Set.of("utc", "gmt", "etc/utc", "etc/gmt", "etc/gmt+0", "etc/gmt-0",
      "etc/gmt0", "etc/universal", "etc/zulu", "universal", "zulu", "gmt0", "gmt+0", "gmt-0", "greenwich",
      "etc/greenwich", "uct", "etc/uct");

  SessionTimeZone(Connection connection) {
    super(connection, "time_zone");
  }

  /** The session's fixed offset, or empty when its zone has transitions or cannot be read. */
  Optional<ZoneOffset> offset() {
    return value();
  }

  /**
   * True when a SQL text may change the session's time zone or run code that could: it names
   * {@code time_zone}, or it runs a stored procedure, a prepared text or resets the session.
   */
  static boolean mayChangeTimeZone(String sql) {
    return names(sql, "time_zone") || runsCode(sql);
  }

  /**
   * The fixed offset of a session zone as {@code @@session.time_zone} and {@code @@global.system_time_zone}
   * report them, or empty when the zone has (or may have) transitions.
   */
  static Optional<ZoneOffset> fixedOffset(String sessionZone, String systemZone) {
    if (sessionZone == null) {
      return Optional.empty();
    }
    String zone = sessionZone.strip();
    if ("system".equalsIgnoreCase(zone)) {
      return systemZone != null && UTC_NAMES.contains(systemZone.strip().toLowerCase(Locale.ROOT))
          ? Optional.of(ZoneOffset.UTC) : Optional.empty();
    }
    if (UTC_NAMES.contains(zone.toLowerCase(Locale.ROOT))) {
      return Optional.of(ZoneOffset.UTC);
    }
    if (zone.matches("[+-]\\d{1,2}:\\d{2}")) {
      try {
        String padded = zone.length() == 5 ? zone.charAt(0) + "0" + zone.substring(1) : zone;
        return Optional.of(ZoneOffset.of(padded));
      } catch (DateTimeException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  @Override
  Optional<ZoneOffset> read(Connection connection) {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT @@session.time_zone, @@global.system_time_zone")) {
      if (!rs.next()) {
        return Optional.empty();
      }
      Optional<ZoneOffset> fixed = fixedOffset(rs.getString(1), rs.getString(2));
      if (fixed.isEmpty()) {
        LOG.debug("session time zone {} (system {}) has transitions: TIMESTAMP values are read from the database",
            rs.getString(1), rs.getString(2));
      }
      return fixed;
    } catch (SQLException e) {
      LOG.debug("could not read the session time zone: TIMESTAMP values are read from the database", e);
      return Optional.empty();
    }
  }
}
