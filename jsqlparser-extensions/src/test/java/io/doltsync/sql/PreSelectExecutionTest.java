package io.doltsync.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.sql.WriteAnalysis.Status;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Builds each pre-select exactly as {@link PreSelect} describes it, runs it on an in-memory H2 database
 * and checks that it finds the rows the statement then changes. Statements H2 cannot run as MySQL or
 * PostgreSQL would (multi-table UPDATE and DELETE, DELETE ... USING, and UPDATE ... ORDER BY, whose
 * ORDER BY H2 ignores) are checked against the rows they would change.
 */
class PreSelectExecutionTest {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  static Stream<Arguments> statementsH2Runs() {
    return Stream.of(
        Arguments.of(SqlDialect.MYSQL, "MySQL", "UPDATE item i SET qty = qty + ? WHERE i.grp = ? AND i.note <> 'b'",
            List.of(10, 1)),
        Arguments.of(SqlDialect.MYSQL, "MySQL",
            "UPDATE item SET qty = 0 WHERE grp IN (SELECT id FROM grp WHERE name LIKE ?) LIMIT ?", List.of("t%", 3)),
        Arguments.of(SqlDialect.MARIADB, "MariaDB", "DELETE FROM item WHERE qty > ? -- big ones\n LIMIT 1", List.of(2)),
        Arguments.of(SqlDialect.MYSQL, "MySQL",
            "DELETE FROM item WHERE id IN (SELECT i.id FROM item i JOIN grp g ON g.id = i.grp WHERE g.name = ?)",
            List.of("two")),
        Arguments.of(SqlDialect.H2, "Regular", "UPDATE \"ITEM\" AS x SET note = ? WHERE x.qty BETWEEN ? AND ? -- done",
            List.of("z", 2, 4)),
        Arguments.of(SqlDialect.H2, "Regular", "DELETE FROM item WHERE grp = ? AND /* why */ note LIKE ?",
            List.of(3, "e%")),
        Arguments.of(SqlDialect.POSTGRESQL, "PostgreSQL",
            "UPDATE item AS i SET qty = 9 FROM grp g WHERE g.id = i.grp AND g.name = ?", List.of("two")));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("statementsH2Runs")
  void selectsTheRowsTheStatementChanges(SqlDialect dialect, String mode, String sql, List<Object> parameters)
      throws SQLException {
    try (Connection connection = shop(mode)) {
      TableWrite write = onlyWrite(new WriteAnalyzer(dialect).analyze(sql));
      Set<Integer> selected = preSelectKeys(connection, write.preSelect(), parameters);
      Map<Integer, List<Object>> before = items(connection);
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        bind(statement, parameters, allIndexes(parameters));
        statement.executeUpdate();
      }
      Map<Integer, List<Object>> after = items(connection);
      Set<Integer> changed = new TreeSet<>();
      before.forEach((id, row) -> {
        if (!Objects.equals(row, after.get(id))) {
          changed.add(id);
        }
      });
      assertThat(selected).isNotEmpty().hasSizeLessThan(before.size()).isEqualTo(changed);
    }
  }

