package io.doltsync.agent.apps;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * An application that knows nothing of doltsync: it opens its database through one of the usual ways
 * (DriverManager, a pool, a vendor DataSource) and runs {@code transactions} small transactions on a table
 * {@code ledger}. Run by the agent tests in a child JVM, with and without {@code -javaagent}.
 *
 * <p>Arguments: {@code <access> <url> <user> <password> <transactions> [<file>]} (with a file: after creating its
 * table, it waits until the file exists before the transactions); prints {@code WRAPPED <true|false>}
 * (whether the connection it got mirrors, seen only through JDBC's own {@code isWrapperFor}) and
 * {@code FIRST_STATEMENT_MILLIS <n>} (from the JVM's start to its first statement done) and
 * {@code MICROS_PER_TRANSACTION <n>}.
 */
public final class LedgerApp {

  private LedgerApp() {}

  public static void main(String[] args) throws Exception {
    String access = args[0];
    String url = args[1];
    String user = args[2];
    String password = args[3];
    int transactions = Integer.parseInt(args[4]);
    Access source = open(access, url, user, password);
    try {
      try (Connection connection = source.connect(); Statement sql = connection.createStatement()) {
        sql.execute("CREATE TABLE IF NOT EXISTS ledger (id INT PRIMARY KEY, who VARCHAR(40), amount DECIMAL(10,2))");
        System.out.println("FIRST_STATEMENT_MILLIS " + (System.currentTimeMillis()
            - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()));
        Class<?> doltSync = loadDoltSyncConnection();
        System.out.println("WRAPPED " + (doltSync != null && connection.isWrapperFor(doltSync)));
      }
      if (args.length > 5) {
        awaitFile(Path.of(args[5]));
        try (Connection connection = source.connect()) {
          Class<?> doltSync = loadDoltSyncConnection();
          System.out.println("WRAPPED " + (doltSync != null && connection.isWrapperFor(doltSync)));
        }
      }
      long started = System.nanoTime();
      for (int t = 0; t < transactions; t++) {
        try (Connection connection = source.connect()) {
          connection.setAutoCommit(false);
          try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger (id, who, amount) VALUES (?, ?, ?)")) {
            for (int r = 0; r < 2; r++) {
              insert.setInt(1, t * 2 + r);
              insert.setString(2, "client-" + t);
              insert.setBigDecimal(3, new java.math.BigDecimal(t + r + ".25"));
              insert.executeUpdate();
            }
          }
          try (PreparedStatement update = connection.prepareStatement("UPDATE ledger SET amount = amount + 1 WHERE id = ?")) {
            update.setInt(1, t * 2);
            update.executeUpdate();
          }
          connection.commit();
        }
      }
      long micros = (System.nanoTime() - started) / 1000 / Math.max(1, transactions);
      System.out.println("MICROS_PER_TRANSACTION " + micros);
    } finally {
      source.close();
    }
    System.out.println("DONE");
  }

  /** Says READY, then waits (at most a minute) until the file exists: the test attaches the agent meanwhile. */
  private static void awaitFile(Path file) throws InterruptedException {
    System.out.println("READY");
    System.out.flush();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(file) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  private static Class<?> loadDoltSyncConnection() {
    try {
      return Class.forName("io.doltsync.DoltSyncConnection");
    } catch (ClassNotFoundException absent) {
      return null;
    }
  }

  private static Access open(String access, String url, String user, String password) throws SQLException {
    switch (access) {
      case "drivermanager":
        return new Access(() -> DriverManager.getConnection(url, user, password), () -> {});
      case "hikari": {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(3);
        HikariDataSource pool = new HikariDataSource(config);
        return new Access(pool::getConnection, pool::close);
      }
      case "hikari-datasource": {
        HikariConfig config = new HikariConfig();
        config.setDataSource(vendorDataSource(url, user, password));
        config.setMaximumPoolSize(3);
        HikariDataSource pool = new HikariDataSource(config);
        return new Access(pool::getConnection, pool::close);
      }
      case "tomcat": {
        org.apache.tomcat.jdbc.pool.DataSource pool = new org.apache.tomcat.jdbc.pool.DataSource();
        pool.setUrl(url);
        pool.setDriverClassName(driverClass(url));
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaxActive(3);
        pool.setInitialSize(1);
        return new Access(pool::getConnection, pool::close);
      }
      case "dbcp2": {
        BasicDataSource pool = new BasicDataSource();
        pool.setUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaxTotal(3);
        return new Access(pool::getConnection, pool::close);
      }
      case "c3p0": {
        ComboPooledDataSource pool = new ComboPooledDataSource();
        pool.setJdbcUrl(url);
        pool.setUser(user);
        pool.setPassword(password);
        pool.setMaxPoolSize(3);
        return new Access(pool::getConnection, pool::close);
      }
      case "datasource": {
        DataSource vendor = vendorDataSource(url, user, password);
        return new Access(vendor::getConnection, () -> {});
      }
      default:
        throw new IllegalArgumentException("unknown access " + access);
    }
  }

  private static String driverClass(String url) {
    return url.startsWith("jdbc:h2:") ? "org.h2.Driver" : url.startsWith("jdbc:mariadb:") ? "org.mariadb.jdbc.Driver"
        : "org.postgresql.Driver";
  }

  private static DataSource vendorDataSource(String url, String user, String password) throws SQLException {
    if (url.startsWith("jdbc:h2:")) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(url);
      h2.setUser(user);
      h2.setPassword(password);
      return h2;
    }
    MariaDbDataSource mariaDb = new MariaDbDataSource(url);
    mariaDb.setUser(user);
    mariaDb.setPassword(password);
    return mariaDb;
  }

  /** How the application gets and gives back its connections. */
  private record Access(Open opener, Close closer) {
    Connection connect() throws SQLException {
      return opener.open();
    }

    void close() throws Exception {
      closer.close();
    }
  }

  private interface Open {
    Connection open() throws SQLException;
  }

  private interface Close {
    void close() throws Exception;
  }
}
