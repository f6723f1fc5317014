package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.MySqlClient;
import io.doltsync.testing.PrimaryKind;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Two PostgreSQL schemas (or MariaDB databases) seeded alike, one reached raw and one through doltsync mirroring into a Dolt database,
 * each with a connection in manual-commit mode: the generator tests of the captured statements run every
 * application operation on both ({@link #runAlike}) and compare what the application sees, the two primaries, and
 * Dolt with the mirrored primary ({@link #assertMirrored}). Also the helpers those generators share: an
 * {@link Operation}, what a statement showed the application, and the scans PostgreSQL counts in a transaction.
 */
final class TwinPrimaries implements AutoCloseable {

  private final PrimaryKind.Space rawSpace;
  private final PrimaryKind.Space space;
  private final String doltDatabase;
  private final Connection raw;
  private final Connection app;
  private Savepoint rawSavepoint;
  private Savepoint appSavepoint;

  private TwinPrimaries(PrimaryKind.Space rawSpace, PrimaryKind.Space space, String doltDatabase, Connection raw,
      Connection app) {
    this.rawSpace = rawSpace;
    this.space = space;
    this.doltDatabase = doltDatabase;
    this.raw = raw;
    this.app = app;
  }

  /**
   * Creates the schemas {@code prefix_raw} and {@code prefix}, seeds both with {@code seed}, and connects to the
   * first raw and to the second through doltsync (mirroring into {@code doltDatabase}, with the URL's further
   * {@code parameters}), both in manual-commit mode. The caller drops the Dolt database.
   */
  static TwinPrimaries open(String prefix, String doltDatabase, Seed seed, Map<String, String> parameters)
      throws SQLException {
    return open(PrimaryKind.POSTGRES, MySqlClient.MARIADB_JAVA_CLIENT, Map.of(), prefix, doltDatabase, seed,
        parameters);
  }

  /**
   * {@link #open(String, String, Seed, Map)} on {@code kind}'s server, reached through {@code client} (MariaDB), with
   * the driver's own URL parameters {@code driverParameters} on both connections (such as
   * {@code useServerPrepStmts}).
   */
  static TwinPrimaries open(PrimaryKind kind, MySqlClient client, Map<String, String> driverParameters, String prefix,
      String doltDatabase, Seed seed, Map<String, String> parameters) throws SQLException {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      PrimaryKind.Space rawSpace = kind.createSpace(prefix + "_raw");
      opened.add(rawSpace);
      PrimaryKind.Space space = kind.createSpace(prefix);
      opened.add(space);
      for (PrimaryKind.Space each : List.of(rawSpace, space)) {
        try (Connection c = each.connect()) {
          seed.create(c);
        }
      }
      String rawUrl = client.url(rawSpace.url());
      String appUrl = client.url(space.url());
      for (Map.Entry<String, String> parameter : driverParameters.entrySet()) {
        rawUrl = DoltSyncUrls.withParameter(rawUrl, parameter.getKey(), parameter.getValue());
        appUrl = DoltSyncUrls.withParameter(appUrl, parameter.getKey(), parameter.getValue());
      }
      String url = DoltSyncUrls.mirroring(appUrl, doltDatabase);
      for (Map.Entry<String, String> parameter : parameters.entrySet()) {
        url = DoltSyncUrls.withParameter(url, parameter.getKey(), parameter.getValue());
      }
      Connection raw = DriverManager.getConnection(rawUrl, kind.credentials());
      opened.add(raw);
      Connection app = DriverManager.getConnection(url, kind.credentials());
      opened.add(app);
      raw.setAutoCommit(false);
      app.setAutoCommit(false);
      return new TwinPrimaries(rawSpace, space, doltDatabase, raw, app);
    } catch (SQLException | RuntimeException e) {
      java.util.Collections.reverse(opened);
      closeAll(opened, e);
      throw e;
    }
  }

  /** The connection to the raw schema. */
  Connection raw() {
    return raw;
  }

  /** The connection through doltsync to the mirrored schema. */
  Connection app() {
    return app;
  }

  /**
   * Runs the operation on the raw connection, then through doltsync, and asserts that the application sees the
   * same; returns what it saw.
   */
  String runAlike(Operation operation, long seed) throws SQLException {
    String onRaw = operation.run(raw);
    String onApp = operation.run(app);
    assertThat(onApp).as("what the application sees of %s (seed %d)", operation, seed).isEqualTo(onRaw);
    return onRaw;
  }

  /** Sets a savepoint on both connections. */
  void setSavepoints() throws SQLException {
    rawSavepoint = raw.setSavepoint();
    appSavepoint = app.setSavepoint();
  }

  /** Whether {@link #setSavepoints} ran in the open transaction. */
  boolean hasSavepoints() {
    return rawSavepoint != null;
  }

  /** Rolls both connections back to their savepoints. */
  void rollbackToSavepoints() throws SQLException {
    raw.rollback(rawSavepoint);
    app.rollback(appSavepoint);
  }

  /** Commits both transactions. */
  void commit() throws SQLException {
    raw.commit();
    app.commit();
    rawSavepoint = appSavepoint = null;
  }

  /** Rolls both transactions back. */
  void rollback() throws SQLException {
    raw.rollback();
    app.rollback();
    rawSavepoint = appSavepoint = null;
  }

  /** Waits until doltsync has mirrored what it committed, then asserts that Dolt holds the mirrored tables' rows. */
  void assertMirrored(String... tables) throws Exception {
    app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
    MirrorComparison.assertSameRows(space, doltDatabase, tables);
  }

  /** Asserts that a query of one text column, ordered, answers the same in both schemas. */
  void assertSameOnBoth(String query, String what, long seed) throws SQLException {
    assertThat(texts(app, query)).as("%s of the two primaries (seed %d)", what, seed).isEqualTo(texts(raw, query));
  }

  private static List<String> texts(Connection c, String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  /** Closes the connections, then drops both schemas. */
  @Override
  public void close() throws SQLException {
    closeAll(List.of(app, raw, space, rawSpace), null);
  }

  private static void closeAll(List<AutoCloseable> resources, Throwable failure) throws SQLException {
    SQLException first = null;
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        if (failure != null) {
          failure.addSuppressed(e);
        } else if (first == null) {
          first = e instanceof SQLException sql ? sql : new SQLException(e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * Per table, {@code seq_scan + idx_scan} inside the connection's open transaction: PostgreSQL's view of it
   * also holds what the backend has not reported yet, which may include earlier transactions.
   */
  static Map<String, Long> scans(Connection c, String... tables) throws SQLException {
    Map<String, Long> scans = new LinkedHashMap<>();
    for (String table : tables) {
      scans.put(table, 0L);
    }
    List<String> names = new ArrayList<>();
    for (String table : tables) {
      names.add(quoted(table));
    }
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT relname, COALESCE(seq_scan, 0)"
        + " + COALESCE(idx_scan, 0) FROM pg_stat_xact_user_tables WHERE schemaname = current_schema()"
        + " AND relname IN (" + String.join(", ", names) + ")")) {
      while (rs.next()) {
        scans.put(rs.getString(1), rs.getLong(2));
      }
    }
    return scans;
  }

  /** Per table, the scans of {@code after} less those of {@code before}. */
  static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> delta = new LinkedHashMap<>();
    after.forEach((table, scans) -> delta.put(table, scans - before.get(table)));
    return delta;
  }

  /** A text drawn from {@code texts}, half the time with a number appended. */
  static String text(Random random, String[] texts) {
    return texts[random.nextInt(texts.length)] + (random.nextBoolean() ? "" : " " + random.nextInt(100));
  }

  /** A SQL string literal. */
  static String quoted(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** What the application saw of a statement: its {@code counts}, then its generated keys (columns x rows). */
  static String withKeys(Statement statement, String counts) throws SQLException {
    try (ResultSet keys = statement.getGeneratedKeys()) {
      int rows = 0;
      while (keys != null && keys.next()) {
        rows++;
      }
      return counts + " keys " + (keys == null ? "null" : keys.getMetaData().getColumnCount() + "x" + rows);
    }
  }

  /** What the application saw of a failing statement: its SQLState, and a batch's update counts. */
  static String error(SQLException e) {
    return "error " + e.getSQLState()
        + (e instanceof BatchUpdateException b ? " " + Arrays.toString(b.getUpdateCounts()) : "");
  }

  /** Creates and seeds a schema's tables. */
  @FunctionalInterface
  interface Seed {
    void create(Connection c) throws SQLException;
  }

  /** The body of an {@link Operation}: runs it on one connection and returns what the application saw. */
  @FunctionalInterface
  interface Run {
    String run(Connection c) throws SQLException;
  }

  /**
   * One application operation, every value fixed when it is generated, run alike on both connections: its text for
   * messages, the pre-selects doltsync sends for it (per table, packed one byte each in the order the test names its
   * tables), whether doltsync captures it from the statement's returned rows, and its body.
   */
  record Operation(String sql, int preSelects, boolean returned, Run body) {

    /** Runs the body; a failure is what the application saw ({@link #error}). */
    String run(Connection c) throws SQLException {
      try {
        return body.run(c);
      } catch (SQLException e) {
        return error(e);
      }
    }

    @Override
    public String toString() {
      return sql;
    }
  }
}
