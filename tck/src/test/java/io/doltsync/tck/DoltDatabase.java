package io.doltsync.tck;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The Dolt database a run mirrors into: a fresh name on a Dolt server (the shared test server, or a
 * dedicated {@link DoltProcess}); doltsync creates it on first use.
 */
final class DoltDatabase {

  private final int port;
  private final String name;

  DoltDatabase(int port, String name) {
    this.port = port;
    this.name = name;
  }

  /** A fresh database name on the shared Dolt test server. */
  static DoltDatabase fresh() {
    return new DoltDatabase(Servers.doltPort(), Servers.uniqueName("tck"));
  }

  String name() {
    return name;
  }

  /** The value of {@code doltsync.target}. */
  String targetUrl() {
    return Servers.doltUrl(port, name);
  }

  Connection connect() throws SQLException {
    return Servers.connect(targetUrl(), Servers.DOLT_USER, "");
  }

  /** The branch's commits, oldest first (the history is linear: only the applier writes the branch). */
  List<DoltCommit> log() throws SQLException {
    try (Connection dolt = connect()) {
      return log(dolt);
    }
  }

  static List<DoltCommit> log(Connection dolt) throws SQLException {
    List<DoltCommit> commits = new ArrayList<>();
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SELECT commit_hash, committer, email, message FROM dolt_log")) {
      while (rs.next()) {
        commits.add(new DoltCommit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
      }
    }
    Collections.reverse(commits);
    return commits;
  }

  /** Waits until the bootstrap commit exists (the applier makes it when the first doltsync connection opens). */
  void awaitBootstrap(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (log().stream().anyMatch(DoltCommit::isBootstrap)) {
          return;
        }
      } catch (SQLException e) {
        // the database does not exist yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no doltsync bootstrap commit in Dolt database " + name + " within " + timeout);
  }

  /** Removes the database (after a successful run). */
  void drop() throws SQLException {
    try (Connection server = Servers.connect(Servers.doltUrl(port, ""), Servers.DOLT_USER, "");
        Statement statement = server.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS `" + name + "`");
    }
  }
}
