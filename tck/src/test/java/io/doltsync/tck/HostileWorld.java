package io.doltsync.tck;

import io.doltsync.DoltSyncConnection;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The databases of one hostile run, reached only through public means: a {@code jdbc:doltsync:} connection (the
 * application's), a plain connection to the primary and one to the Dolt database (the observers' and the
 * out-of-band writers'). Row content is read on both sides as canonical text so the two can be compared.
 */
public final class HostileWorld implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final Primary primary;
  private final PrimaryDatabase database;
  private final DoltDatabase dolt;
  private final Connection app;
  private final Connection plainPrimary;
  private final Connection plainDolt;
  private boolean succeeded;

  private HostileWorld(Primary primary, PrimaryDatabase database, DoltDatabase dolt) throws SQLException {
    this.primary = primary;
    this.database = database;
    this.dolt = dolt;
    Properties properties = database.credentials();
    properties.setProperty("doltsync.target", primary.doltTarget(dolt.targetUrl()));
    properties.setProperty("doltsync.targetUser", Servers.DOLT_USER);
    properties.setProperty("doltsync.targetPassword", "");
    properties.setProperty("doltsync.syncTimeout", TIMEOUT.toSeconds() + "s");
    this.app = DriverManager.getConnection(database.doltSyncUrl(), properties);
    this.plainPrimary = database.connect();
    this.plainDolt = dolt.connect();
  }

  /** A fresh primary database (empty) and a fresh Dolt database, mirrored once the first connection opens. */
  static HostileWorld create(Primary primary) throws Exception {
    PrimaryDatabase database = primary.createDatabase();
    DoltDatabase dolt = DoltDatabase.fresh();
    HostileWorld world = new HostileWorld(primary, database, dolt);
    dolt.awaitBootstrap(TIMEOUT);
    return world;
  }

  /** The primary's short name: {@code mariadb}, {@code postgresql}, {@code h2}, or a third party's. */
  public String dialect() {
    return primary.name().toLowerCase(Locale.ROOT);
  }

  /** True for MariaDB/MySQL primaries (backtick quoting, backslash escapes in strings). */
  public boolean isMysqlFamily() {
    return dialect().startsWith("mariadb") || dialect().startsWith("mysql");
  }

  /** True when DDL commits the open transaction on this primary (it cannot be rolled back). */
  public boolean ddlCommitsImplicitly() {
    return primary.ddlCommitsImplicitly();
  }

  public boolean isPostgres() {
    return dialect().startsWith("postgres");
  }

  public boolean isH2() {
    return dialect().startsWith("h2");
  }

  /** The Dolt database's name (for revision-qualified names such as {@code `db/main`.t}). */
  public String doltDatabase() {
    return dolt.name();
  }

  /** The application's connection, through doltsync (auto-commit on unless a case turns it off). */
  public Connection app() {
    return app;
  }

  /** The application's connection as doltsync's public interface. */
  public DoltSyncConnection doltSync() throws SQLException {
    return app.unwrap(DoltSyncConnection.class);
  }

  /** A plain connection to the primary, bypassing doltsync. */
  public Connection plainPrimary() {
    return plainPrimary;
  }

  /** A plain connection to the Dolt database (another Dolt client). */
  public Connection plainDolt() {
    return plainDolt;
  }

  /** An identifier quoted for the primary. */
  public String q(String name) {
    return isMysqlFamily() ? "`" + name.replace("`", "``") + "`" : "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** An identifier quoted for Dolt. */
  public static String dq(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** A string literal for the primary (MySQL family: backslashes escaped too). */
  public String literal(String value) {
    String text = value.replace("'", "''");
    return "'" + (isMysqlFamily() ? text.replace("\\", "\\\\") : text) + "'";
  }

  /** Runs statements through doltsync in auto-commit mode and waits until Dolt has them. */
  public void setUp(List<String> statements) throws SQLException {
    if (statements.isEmpty()) {
      return;
    }
    app.setAutoCommit(true);
    try (Statement statement = app.createStatement()) {
      statement.setQueryTimeout((int) TIMEOUT.toSeconds());
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
    doltSync().awaitMirrored(TIMEOUT);
  }

  /** Runs one statement through doltsync (auto-commit as the connection is). */
  public void execute(String sql) throws SQLException {
    try (Statement statement = app.createStatement()) {
      statement.setQueryTimeout((int) TIMEOUT.toSeconds());
      statement.execute(sql);
    }
  }

  /** The table's rows on the primary as sorted canonical text, or {@code null} when the table does not exist. */
  public List<String> primaryRows(String table) {
    return rows(plainPrimary, "SELECT * FROM " + q(table));
  }

  /** The table's rows at the head of Dolt's mirrored branch, or {@code null} when the table does not exist there. */
  public List<String> doltRows(String table) {
    return rows(plainDolt, "SELECT * FROM " + dq(table));
  }

  /** Dolt's tables whose names start with the given text (for failure messages). */
  public List<String> doltTablesLike(String prefix) {
    List<String> names = new ArrayList<>();
    try (Statement statement = plainDolt.createStatement(); ResultSet rs = statement.executeQuery("SHOW TABLES")) {
      while (rs.next()) {
        if (rs.getString(1).startsWith(prefix)) {
          names.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      names.add(e.getMessage());
    }
    return names;
  }

  /** The mirrored branch's head commit and whether Dolt's working set is clean, as one comparable text. */
  public String doltState() throws SQLException {
    try (Statement statement = plainDolt.createStatement();
        ResultSet head = statement.executeQuery("SELECT commit_hash FROM dolt_log LIMIT 1")) {
      head.next();
      String hash = head.getString(1);
      try (ResultSet status = statement.executeQuery("SELECT COUNT(*) FROM dolt_status")) {
        status.next();
        return hash + (status.getLong(1) == 0 ? "" : " with " + status.getLong(1) + " uncommitted changes");
      }
    }
  }

  /** One commit of {@code dolt_log}: committer, email, message. */
  public List<String> doltCommit(String hash) throws SQLException {
    try (var select = plainDolt.prepareStatement("SELECT committer, email, message FROM dolt_log WHERE commit_hash = ?")) {
      select.setString(1, hash);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return List.of(rs.getString(1), rs.getString(2), rs.getString(3));
      }
    }
  }

  private static List<String> rows(Connection connection, String sql) {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.append(i == 1 ? "" : " | ").append(canonical(rs.getObject(i)));
        }
        rows.add(row.toString());
      }
      rows.sort(null);
      return rows;
    } catch (SQLException e) {
      return null; // no such table on this side
    }
  }

  private static String canonical(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Boolean b) {
      return b ? "1" : "0";
    }
    if (value instanceof Number n) {
      try {
        BigDecimal decimal = new BigDecimal(n.toString()).stripTrailingZeros();
        return decimal.signum() == 0 ? "0" : decimal.toPlainString();
      } catch (NumberFormatException e) {
        return n.toString();
      }
    }
    if (value instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    return value.toString();
  }

  /** Marks the run successful: its databases are dropped on close. */
  void succeeded() {
    succeeded = true;
  }

  @Override
  public void close() throws SQLException {
    for (Connection connection : List.of(app, plainPrimary, plainDolt)) {
      try {
        connection.close();
      } catch (SQLException e) {
        // closing after the run; its result is already decided
      }
    }
    io.doltsync.DoltSync.stopMirrors();
    if (succeeded) {
      primary.drop(database);
      dolt.drop();
    }
  }
}
