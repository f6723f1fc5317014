package io.doltsync.internal.dolt;

import io.doltsync.internal.config.DoltSyncConfig;
import io.doltsync.internal.config.DoltSyncOption;
import io.doltsync.internal.config.WrappedUrl;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The Dolt database a mirror writes: where its server is (a running {@code dolt sql-server}, or one the
 * driver starts itself), which database and which branch. Opens connections positioned on that branch,
 * creating the database and branch on first use.
 *
 * <p>The Dolt connection goes through whichever MySQL-protocol JDBC driver the application has on its
 * class path (mariadb-java-client or mysql-connector-j); doltsync bundles neither.
 */
public final class DoltTarget {

  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  private final String description;
  private final String serverUrlPrefix;
  private final String urlParameters;
  private final String database;
  private final String branch;
  private final String user;
  private final String password;
  private final EmbeddedDoltServer embedded;
  private volatile boolean prepared;

  private DoltTarget(String description, String serverUrlPrefix, String urlParameters, String database,
      String branch, String user, String password, EmbeddedDoltServer embedded) {
    this.description = description;
    this.serverUrlPrefix = serverUrlPrefix;
    this.urlParameters = urlParameters;
    this.database = database;
    this.branch = branch;
    this.user = user;
    this.password = password;
    this.embedded = embedded;
  }

  /**
   * The target named by {@code doltsync.target}.
   *
   * @param primaryDatabase the primary's database name, used when neither the target URL nor
   *                        {@code doltsync.database} names the Dolt database
   */
  public static DoltTarget from(DoltSyncConfig config, String primaryDatabase) throws SQLException {
    String target = config.get(DoltSyncOption.TARGET);
    String branch = config.get(DoltSyncOption.BRANCH);
    String user = config.get(DoltSyncOption.TARGET_USER);
    String password = config.get(DoltSyncOption.TARGET_PASSWORD);
    String explicitDatabase = config.get(DoltSyncOption.DATABASE);
    if (target.regionMatches(true, 0, "embedded:", 0, "embedded:".length())) {
      Path directory = Paths.get(target.substring("embedded:".length()).trim().isEmpty()
          ? ".doltsync" : target.substring("embedded:".length()).trim());
      EmbeddedDoltServer server = EmbeddedDoltServer.forDirectory(directory, config.get(DoltSyncOption.DOLT_BINARY));
      String database = databaseName(explicitDatabase, primaryDatabase);
      return new DoltTarget("embedded dolt sql-server over " + server.directory(),
          null, "", database, branch, user, password, server);
    }
    if (!target.startsWith("jdbc:")) {
      throw new SQLNonTransientConnectionException("doltsync.target must be a JDBC URL (jdbc:mysql://host:port/db or"
          + " jdbc:mariadb://host:port/db) or embedded:<directory>, not: " + WrappedUrl.redact(target), "08001");
    }
    int authority = target.indexOf("//");
    if (authority < 0) {
      throw new SQLNonTransientConnectionException(
          "doltsync.target must look like jdbc:mysql://host:port/database: " + WrappedUrl.redact(target), "08001");
    }
    int pathStart = target.indexOf('/', authority + 2);
    int query = target.indexOf('?');
    String prefix = pathStart < 0 ? (query < 0 ? target : target.substring(0, query)) : target.substring(0, pathStart);
    String path = pathStart < 0 ? "" : target.substring(pathStart + 1, query < 0 ? target.length() : query);
    String parameters = query < 0 ? "" : target.substring(query);
    String database = databaseName(explicitDatabase != null ? explicitDatabase : (path.isBlank() ? null : path),
        primaryDatabase);
    return new DoltTarget("dolt sql-server at " + WrappedUrl.redact(prefix), prefix, parameters, database, branch, user,
        password, null);
  }

  private static String databaseName(String explicit, String primaryDatabase) {
    String name = explicit != null && !explicit.isBlank() ? explicit : primaryDatabase;
    if (name == null || name.isBlank()) {
      name = "doltsync";
    }
    String cleaned = name.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return Character.isDigit(cleaned.charAt(0)) ? "db_" + cleaned : cleaned;
  }

  public String database() {
    return database;
  }

  public String branch() {
    return branch;
  }

  /** True when the driver runs the Dolt server itself. */
  public boolean isEmbedded() {
    return embedded != null;
  }

  /** A description safe to print: no password. */
  public String describe() {
    return description + ", database " + database + ", branch " + branch;
  }

  /**
   * Fails with a clear {@link java.sql.SQLNonTransientConnectionException} naming the jar to add when no
   * MySQL-protocol JDBC driver on the class path can reach the target.
   */
  public void requireDriver() throws SQLException {
    if (embedded != null) {
      MySqlProtocolDriver.urlScheme();
    } else {
      MySqlProtocolDriver.requireFor(WrappedUrl.redact(serverUrlPrefix) + "/", describe());
    }
  }

  /** A new connection to the target database, on the mirrored branch, in auto-commit mode. */
  public Connection connect() throws SQLException {
    return connect(Map.of());
  }

