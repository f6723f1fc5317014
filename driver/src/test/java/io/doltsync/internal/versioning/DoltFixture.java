package io.doltsync.internal.versioning;

import io.doltsync.internal.jdbc.wrapper.DoltResult;
import io.doltsync.testing.QueryRows;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fresh Dolt database on the test server for one test class: table {@code orders} committed on branch
 * {@code main} (the mirrored branch), a {@link MirrorStandIn}, and versioning sessions on it.
 */
final class DoltFixture implements AutoCloseable {

  static final String MIRRORED = "main";

  final String database;
  final MirrorStandIn mirror;
  private final List<VersioningSession> sessions = new ArrayList<>();

  private DoltFixture(String database) {
    this.database = database;
    this.mirror = new MirrorStandIn(database);
  }

  /** Creates the database with {@code orders (id, item, qty)} holding (1, apple, 3) and (2, pear, 5). */
  static DoltFixture create(String prefix) throws SQLException {
    String database = TestServers.createDoltDatabase(prefix);
    try (Connection dolt = TestServers.dolt(database); Statement statement = dolt.createStatement()) {
      statement.execute("CREATE TABLE orders (id INT PRIMARY KEY, item VARCHAR(40) NOT NULL, qty INT NOT NULL)");
      statement.execute("INSERT INTO orders VALUES (1, 'apple', 3), (2, 'pear', 5)");
      statement.execute("CALL dolt_commit('-Am', 'orders')");
    }
    return new DoltFixture(database);
  }

  /** A new session on the database, closed with the fixture. */
  VersioningSession session() {
    return session(mirror);
  }

  /** A new session committing the primary transaction through {@code primary}, closed with the fixture. */
  VersioningSession session(PrimaryTransactions primary) {
    VersioningSession session = new VersioningSession(() -> TestServers.dolt(database), database, MIRRORED, primary);
    sessions.add(session);
    return session;
  }

  /** Runs SQL text through a session, as the driver does for a Statement. */
  static DoltResult run(VersioningSession session, String sql) throws SQLException {
    return session.execute(sql, List.of(), null);
  }

  /** The first column of the first row of a session's result; null when it has no row. */
  static String value(DoltResult result) throws SQLException {
    List<List<String>> rows = rows(result);
    return rows.isEmpty() ? null : rows.get(0).get(0);
  }

  /** Every row of a session's result (closed afterwards). */
  static List<List<String>> rows(DoltResult result) throws SQLException {
    try (ResultSet resultSet = result.resultSet()) {
      return QueryRows.of(resultSet);
    }
  }


  /** Runs a query on a connection of its own (branch main) and returns its first value. */
  String query(String sql, Object... values) throws SQLException {
    try (Connection dolt = TestServers.dolt(database)) {
      return SqlRunner.value(dolt, sql, values);
    }
  }

  /** Runs a query on a connection of its own (branch main) and returns its rows. */
  List<List<String>> queryRows(String sql, Object... values) throws SQLException {
    try (Connection dolt = TestServers.dolt(database)) {
      return SqlRunner.rows(dolt, sql, values);
    }
  }

  /** Runs statements on a connection of their own (branch main), as a user of Dolt would. */
  void execute(String... statements) throws SQLException {
    try (Connection dolt = TestServers.dolt(database); Statement statement = dolt.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /** The commit a branch (or any ref) is at. */
  String hashOf(String ref) throws SQLException {
    return query("SELECT HASHOF(?)", ref);
  }

  /** Committer, email and message of a commit. */
  List<String> commitInfo(String hash) throws SQLException {
    List<List<String>> rows = queryRows("SELECT committer, email, message FROM dolt_commits WHERE commit_hash = ?", hash);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /**
   * The parents of a commit, in order. (Read from {@code dolt_log}: Dolt 1.86.4 fails on {@code
   * dolt_commit_ancestors WHERE commit_hash = <a merge commit>}, "max1Row iterator returned more than one row".)
   */
  List<String> parents(String hash) throws SQLException {
    String parents = query("SELECT parents FROM dolt_log(?, '--parents', '-n', '1')", hash);
    return parents.isEmpty() ? List.of() : List.of(parents.split(",\\s*"));
  }

  /** The names of the database's branches. */
  List<String> branches() throws SQLException {
    return queryRows("SELECT name FROM dolt_branches ORDER BY name").stream().map(row -> row.get(0)).toList();
  }

  /** Closes the sessions, then drops the database. */
  @Override
  public void close() throws SQLException {
    SQLException failure = null;
    for (VersioningSession session : sessions) {
      try {
        session.close();
      } catch (SQLException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
    try (Connection dolt = TestServers.dolt(); Statement statement = dolt.createStatement()) {
      statement.execute("DROP DATABASE " + database);
    }
  }

  /** The values as a list, for {@link VersioningSession#execute}. */
  static List<Object> values(Object... values) {
    return Arrays.asList(values);
  }
}