  static Stream<Arguments> statementsH2CannotRun() {
    return Stream.of(
        Arguments.of(SqlDialect.MYSQL, "MySQL",
            "UPDATE item i JOIN grp g ON g.id = i.grp SET i.qty = 0, g.name = ? WHERE g.name = ? AND i.qty > ?",
            List.of("renamed", "two", 3), Map.of("item", Set.of(4), "grp", Set.of(2))),
        Arguments.of(SqlDialect.MYSQL, "MySQL",
            "UPDATE item SET qty = 0 WHERE grp IN (SELECT id FROM grp WHERE name LIKE ?) ORDER BY id DESC LIMIT ?",
            List.of("t%", 3), Map.of("item", Set.of(4, 5, 6))),
        Arguments.of(SqlDialect.MYSQL, "MySQL", "DELETE i FROM item i JOIN grp g ON g.id = i.grp WHERE g.name = ?",
            List.of("one"), Map.of("item", Set.of(1, 2))),
        Arguments.of(SqlDialect.POSTGRESQL, "PostgreSQL",
            "DELETE FROM item AS i USING grp g WHERE g.id = i.grp AND g.name <> ? RETURNING i.id",
            List.of("one"), Map.of("item", Set.of(3, 4, 5, 6))));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("statementsH2CannotRun")
  void selectsTheRowsEachTargetWouldLose(SqlDialect dialect, String mode, String sql, List<Object> parameters,
      Map<String, Set<Integer>> expected) throws SQLException {
    try (Connection connection = shop(mode)) {
      WriteAnalysis analysis = new WriteAnalyzer(dialect).analyze(sql);
      assertThat(analysis.status()).isEqualTo(Status.ANALYZED);
      Map<String, Set<Integer>> selected = new HashMap<>();
      for (TableWrite write : analysis.tableWrites()) {
        selected.put(write.table(), preSelectKeys(connection, write.preSelect(), parameters));
      }
      assertThat(selected).isEqualTo(expected);
    }
  }

  private static TableWrite onlyWrite(WriteAnalysis analysis) {
    assertThat(analysis.status()).isEqualTo(Status.ANALYZED);
    assertThat(analysis.tableWrites()).hasSize(1);
    return analysis.tableWrites().get(0);
  }

  /** Runs {@code SELECT <keyQualifier>.id FROM <from> [WHERE <where>] [<tail>] FOR UPDATE} with the statement's parameters. */
  private static Set<Integer> preSelectKeys(Connection connection, PreSelect preSelect, List<Object> parameters)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ").append(preSelect.keyQualifier()).append(".id FROM ")
        .append(preSelect.fromClause());
    if (preSelect.whereClause() != null) {
      sql.append(" WHERE ").append(preSelect.whereClause());
    }
    if (preSelect.tailClause() != null) {
      sql.append(' ').append(preSelect.tailClause());
    }
    sql.append(" FOR UPDATE");
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      bind(statement, parameters, preSelect.parameterIndexes());
      Set<Integer> keys = new TreeSet<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          keys.add(rows.getInt(1));
        }
      }
      return keys;
    }
  }

  /** Binds {@code parameters[indexes[k] - 1]} to parameter k + 1. */
  private static void bind(PreparedStatement statement, List<Object> parameters, List<Integer> indexes)
      throws SQLException {
    for (int k = 0; k < indexes.size(); k++) {
      statement.setObject(k + 1, parameters.get(indexes.get(k) - 1));
    }
  }

  private static List<Integer> allIndexes(List<Object> parameters) {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 1; i <= parameters.size(); i++) {
      indexes.add(i);
    }
    return indexes;
  }

  /** A fresh database: six items in three groups. */
  private static Connection shop(String mode) throws SQLException {
    Connection connection = DriverManager.getConnection(
        "jdbc:h2:mem:preselect" + DATABASES.incrementAndGet() + ";MODE=" + mode + ";DATABASE_TO_UPPER=TRUE");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE item (id INT PRIMARY KEY, grp INT, qty INT, note VARCHAR(20))");
      statement.execute("CREATE TABLE grp (id INT PRIMARY KEY, name VARCHAR(20))");
      statement.execute("INSERT INTO item VALUES (1, 1, 1, 'a'), (2, 1, 2, 'b'), (3, 2, 3, 'c'), (4, 2, 4, 'd'), "
          + "(5, 3, 5, 'e'), (6, 3, 6, 'f')");
      statement.execute("INSERT INTO grp VALUES (1, 'one'), (2, 'two'), (3, 'three')");
    }
    return connection;
  }

  private static Map<Integer, List<Object>> items(Connection connection) throws SQLException {
    Map<Integer, List<Object>> items = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, grp, qty, note FROM item")) {
      while (rows.next()) {
        items.put(rows.getInt(1), List.of(rows.getInt(2), rows.getInt(3), rows.getString(4)));
      }
    }
    return items;
  }
}
