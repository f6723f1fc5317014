package io.doltsync.jdbc;

import io.doltsync.internal.config.DoltSyncConfig;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.jdbc.wrapper.ConnectionWrapper;
import io.doltsync.internal.mirror.Mirror;
import io.doltsync.internal.mirror.MirrorRegistry;
import io.doltsync.internal.mirror.PrimaryIdentity;
import io.doltsync.internal.mirror.PrimaryConnector;
import io.doltsync.spi.SourceDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Wraps a primary connection the way both the driver and the DataSource do. */
final class DoltSyncConnections {

  private static final Pattern HOST = Pattern.compile("//(?:[^@/]*@)?([^:/?;,]+)");

  private DoltSyncConnections() {}

  /**
   * Wraps a freshly opened primary connection (closing it if wrapping fails).
   *
   * @param realUrl   the primary's JDBC URL (for the dialect and the mirror's identity)
   * @param user      the primary user, part of the mirror's identity
   * @param connector opens further primary connections for doltsync's own work
   */
  static Connection wrap(Connection raw, DoltSyncConfig config, String realUrl, String user,
      PrimaryConnector connector) throws SQLException {
    try {
      if (raw.isWrapperFor(ConnectionWrapper.class)) {
        return raw;
      }
      if (!config.isEnabled()) {
        return new ConnectionWrapper(raw, new PassThroughSession(raw));
      }
      SourceDialect dialect = dialectOf(raw, realUrl);
      Mirror mirror = MirrorRegistry.mirrorFor(realUrl + "\u0000" + user, databaseName(raw), host(realUrl),
          PrimaryIdentity.of(realUrl, raw), config, dialect, connector);
      return new ConnectionWrapper(raw, mirror.openSession(raw));
    } catch (SQLException | RuntimeException e) {
      try {
        raw.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /**
   * The dialect for the wrapped URL, or else for the URL the connection reports: a URL that wraps another
   * wrapper ({@code jdbc:doltsync:p6spy:mariadb:...}) names its database only behind the wrapper's prefix.
   */
  private static SourceDialect dialectOf(Connection raw, String realUrl) throws SQLException {
    try {
      return SourceDialects.forUrl(realUrl);
    } catch (SQLException unknownScheme) {
      String reported = raw.getMetaData().getURL();
      if (reported == null || reported.equals(realUrl)) {
        throw unknownScheme;
      }
      return SourceDialects.forUrl(reported);
    }
  }

  private static String databaseName(Connection connection) throws SQLException {
    String catalog = connection.getCatalog();
    return catalog != null && !catalog.isBlank() ? catalog : connection.getSchema();
  }

  static String host(String url) {
    Matcher matcher = HOST.matcher(url);
    return matcher.find() ? matcher.group(1) : "localhost";
  }
}
