package io.doltsync.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The shared Dolt test server ({@code scripts/dolt.sh start}: 127.0.0.1:33307, user root, no password) that
 * the sample, agent and starter tests mirror into, each into a database of its own, and what they read back from
 * it. The database is dropped by {@link #drop()}, or else when the test JVM's JUnit session ends.
 * A test fails, never skips, when the server is not running.
 */
public final class DoltServer {

  private final String database;

  private DoltServer(String database) {
    this.database = database;
  }

  /** A fresh, unique database name on the Dolt test server; doltsync creates it on first use. */
  public static DoltServer newDatabase(String prefix) {
    return new DoltServer(uniqueName(prefix));
  }

  /** A fresh name for a database, schema or table, e.g. {@code wiki_3f2a9c1b0e} ({@link TestServers#uniqueName}). */
  public static String uniqueName(String prefix) {
    return TestServers.uniqueName(prefix);
  }

  public static int port() {
    return TestServers.doltPort();
  }

  public String database() {
    return database;
  }

  /** The value of {@code doltsync.target} that mirrors into this database. */
  public String targetUrl() {
    return "jdbc:mariadb://127.0.0.1:" + port() + "/" + database;
  }

  public Connection connect() throws SQLException {
    return open(targetUrl());
  }

  /** Every commit of {@code main}, oldest first. */
  public List<Commit> log() throws SQLException {
    List<Commit> commits = new ArrayList<>();
    try (Connection dolt = connect(); Statement sql = dolt.createStatement();
        ResultSet rs = sql.executeQuery("SELECT commit_hash, committer, email, message FROM dolt_log"
            + " ORDER BY commit_order")) {
      while (rs.next()) {
        commits.add(new Commit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
      }
    }
    return commits;
  }

  /** The rows of a query on the Dolt database, each as its columns joined by {@code |}. */
  public List<String> rows(String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection dolt = connect(); Statement sql = dolt.createStatement(); ResultSet rs = sql.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
          row.append(c > 1 ? "|" : "").append(rs.getString(c));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  /** Polls the log until it satisfies {@code condition} (the mirror is asynchronous); returns it. */
  public List<Commit> awaitLog(Predicate<List<Commit>> condition) throws Exception {
    return await(this::log, condition);
  }

  /** Polls a query until its rows satisfy {@code condition}; returns them. */
  public List<String> awaitRows(String query, Predicate<List<String>> condition) throws Exception {
    return await(() -> rows(query), condition);
  }

  private static <T> T await(Read<T> read, Predicate<T> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    T last = null;
    SQLException lastError = null;
    while (System.nanoTime() < deadline) {
      try {
        last = read.read();
        if (condition.test(last)) {
          return last;
        }
      } catch (SQLException notYet) {
        lastError = notYet; // the database or table may not be mirrored yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Dolt did not reach the expected state within 30 s; last read: " + last, lastError);
  }

  /**
   * Drops the database. Stop the mirrors that write into it first (the applications' JVMs have exited, or
   * {@code DoltSync.stopMirrors()} in this one), or an applier may still write into it.
   */
  public void drop() throws SQLException {
    try (Connection dolt = open("jdbc:mariadb://127.0.0.1:" + port() + "/"); Statement sql = dolt.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS `" + database + "`");
    }
  }

  private static Connection open(String url) throws SQLException {
    try {
      return DriverManager.getConnection(url, "root", "");
    } catch (SQLException e) {
      if (e.getSQLState() == null || !e.getSQLState().startsWith("08")) {
        throw e; // reached, but e.g. the database does not exist yet
      }
      throw new SQLException("cannot reach the Dolt test server at " + url + " (start it with scripts/dolt.sh start): "
          + e.getMessage(), e.getSQLState(), e);
    }
  }

  @FunctionalInterface
  private interface Read<T> {
    T read() throws SQLException;
  }

  /**
   * One Dolt commit: its author (Dolt's committer, which doltsync sets to the author) and its message, whose
   * first line is the transaction's message and whose trailer lines doltsync adds.
   */
  public record Commit(String hash, String author, String email, String fullMessage) {

    public String message() {
      int newline = fullMessage.indexOf('\n');
      return newline < 0 ? fullMessage : fullMessage.substring(0, newline);
    }

    /** True for the commits doltsync wrote for primary transactions (not Dolt's first one, not the bootstrap). */
    public boolean isTransaction() {
      return fullMessage.contains("\nDoltsync-Transaction: ");
    }

    @Override
    public String toString() {
      return author + " <" + email + ">: " + message();
    }
  }
}
