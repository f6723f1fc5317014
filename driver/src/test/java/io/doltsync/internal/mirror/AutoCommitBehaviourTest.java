package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An application in auto-commit mode sees through doltsync exactly what the raw driver shows it: a generator
 * makes random sequences of auto-commit operations (lone inserts, updates and deletes, some failing on a
 * duplicate key, runs of them, reads after another connection's commit, locking reads, generated keys,
 * batches, a manual-commit transaction in between, DDL, metadata, {@code @@autocommit}, the driver's own
 * connection through {@code unwrap}), runs each on a raw connection and on a doltsync connection (twin
 * tables), and compares every outcome: update counts, rows read, keys, error SQLStates and codes,
 * {@code getAutoCommit()}. After each operation a third, plain connection checks that both sides' tables hold
 * the same rows (a write is committed when the call returns) and that it can lock every row at once (no lock
 * is left behind). On MariaDB a run of lone writes leaves the primary's session in {@code autocommit=0}
 * between them; this is what proves the application never notices.
 */
class AutoCommitBehaviourTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int OPERATIONS = Integer.getInteger("doltsync.test.autoCommitOperations", 70);

  static Stream<Arguments> primaries() {
    return Stream.of(Arguments.of(PrimaryKind.MARIADB, false), Arguments.of(PrimaryKind.MARIADB, true),
        Arguments.of(PrimaryKind.POSTGRES, false), Arguments.of(PrimaryKind.H2, false));
  }

  @ParameterizedTest(name = "{0}, Connector/J {1}")
  @MethodSource("primaries")
  void autoCommitOperationsBehaveAsRaw(PrimaryKind kind, boolean connectorJ) throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("autocommit");
    try (PrimaryKind.Space space = kind.createSpace("autocommit")) {
      String rawUrl = connectorJ ? TestServers.asConnectorJ(space.url()) : space.url();
      try (Connection setup = space.connect(); Statement s = setup.createStatement()) {
        for (String side : List.of("r", "d")) {
          s.execute("CREATE TABLE " + side + "_t (id INT PRIMARY KEY, v VARCHAR(20))");
          s.execute("CREATE TABLE " + side + "_g (id " + identity(kind) + ", v VARCHAR(20))");
        }
      }
      Map<String, String> options = new LinkedHashMap<>();
      options.put("doltsync.target", TestServers.doltUrl(doltDb));
      options.put("doltsync.applier", "false");
      try (Connection raw = DriverManager.getConnection(rawUrl, kind.credentials());
          Connection app = DriverManager.getConnection(DoltSyncUrls.wrap(rawUrl, options), kind.credentials());
          Connection observer = space.connect()) {
        observer.setAutoCommit(false);
        setLockTimeout(kind, observer);
        Side rawSide = new Side(kind, raw, "r");
        Side appSide = new Side(kind, app, "d");
        List<String> done = new ArrayList<>();
        int primaryLeftOff = 0;
        for (int i = 0; i < OPERATIONS; i++) {
          Operation operation = Operation.values()[random.nextInt(Operation.values().length)];
          int runLength = operation.isLoneWrite() ? 1 + random.nextInt(4) : 1;
          for (int k = 0; k < runLength; k++) {
            int id = 1 + random.nextInt(12);
            String value = "v" + random.nextInt(1000);
            if (operation == Operation.READ_AFTER_OTHER_COMMIT) {
              commitBehindTheirBacks(observer, id, value);
            }
            Object expected = rawSide.run(operation, id, value);
            Object actual = appSide.run(operation, id, value);
            done.add(operation + "(" + id + ")");
            String context = "seed " + SEED + ", after " + done;
            assertThat(actual).as("outcome through doltsync, %s", context).isEqualTo(expected);
            if (!((io.doltsync.internal.jdbc.wrapper.ConnectionWrapper) app).delegate().getAutoCommit()) {
              primaryLeftOff++; // the driver's own view, without the restore an application call makes
            }
            assertThat(app.getAutoCommit()).as("getAutoCommit(), %s", context).isTrue();
            assertThat(rows(observer, "d_t")).as("committed rows, %s", context).isEqualTo(rows(observer, "r_t"));
            assertThat(rows(observer, "d_g")).as("committed rows, %s", context).isEqualTo(rows(observer, "r_g"));
            assertThat(locksEveryRow(kind, observer, "d_t") && locksEveryRow(kind, observer, "d_g"))
                .as("another connection locks every row, %s", context).isTrue();
          }
        }
        if (kind == PrimaryKind.MARIADB && !connectorJ) {
          assertThat(primaryLeftOff).as("operations after which MariaDB's session was left in autocommit=0 (seed %d)",
              SEED).isPositive();
        } else {
          assertThat(primaryLeftOff).as("only MariaDB through MariaDB Connector/J is left in autocommit=0").isZero();
        }
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  /**
   * A connection of the application's pool wrapped by doltsync goes back to the pool in auto-commit mode, even
   * when a run of lone writes left MariaDB's session in {@code autocommit=0}: every physical connection of the
   * pool then answers {@code @@autocommit = 1}, and a plain read through it sees another connection's commit.
   */
  @org.junit.jupiter.api.Test
  void aPooledConnectionGoesBackInAutoCommitMode() throws Exception {
    String doltDb = DoltDatabases.newName("acpool");
    try (PrimaryKind.Space space = PrimaryKind.MARIADB.createSpace("acpool")) {
      try (Connection setup = space.connect(); Statement s = setup.createStatement()) {
        s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
      }
      com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
      config.setJdbcUrl(space.url());
      config.setUsername(PrimaryKind.MARIADB.user());
      config.setPassword(PrimaryKind.MARIADB.password());
      config.setMaximumPoolSize(3);
      try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(config)) {
        io.doltsync.jdbc.DoltSyncDataSource dataSource = io.doltsync.jdbc.DoltSyncDataSource.wrap(pool);
        dataSource.setTarget(TestServers.doltUrl(doltDb));
        dataSource.setApplier(false);
        int leftOff = 0;
        for (int round = 0; round < 3; round++) {
          try (Connection app = dataSource.getConnection()) {
            for (int id = 1; id <= 4; id++) {
              try (PreparedStatement insert = app.prepareStatement("REPLACE INTO t (id, v) VALUES (?, ?)")) {
                insert.setInt(1, id);
                insert.setString(2, "r" + round);
                insert.executeUpdate();
              }
            }
            if (!((io.doltsync.internal.jdbc.wrapper.ConnectionWrapper) app).delegate().getAutoCommit()) {
              leftOff++;
            }
          }
        }
        assertThat(leftOff).as("runs that left the session in autocommit=0 before close").isEqualTo(3);
        List<Connection> all = new ArrayList<>();
        try {
          for (int i = 0; i < 3; i++) {
            all.add(pool.getConnection());
          }
          try (Connection other = space.connect(); Statement s = other.createStatement()) {
            s.executeUpdate("UPDATE t SET v = 'other' WHERE id = 1");
          }
          for (Connection physical : all) {
            try (Statement s = physical.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@autocommit, (SELECT v FROM t WHERE id = 1)")) {
              rs.next();
              assertThat(rs.getInt(1)).as("@@autocommit of a pooled connection").isEqualTo(1);
              assertThat(rs.getString(2)).as("a read sees the latest commit").isEqualTo("other");
            }
            assertThat(physical.getAutoCommit()).isTrue();
          }
        } finally {
          for (Connection physical : all) {
            physical.close();
          }
        }
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  /** What the application does, in auto-commit mode unless it says otherwise. */
  enum Operation {
    INSERT, UPDATE, DELETE, READ_AFTER_OTHER_COMMIT, LOCKING_READ, GENERATED_KEY, BATCH, MANUAL_TRANSACTION, DDL,
    METADATA, SESSION_AUTOCOMMIT, UNWRAPPED, UPSERT_AS_TEXT;

    boolean isLoneWrite() {
      return this == INSERT || this == UPDATE || this == DELETE || this == GENERATED_KEY || this == UPSERT_AS_TEXT;
    }
  }

  /** One side of the comparison: a connection and its own twin tables. */
  private record Side(PrimaryKind kind, Connection connection, String prefix) {

    Object run(Operation operation, int id, String value) throws SQLException {
      String t = prefix + "_t";
      String g = prefix + "_g";
      try {
        return switch (operation) {
          case INSERT -> update("INSERT INTO " + t + " (id, v) VALUES (?, ?)", id, value);
          case UPDATE -> update("UPDATE " + t + " SET v = ? WHERE id = ?", value, id);
          case DELETE -> update("DELETE FROM " + t + " WHERE id = ?", id);
          case UPSERT_AS_TEXT -> {
            try (Statement s = connection.createStatement()) {
              yield s.executeUpdate("UPDATE " + t + " SET v = '" + value + "' WHERE id >= " + id);
            }
          }
          case READ_AFTER_OTHER_COMMIT -> rows(connection, t);
          case LOCKING_READ -> {
            try (PreparedStatement s = connection.prepareStatement("SELECT v FROM " + t + " WHERE id = ? FOR UPDATE")) {
              s.setInt(1, id);
              try (ResultSet rs = s.executeQuery()) {
                yield rs.next() ? rs.getString(1) : "none";
              }
            }
          }
          case GENERATED_KEY -> {
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO " + g + " (v) VALUES (?)",
                Statement.RETURN_GENERATED_KEYS)) {
              s.setString(1, value);
              int count = s.executeUpdate();
              try (ResultSet keys = s.getGeneratedKeys()) {
                yield List.of(count, keys.next() ? keys.getLong(1) : -1L);
              }
            }
          }
          case BATCH -> {
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO " + t + " (id, v) VALUES (?, ?)")) {
              for (int k = 0; k < 3; k++) {
                s.setInt(1, id + 5 * k);
                s.setString(2, value);
                s.addBatch();
              }
              yield Arrays.stream(s.executeBatch()).boxed().toList();
            } catch (BatchUpdateException e) {
              yield List.of("batch failed", e.getSQLState(), e.getErrorCode(),
                  Arrays.stream(e.getUpdateCounts()).boxed().toList());
            }
          }
          case MANUAL_TRANSACTION -> {
            connection.setAutoCommit(false);
            boolean manual = !connection.getAutoCommit();
            update("UPDATE " + t + " SET v = ? WHERE id = ?", value + "m", id);
            if (id % 3 == 0) {
              connection.rollback();
            } else {
              connection.commit();
            }
            connection.setAutoCommit(true);
            yield List.of(manual, connection.getAutoCommit());
          }
          case DDL -> {
            try (Statement s = connection.createStatement()) {
              s.execute("CREATE TABLE " + prefix + "_x" + id + " (id INT PRIMARY KEY)");
              s.execute("DROP TABLE " + prefix + "_x" + id);
            }
            yield "ddl";
          }
          case METADATA -> {
            try (ResultSet rs = connection.getMetaData().getColumns(null, null, kind == PrimaryKind.H2
                ? t.toUpperCase() : t, null)) {
              int columns = 0;
              while (rs.next()) {
                columns++;
              }
              yield columns;
            }
          }
          case SESSION_AUTOCOMMIT -> {
            String sql = switch (kind) {
              case MARIADB -> "SELECT @@autocommit";
              case POSTGRES -> "SELECT current_setting('transaction_isolation')";
              case H2 -> "SELECT 1";
            };
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
              rs.next();
              yield rs.getString(1);
            }
          }
          case UNWRAPPED -> {
            Connection driver = connection.isWrapperFor(Connection.class) && connection.getClass().getName()
                .startsWith("io.doltsync") ? connection.unwrap(driverClass(connection)) : connection;
            yield driver.getAutoCommit();
          }
        };
      } catch (SQLException e) {
        return List.of("failed", String.valueOf(e.getSQLState()), e.getErrorCode());
      }
    }

    private int update(String sql, Object... values) throws SQLException {
      try (PreparedStatement s = connection.prepareStatement(sql)) {
        for (int i = 0; i < values.length; i++) {
          s.setObject(i + 1, values[i]);
        }
        return s.executeUpdate();
      }
    }

    /** The driver's own connection class behind a doltsync connection. */
    @SuppressWarnings("unchecked")
    private static Class<Connection> driverClass(Connection connection) {
      return (Class<Connection>) ((io.doltsync.internal.jdbc.wrapper.ConnectionWrapper) connection).delegate()
          .getClass();
    }
  }

  private static String identity(PrimaryKind kind) {
    return switch (kind) {
      case MARIADB -> "INT AUTO_INCREMENT PRIMARY KEY";
      case POSTGRES -> "SERIAL PRIMARY KEY";
      case H2 -> "INT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
    };
  }

  private static void setLockTimeout(PrimaryKind kind, Connection observer) throws SQLException {
    try (Statement s = observer.createStatement()) {
      s.execute(switch (kind) {
        case MARIADB -> "SET SESSION innodb_lock_wait_timeout = 1";
        case POSTGRES -> "SET lock_timeout = '1s'";
        case H2 -> "SET LOCK_TIMEOUT 1000";
      });
    }
    observer.commit();
  }

  /** Another connection commits a change to both sides' row, which the next reads must see. */
  private static void commitBehindTheirBacks(Connection observer, int id, String value) throws SQLException {
    for (String table : List.of("r_t", "d_t")) {
      try (PreparedStatement s = observer.prepareStatement("UPDATE " + table + " SET v = ? WHERE id = ?")) {
        s.setString(1, value + "o");
        s.setInt(2, id);
        s.executeUpdate();
      }
    }
    observer.commit();
  }

  private static List<String> rows(Connection connection, String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, v FROM " + table + " ORDER BY id")) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + "=" + rs.getString(2));
      }
    }
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
    return rows;
  }

  /** True when the observer can lock every row of the table (it rolls back at once); false on a lock wait timeout. */
  private static boolean locksEveryRow(PrimaryKind kind, Connection observer, String table) throws SQLException {
    try (Statement s = observer.createStatement()) {
      s.executeQuery("SELECT id FROM " + table + " FOR UPDATE").close();
      return true;
    } catch (SQLException e) {
      return false;
    } finally {
      observer.rollback();
    }
  }
}
