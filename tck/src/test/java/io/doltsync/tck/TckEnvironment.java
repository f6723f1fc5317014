package io.doltsync.tck;

import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.jdbc.DoltSyncDataSource;
import io.doltsync.DoltSync;
import io.doltsync.spi.SourceDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;

/**
 * One run's world: a fresh primary database holding the workload schema and seed rows, a fresh Dolt
 * database, doltsync connections between them, and the oracle's {@link StateReader}. Closing it closes
 * every connection and stops this JVM's mirrors; both databases are dropped only after a successful run,
 * so a failed one can be inspected.
 */
final class TckEnvironment implements AutoCloseable {

  static final String JOURNAL_TABLE = "doltsync_journal";
  static final Duration MIRROR_TIMEOUT = Duration.ofSeconds(120);

  private final PrimaryDatabase primary;
  private final DoltDatabase dolt;
  private final SourceDialect dialect;
  private final StateReader reader;
  private final List<Connection> opened = new ArrayList<>();
  private boolean succeeded;

  private TckEnvironment(PrimaryDatabase primary, DoltDatabase dolt, SourceDialect dialect) {
    this.primary = primary;
    this.dolt = dolt;
    this.dialect = dialect;
    this.reader = new StateReader(primary.primary(), dialect, JOURNAL_TABLE);
  }

  /** Creates the primary database with the workload schema and seed rows (nothing mirrored yet). */
  static TckEnvironment create(Primary primary, DoltDatabase dolt, long seed) throws SQLException {
    PrimaryDatabase database = primary.createDatabase();
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      for (String sql : primary.schema()) {
        statement.execute(sql);
      }
      for (String sql : WorkloadSchema.seedRows(new Random(seed))) {
        statement.execute(sql);
      }
    }
    return new TckEnvironment(database, dolt, SourceDialects.forUrl(database.url()));
  }

  PrimaryDatabase primary() {
    return primary;
  }

  DoltDatabase dolt() {
    return dolt;
  }

  SourceDialect dialect() {
    return dialect;
  }

  StateReader reader() {
    return reader;
  }

  /** The doltsync options of this run's connections, before per-connection additions. */
  Properties doltSyncProperties() {
    Properties properties = primary.credentials();
    properties.setProperty("doltsync.target", primary.primary().doltTarget(dolt.targetUrl()));
    properties.setProperty("doltsync.targetUser", Servers.DOLT_USER);
    properties.setProperty("doltsync.targetPassword", "");
    properties.setProperty("doltsync.syncTimeout", MIRROR_TIMEOUT.toSeconds() + "s");
    return properties;
  }

  /** A doltsync connection (the first one of the JVM for this primary starts the mirror and its applier). */
  Connection openDoltSync() throws SQLException {
    return openDoltSync(doltSyncProperties(), primary.doltSyncUrl());
  }

  /** A doltsync connection with the given options and URL. */
  Connection openDoltSync(Properties properties, String url) throws SQLException {
    Connection connection = DriverManager.getConnection(url, properties);
    synchronized (opened) {
      opened.add(connection);
    }
    return connection;
  }

  /**
   * A second application instance: a {@link DoltSyncDataSource} over the same primary (under another URL
   * text, so it gets a mirror of its own in this JVM) and the same Dolt database.
   */
  DoltSyncDataSource secondInstance(String instance) {
    DoltSyncDataSource dataSource = new DoltSyncDataSource();
    dataSource.setUrl(primary.primary().aliasUrl(primary.doltSyncUrl()));
    dataSource.setUser(primary.user());
    dataSource.setPassword(primary.password());
    dataSource.setTarget(primary.primary().doltTarget(dolt.targetUrl()));
    dataSource.setTargetUser(Servers.DOLT_USER);
    dataSource.setTargetPassword("");
    dataSource.setSyncTimeout(MIRROR_TIMEOUT.toSeconds() + "s");
    dataSource.setInstance(instance);
    return dataSource;
  }

  /** A connection of a data source, closed with the environment. */
  Connection open(DoltSyncDataSource dataSource) throws SQLException {
    Connection connection = dataSource.getConnection();
    synchronized (opened) {
      opened.add(connection);
    }
    return connection;
  }

  /** A plain connection to the primary, closed with the environment. */
  Connection openPrimary() throws SQLException {
    Connection connection = primary.connect();
    synchronized (opened) {
      opened.add(connection);
    }
    return connection;
  }

  /** Marks the run successful: its databases are dropped on close. */
  void succeeded() {
    succeeded = true;
  }

  @Override
  public void close() throws SQLException {
    synchronized (opened) {
      for (Connection connection : opened) {
        try {
          connection.close();
        } catch (SQLException e) {
          // closing after a failure; the first failure matters
        }
      }
    }
    DoltSync.stopMirrors();
    if (succeeded) {
      primary.primary().drop(primary);
      dolt.drop();
    } else {
      System.out.println("kept for inspection: primary " + primary.primary().name() + " " + primary.name()
          + ", Dolt database " + dolt.name());
    }
  }
}
