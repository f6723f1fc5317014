package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.jdbc.wrapper.ConnectionWrapper;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A table and its twin in one new primary space, for generator tests of lone auto-commit writes: {@code r_<name>}
 * written through a raw connection ({@link #raw}), {@code d_<name>} through doltsync ({@link #app}, mirroring into
 * a new Dolt database), and an observer connection that reads what each committed. The test runs each write on both
 * and compares what the application saw and the committed rows ({@link #assertSameCommitted}); at the end Dolt must
 * hold the mirrored table with one commit per write that changed a row ({@link #assertMirroredExactly}).
 */
final class TwinTables implements AutoCloseable {

  private final PrimaryKind.Space space;
  private final String doltDatabase;
  private final String rawTable;
  private final String mirroredTable;
  private final String columns;
  private final Connection raw;
  private final Connection app;
  private final Connection observer;
  private final List<String> done = new ArrayList<>();
  private long commitsBefore;

  private TwinTables(PrimaryKind.Space space, String doltDatabase, String name, String columns, Connection raw,
      Connection app, Connection observer) {
    this.space = space;
    this.doltDatabase = doltDatabase;
    this.rawTable = "r_" + name;
    this.mirroredTable = "d_" + name;
    this.columns = columns;
    this.raw = raw;
    this.app = app;
    this.observer = observer;
  }

  /**
   * Creates a space named after {@code prefix} with the tables {@code r_<name>} and {@code d_<name>} as
   * {@code definition} declares them (the text after the table's name) and connects to it; {@code columns} are
   * those the comparisons read, the first being the key.
   */
  static TwinTables open(PrimaryKind kind, String prefix, String name, String definition, String columns)
      throws SQLException {
    String doltDatabase = DoltDatabases.newName(prefix);
    PrimaryKind.Space space = kind.createSpace(prefix);
    List<AutoCloseable> opened = new ArrayList<>(List.of(space));
    try {
      try (Connection setup = space.connect(); Statement s = setup.createStatement()) {
        for (String side : List.of("r", "d")) {
          s.execute("CREATE TABLE " + side + "_" + name + " " + definition);
        }
      }
      Connection raw = DriverManager.getConnection(space.url(), kind.credentials());
      opened.add(0, raw);
      Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDatabase),
          kind.credentials());
      opened.add(0, app);
      Connection observer = space.connect();
      return new TwinTables(space, doltDatabase, name, columns, raw, app, observer);
    } catch (SQLException | RuntimeException e) {
      closeAll(opened, doltDatabase, e);
      throw e;
    }
  }

  /** The raw connection, writing {@link #rawTable}. */
  Connection raw() {
    return raw;
  }

  /** The doltsync connection, writing {@link #mirroredTable}. */
  Connection app() {
    return app;
  }

  /** A third raw connection to the space. */
  Connection observer() {
    return observer;
  }

  /** The table the raw connection writes. */
  String rawTable() {
    return rawTable;
  }

  /** The table doltsync writes and mirrors. */
  String mirroredTable() {
    return mirroredTable;
  }

  /** The doltsync connection's mirroring session. */
  MirrorSession session() {
    return (MirrorSession) ((ConnectionWrapper) app).session();
  }

  /** Runs a statement on the raw and the doltsync connection, such as a session setting. */
  void onBoth(String sql) throws SQLException {
    for (Connection side : List.of(raw, app)) {
      try (Statement s = side.createStatement()) {
        s.execute(sql);
      }
    }
  }

  /** Waits until the mirror has bootstrapped, and counts Dolt's commits from here. */
  void startCounting() throws Exception {
    app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
    commitsBefore = DoltDatabases.commitCount(doltDatabase);
  }

  /**
   * Records an operation that ran on both connections and returns the context of the assertions about it: the
   * seed, {@code more}, and the last five operations.
   */
  String ran(Object operation, long seed, String more) {
    done.add(operation.toString());
    return "seed " + seed + more + ", after " + done.subList(Math.max(0, done.size() - 5), done.size());
  }

  /** Asserts that both tables hold the same committed rows. */
  void assertSameCommitted(String context) throws SQLException {
    assertThat(rows(observer, mirroredTable)).as("committed rows, %s", context).isEqualTo(rows(observer, rawTable));
  }

  /**
   * Waits until doltsync has mirrored everything, then asserts that Dolt's table equals the primary's and that Dolt
   * has one commit per write that changed a row ({@code changing}) since {@link #startCounting}.
   */
  void assertMirroredExactly(int changing, String writes, long seed) throws Exception {
    app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
    try (Connection dolt = TestServers.dolt(doltDatabase)) {
      assertThat(rows(dolt, mirroredTable)).as("Dolt's table after draining (seed %d)", seed)
          .isEqualTo(rows(observer, mirroredTable));
    }
    assertThat(DoltDatabases.commitCount(doltDatabase) - commitsBefore)
        .as("Dolt commits, one per %s that changed a row (seed %d)", writes, seed).isEqualTo(changing);
  }

  /** A failure's message with the raw table named as the mirrored one and without MariaDB's connection id. */
  String message(SQLException e) {
    return String.valueOf(e.getMessage()).replace(rawTable, mirroredTable).replaceAll("\\(conn=\\d+\\)", "");
  }

  /** The table's rows in key order, each as its values joined with {@code |} (decimals as plain strings). */
  private List<String> rows(Connection connection, String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + table + " ORDER BY 1")) {
      int count = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= count; c++) {
          Object value = rs.getObject(c);
          row.append(c == 1 ? "" : "|").append(value instanceof BigDecimal d ? d.toPlainString() : value);
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  /** Closes the connections and the space, then drops the Dolt database. */
  @Override
  public void close() throws SQLException {
    closeAll(List.of(observer, app, raw, space), doltDatabase, null);
  }

  private static void closeAll(List<AutoCloseable> resources, String doltDatabase, Throwable failure)
      throws SQLException {
    SQLException first = null;
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        first = suppressed(first, failure, e);
      }
    }
    try {
      DoltDatabases.drop(doltDatabase);
    } catch (SQLException e) {
      first = suppressed(first, failure, e);
    }
    if (first != null) {
      throw first;
    }
  }

  private static SQLException suppressed(SQLException first, Throwable failure, Exception e) {
    if (failure != null) {
      failure.addSuppressed(e);
      return first;
    }
    if (first == null) {
      return e instanceof SQLException sql ? sql : new SQLException(e);
    }
    first.addSuppressed(e);
    return first;
  }
}
