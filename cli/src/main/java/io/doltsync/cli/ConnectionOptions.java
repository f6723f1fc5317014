package io.doltsync.cli;

import io.doltsync.internal.config.DoltSyncOption;
import io.doltsync.jdbc.DoltSyncDriver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The application's own connection: its {@code jdbc:doltsync:} URL and primary credentials, from the
 * options or the environment ({@code DOLTSYNC_USER}, {@code DOLTSYNC_PASSWORD}). Secrets are never printed.
 */
final class ConnectionOptions {

  @Option(names = "--url", required = true, paramLabel = "<jdbc:doltsync:...>",
      description = "The application's JDBC URL, with its doltsync.* options (target, branch, include, ...)")
  String url;

  @Option(names = "--user", paramLabel = "<user>", description = "Primary database user (default: $DOLTSYNC_USER)")
  String user;

  @Option(names = "--password", paramLabel = "<password>", arity = "0..1", interactive = true,
      description = "Primary database password (default: $DOLTSYNC_PASSWORD; without a value: asked for)")
  String password;

  /** Opens the connection; {@code applier} sets whether this JVM may apply the journal. */
  Connection open(boolean applier, Map<String, String> environment) throws SQLException {
    if (!url.startsWith("jdbc:doltsync:")) {
      throw new SQLException("--url must be the application's jdbc:doltsync: URL", "08001");
    }
    DoltSyncDriver.register();
    Properties properties = new Properties();
    String effectiveUser = user != null ? user : environment.get("DOLTSYNC_USER");
    String effectivePassword = password != null ? password : environment.get("DOLTSYNC_PASSWORD");
    if (effectiveUser != null) {
      properties.setProperty("user", effectiveUser);
    }
    if (effectivePassword != null) {
      properties.setProperty("password", effectivePassword);
    }
    if (!applier) {
      properties.setProperty(DoltSyncOption.APPLIER.key(), "false");
    }
    return DriverManager.getConnection(url, properties);
  }
}