  /**
   * A connection for the applier: as {@link #connect()}, and allowed to stream rows with
   * {@code LOAD DATA LOCAL INFILE} (mariadb-java-client's {@code allowLocalInfile}, mysql-connector-j's
   * {@code allowLoadLocalInfile}). A target URL that sets one of these itself wins; the bootstrap falls back
   * to INSERTs when the connection or the server refuses. With mysql-connector-j it also sets
   * {@code useLocalTransactionState}, so that {@code commit()} after {@code CALL dolt_commit} (which ends
   * Dolt's transaction) sends no {@code COMMIT} of its own, as mariadb-java-client already does: both then
   * read the server's own in-transaction flag.
   */
  public Connection connectForWriting() throws SQLException {
    return connect(WRITER_PROPERTIES);
  }

  private static final Map<String, String> WRITER_PROPERTIES = Map.of(
      "allowLocalInfile", "true",
      "allowLoadLocalInfile", "true",
      "useLocalTransactionState", "true",
      "allowMultiQueries", "true");

  /**
   * Whether the applier's connections ({@link #connectForWriting}) accept several statements in one text:
   * {@code allowMultiQueries} is turned on for them unless the target URL sets it to something else.
   */
  public boolean writerAllowsMultiStatements() {
    String lower = urlParameters.toLowerCase(Locale.ROOT);
    int at = lower.indexOf("allowmultiqueries=");
    if (at < 0) {
      return true;
    }
    int from = at + "allowmultiqueries=".length();
    int end = lower.indexOf('&', from);
    return lower.substring(from, end < 0 ? lower.length() : end).trim().equals("true");
  }

  private Connection connect(Map<String, String> driverProperties) throws SQLException {
    ensurePrepared();
    Connection connection = open(database, driverProperties);
    try {
      checkoutBranch(connection);
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /** A new connection to the Dolt server with no database selected. */
  public Connection connectToServer() throws SQLException {
    return open("", Map.of());
  }

  private void checkoutBranch(Connection connection) throws SQLException {
    if (!"main".equals(branch)) {
      try (PreparedStatement checkout = connection.prepareStatement("CALL dolt_checkout(?)")) {
        checkout.setString(1, branch);
        checkout.execute();
      }
    }
  }

  private void ensurePrepared() throws SQLException {
    if (prepared) {
      return;
    }
    synchronized (this) {
      if (prepared) {
        return;
      }
      try (Connection server = open("", Map.of()); Statement statement = server.createStatement()) {
        requireDolt(statement);
        statement.execute("CREATE DATABASE IF NOT EXISTS `" + database + "`");
        statement.execute("USE `" + database + "`");
        boolean exists;
        try (PreparedStatement select = server.prepareStatement("SELECT COUNT(*) FROM dolt_branches WHERE name = ?")) {
          select.setString(1, branch);
          try (ResultSet rs = select.executeQuery()) {
            rs.next();
            exists = rs.getInt(1) > 0;
          }
        }
        if (!exists) {
          try (PreparedStatement create = server.prepareStatement("CALL dolt_branch(?)")) {
            create.setString(1, branch);
            create.execute();
          }
        }
      }
      prepared = true;
    }
  }

  /**
   * Makes sure the server is Dolt before doltsync creates anything on it: a MySQL or MariaDB server given as
   * the target by mistake fails the connection, and is never written.
   */
  private void requireDolt(Statement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SELECT dolt_version()")) {
      rs.next();
    } catch (SQLException notDolt) {
      if (notDolt instanceof SQLTransientConnectionException || "08".equals(sqlClass(notDolt))) {
        throw notDolt;
      }
      throw new SQLNonTransientConnectionException("the doltsync target (" + describe() + ") is not a Dolt server:"
          + " SELECT dolt_version() failed (" + notDolt.getMessage() + "); point doltsync.target at a dolt sql-server",
          "08004", notDolt);
    }
  }

  private static String sqlClass(SQLException e) {
    return e.getSQLState() == null || e.getSQLState().length() < 2 ? "" : e.getSQLState().substring(0, 2);
  }

  private Connection open(String databasePath, Map<String, String> driverProperties) throws SQLException {
    String url = (embedded != null ? embeddedUrlPrefix() : serverUrlPrefix) + "/" + databasePath
        + withConnectTimeout(urlParameters);
    Properties properties = new Properties();
    String lowerParameters = urlParameters.toLowerCase(Locale.ROOT);
    driverProperties.forEach((key, value) -> {
      if (!lowerParameters.contains(key.toLowerCase(Locale.ROOT) + "=")) {
        properties.setProperty(key, value);
      }
    });
    properties.setProperty("user", user);
    String secret = password == null ? "" : password;
    if (embedded != null && secret.isEmpty()) {
      secret = embedded.password();
    }
    properties.setProperty("password", secret);
    try {
      return MySqlProtocolDriver.connect(url, properties);
    } catch (SQLException e) {
      throw new SQLTransientConnectionException("cannot connect to the Dolt target (" + describe()
          + "; check doltsync.target, doltsync.targetUser and doltsync.targetPassword): " + e.getMessage(),
          "08001", e);
    }
  }

  /** Bounds how long connecting to an unreachable Dolt may take, unless the target URL says otherwise. */
  private static String withConnectTimeout(String parameters) {
    if (parameters.toLowerCase(Locale.ROOT).contains("connecttimeout=")) {
      return parameters;
    }
    return (parameters.isEmpty() ? "?" : parameters + "&") + "connectTimeout=" + CONNECT_TIMEOUT_MILLIS;
  }

  private String embeddedUrlPrefix() throws SQLException {
    int port = embedded.ensureRunning();
    return MySqlProtocolDriver.urlScheme() + "//127.0.0.1:" + port;
  }
}
