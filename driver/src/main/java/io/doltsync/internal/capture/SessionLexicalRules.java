package io.doltsync.internal.capture;

import io.doltsync.internal.dialect.MySqlDialect;
import io.doltsync.internal.dialect.PostgreSqlDialect;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.LexicalRules;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.Locale;
import org.slf4j.Logger;

/**
 * The lexical rules by which a session's primary reads its SQL where a session setting changes them: MySQL's and
 * MariaDB's {@code sql_mode} ({@code NO_BACKSLASH_ESCAPES}: a backslash is an ordinary character in strings;
 * {@code ANSI_QUOTES}, also part of {@code ANSI}: {@code ".."} quotes an identifier) and PostgreSQL's
 * {@code standard_conforming_strings} ({@code off}: a backslash escapes in {@code '..'} strings too). Only a text
 * holding a backslash (or, on MySQL/MariaDB, a double quote) reads differently under them, so the session's setting
 * is read only when such a text is first planned (MySQL/MariaDB: one round trip; PostgreSQL through pgjdbc: the
 * parameter status the server reported, no round trip), and again after a text that may have changed it
 * ({@link SessionVariable}: one naming the setting, a procedure, a prepared text, a reset). Set through the driver
 * ({@code SET sql_mode}, {@code SET SESSION}, {@code SET @@}), the connection's {@code sessionVariables}, the server's
 * default or a procedure, it is what the session reports.
 */
public final class SessionLexicalRules {

  private static final Logger LOG = DoltSyncLoggers.get(SessionLexicalRules.class);

  private final LexicalRules base;
  private final boolean mysql;
  private final Setting setting;

  /**
   * @param connection the session's primary connection
   * @param dialect    the primary's dialect
   * @param base       the rules of the primary's dialect and server (its defaults)
   */
  public SessionLexicalRules(Connection connection, SourceDialect dialect, LexicalRules base) {
    this.base = base;
    this.mysql = dialect instanceof MySqlDialect;
    this.setting = mysql ? new Setting(connection, "sql_mode", base, true)
        : dialect instanceof PostgreSqlDialect ? new Setting(connection, "standard_conforming_strings", base, false)
        : null;
  }

  /**
   * The rules by which the session's primary reads {@code sql}: the base rules when no setting can change how it
   * reads this text.
   *
   * @throws SQLSyntaxErrorException (42000) for a text of several statements that changes the setting before
   *                                 statements it would read differently: the primary reads each statement by
   *                                 the setting in force when it reaches it, doltsync reads a text once
   */
  public LexicalRules rulesFor(String sql, java.util.function.BooleanSupplier multiStatement)
      throws SQLSyntaxErrorException {
    if (setting == null || sql == null || !sensitive(sql)) {
      return base;
    }
    if (SessionVariable.names(sql, setting.name()) && multiStatement.getAsBoolean()) {
      throw new SQLSyntaxErrorException("doltsync reads a SQL text by the session's " + setting.name() + ", and this"
          + " text of several statements names it before statements that read differently under it: run the statement"
          + " that sets " + setting.name() + " on its own", "42000");
    }
    return setting.value();
  }

  /** True when the text holds a character whose reading depends on the session's setting. */
  private boolean sensitive(String sql) {
    boolean quotes = mysql;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\\' || (c == '"' && quotes)) {
        return true;
      }
    }
    return false;
  }

  /** Tells the rules that a text ran (or is about to run) on the session: one that may change the setting is re-read. */
  public void ran(String sql) {
    if (setting != null && sql != null) {
      setting.ran(sql, SessionVariable.runsCode(sql));
    }
  }

  /** The session setting and what it makes of the base rules. */
  private static final class Setting extends SessionVariable<LexicalRules> {

    private final String name;
    private final LexicalRules base;
    private final boolean mysql;

    Setting(Connection connection, String name, LexicalRules base, boolean mysql) {
      super(connection, name);
      this.name = name;
      this.base = base;
      this.mysql = mysql;
    }

    String name() {
      return name;
    }

    @Override
    LexicalRules read(Connection connection) {
      if (!mysql) {
        String reported = reportedByPgjdbc(connection);
        if (reported != null) {
          return base.toBuilder().backslashEscapes(reported.equalsIgnoreCase("off")).build();
        }
      }
      String query = mysql ? "SELECT @@session.sql_mode" : "SHOW standard_conforming_strings";
      try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
        String value = rs.next() ? String.valueOf(rs.getString(1)).toUpperCase(Locale.ROOT) : "";
        return mysql ? forSqlMode(base, value) : base.toBuilder().backslashEscapes(value.equals("OFF")).build();
      } catch (SQLException e) {
        LOG.warn("could not read the session's {}: its SQL is read by the server's default rules", name, e);
        return base;
      }
    }
  }

  /**
   * PostgreSQL's {@code standard_conforming_strings} as the server reported it to pgjdbc (a parameter status the
   * server sends whenever it changes): no round trip, nothing sent into the session. Null through another driver.
   */
  private static String reportedByPgjdbc(Connection connection) {
    try {
      return connection.isWrapperFor(org.postgresql.PGConnection.class)
          ? connection.unwrap(org.postgresql.PGConnection.class).getParameterStatus("standard_conforming_strings")
          : null;
    } catch (SQLException | LinkageError e) {
      return null;
    }
  }

  /** The MySQL/MariaDB rules under a {@code @@sql_mode} value (as the server reports it: modes expanded). */
  static LexicalRules forSqlMode(LexicalRules base, String sqlMode) {
    boolean noBackslashEscapes = false;
    boolean ansiQuotes = false;
    for (String mode : sqlMode.toUpperCase(Locale.ROOT).split(",")) {
      noBackslashEscapes |= mode.strip().equals("NO_BACKSLASH_ESCAPES");
      ansiQuotes |= mode.strip().equals("ANSI_QUOTES") || mode.strip().equals("ANSI");
    }
    return base.toBuilder().backslashEscapes(!noBackslashEscapes).doubleQuotedStrings(!ansiQuotes).build();
  }
}
