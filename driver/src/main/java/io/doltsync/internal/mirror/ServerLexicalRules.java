package io.doltsync.internal.mirror;

import io.doltsync.internal.dialect.MySqlDialect;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.spi.LexicalRules;
import io.doltsync.spi.SourceDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * The lexical rules of the primary's server, where its version decides them: which MySQL/MariaDB executable comments
 * ({@code /*!NNNNN ..*}{@code /}, {@code /*M!NNNNNN ..*}{@code /}) it runs and which it skips as comments. Read once
 * per mirror from {@code SELECT VERSION()}; other dialects' rules are returned as given.
 */
final class ServerLexicalRules {

  private static final Logger LOG = DoltSyncLoggers.get(ServerLexicalRules.class);
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

  private ServerLexicalRules() {}

  /** {@code rules} with the server's version and kind, for a MySQL or MariaDB primary. */
  static LexicalRules of(Connection connection, SourceDialect dialect, LexicalRules rules) {
    if (!(dialect instanceof MySqlDialect) || !rules.executableComments()) {
      return rules;
    }
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
      String version = rs.next() ? rs.getString(1) : null;
      int number = number(version);
      if (number == 0) {
        LOG.warn("could not read the server's version from {}: every executable comment is read as code", version);
        return rules;
      }
      return rules.toBuilder().executableCommentServerVersion(number)
          .mariaDbExecutableComments(version.toLowerCase(Locale.ROOT).contains("mariadb")).build();
    } catch (SQLException e) {
      LOG.warn("could not read the server's version: every executable comment is read as code", e);
      return rules;
    }
  }

  /** {@code 10.11.19-MariaDB} as the number executable comments compare with, {@code 101119}; 0 when unreadable. */
  static int number(String version) {
    String server = version != null && version.startsWith("5.5.5-") ? version.substring(6) : version; // MariaDB's old prefix
    Matcher m = server == null ? null : VERSION.matcher(server);
    if (m == null || !m.find()) {
      return 0;
    }
    try {
      return Integer.parseInt(m.group(1)) * 10_000 + Integer.parseInt(m.group(2)) * 100 + Integer.parseInt(m.group(3));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
