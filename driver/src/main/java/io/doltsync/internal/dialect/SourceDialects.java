package io.doltsync.internal.dialect;

import io.doltsync.spi.SourceDialect;
import io.doltsync.sql.SqlDialect;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link SourceDialect} for a primary's JDBC URL among those registered with {@link ServiceLoader}. */
public final class SourceDialects {

  private SourceDialects() {}

  /**
   * The first registered dialect that supports the URL.
   *
   * @param realJdbcUrl the primary's own URL, without the {@code jdbc:doltsync:} prefix
   * @throws SQLFeatureNotSupportedException (SQLState 0A000) when no dialect does; the message names
   *     only the URL's scheme, since the rest may hold credentials
   */
  public static SourceDialect forUrl(String realJdbcUrl) throws SQLException {
    List<String> known = new ArrayList<>();
    for (SourceDialect dialect : ServiceLoader.load(SourceDialect.class, SourceDialects.class.getClassLoader())) {
      if (dialect.supports(realJdbcUrl)) {
        return dialect;
      }
      if (!known.contains(dialect.name())) {
        known.add(dialect.name());
      }
    }
    throw new SQLFeatureNotSupportedException("doltsync has no source dialect for " + scheme(realJdbcUrl)
        + " URLs; it supports " + String.join(", ", known), "0A000");
  }

  /**
   * How the statement classifier reads the dialect's SQL: a bundled dialect's built-in grammar and rules,
   * or any other dialect's own {@linkplain SourceDialect#lexicalRules() lexical rules} on ISO SQL's grammar.
   */
  public static SqlDialect sqlDialect(SourceDialect dialect) {
    return dialect instanceof JdbcMetadataDialect bundled ? bundled.sqlDialect()
        : SqlDialect.custom(dialect.name(), dialect.lexicalRules());
  }

  /** {@code jdbc:sqlserver:} for {@code jdbc:sqlserver://host;user=...}. */
  private static String scheme(String url) {
    if (url != null && url.startsWith("jdbc:")) {
      int end = url.indexOf(':', "jdbc:".length());
      if (end > "jdbc:".length()) {
        return url.substring(0, end + 1);
      }
    }
    return "non-JDBC";
  }
}
