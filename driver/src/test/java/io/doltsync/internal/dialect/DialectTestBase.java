package io.doltsync.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.spi.UnmappableTypeException;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every dialect test shares: its own primary database (or schema) and its own Dolt database, both
 * fresh for the test class, and the contract tests that hold for every dialect alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DialectTestBase {

  protected Connection primary;
  protected Connection dolt;
  private String doltDatabase;

  protected abstract SourceDialect dialect();

  /** Creates the test's own primary database or schema; called once, before {@link #openPrimary()}. */
  protected abstract void createPrimary() throws SQLException;

  /** A new connection to the test's own primary database or schema. */
  protected abstract Connection openPrimary() throws SQLException;

  /** Drops the test's own primary database or schema. */
  protected abstract void dropPrimary() throws SQLException;

  @BeforeAll
  void connect() throws SQLException {
    createPrimary();
    primary = openPrimary();
    doltDatabase = TestServers.createDoltDatabase("dialect_" + dialect().name());
    dolt = TestServers.dolt(doltDatabase);
  }

  @AfterAll
  void disconnect() throws SQLException {
    if (dolt != null) {
      dolt.close();
      try (Connection server = TestServers.dolt()) {
        execute(server, "DROP DATABASE " + doltDatabase);
      }
    }
    if (primary != null) {
      primary.close();
      dropPrimary();
    }
  }

  protected static void execute(Connection connection, String... statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  protected MirrorRoundTrip roundTrip() {
    return new MirrorRoundTrip(dialect(), primary, dolt);
  }

  /** The Dolt column types of a table of the test's Dolt database, by column name, as Dolt reports them. */
  protected Map<String, String> doltColumnTypes(String table) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (PreparedStatement query = dolt.prepareStatement("SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS"
        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
      query.setString(1, table);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          types.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return types;
  }

  /**
   * The column types Dolt reports for a table created with these mapped types: the same, except that
   * Dolt's only {@code time} type, which keeps microseconds, is reported as {@code time(6)}.
   */
  protected static Map<String, String> asDoltReports(Map<String, String> mappedTypes) {
    Map<String, String> reported = new LinkedHashMap<>();
    mappedTypes.forEach((column, type) -> reported.put(column, type.equals("time") ? "time(6)" : type));
    return reported;
  }

  /** {@link SourceDialect#doltType} of every column of a table, by Dolt column name. */
  protected Map<String, String> mappedTypes(TableSchema schema) throws UnmappableTypeException {
    Map<String, String> types = new LinkedHashMap<>();
    for (ColumnSchema column : schema.columns()) {
      types.put(DoltDdl.doltName(column.name()), dialect().doltType(schema.name(), column));
    }
    return types;
  }

  @Test
  void listsTablesButNotViews() throws SQLException {
    execute(primary, "CREATE TABLE listed_table (id INT PRIMARY KEY)", "CREATE VIEW listed_view AS SELECT id FROM listed_table");
    commit(primary);

    List<String> tables = lowerCase(dialect().listTables(primary));

    assertThat(tables).contains("listed_table").doesNotContain("listed_view");
  }

  @Test
  void readTableMatchesNamesIgnoringCaseAndRejectsUnknownTables() throws SQLException {
    execute(primary, "CREATE TABLE named_table (id INT PRIMARY KEY, val INT)");
    commit(primary);

    TableSchema schema = dialect().readTable(primary, "NAMED_table");

    assertThat(schema.key()).isEqualTo("named_table");
    assertThat(lowerCase(schema.columns().stream().map(ColumnSchema::name).toList())).containsExactly("id", "val");
    assertThatThrownBy(() -> dialect().readTable(primary, "no_such_table"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("no_such_table")
        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42S02");
  }

  @Test
  void journalTableDdlIsIdempotentAndGeneratesIncreasingIdsAndTimes() throws SQLException {
    for (int round = 0; round < 2; round++) {
      execute(primary, dialect().createJournalTable("doltsync_journal").toArray(String[]::new));
      commit(primary);
    }
    String table = dialect().quoteIdentifier("doltsync_journal");
    try (PreparedStatement insert = primary.prepareStatement("INSERT INTO " + table + " (txn, chunk, chunks, instance, payload)"
        + " VALUES (?, ?, ?, ?, ?)")) {
      for (String txn : List.of("txn-1", "txn-2")) {
        insert.setString(1, txn);
        insert.setInt(2, 0);
        insert.setInt(3, 1);
        insert.setString(4, "instance-a");
        insert.setBytes(5, new byte[] {1, 2, 3});
        insert.executeUpdate();
      }
    }
    commit(primary);

    List<Long> ids = new ArrayList<>();
    try (Statement statement = primary.createStatement();
        ResultSet rs = statement.executeQuery("SELECT id, txn, created_at, payload FROM " + table + " ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
        assertThat(rs.getTimestamp(3)).isNotNull();
        assertThat(rs.getBytes(4)).containsExactly(1, 2, 3);
      }
    }
    assertThat(ids).hasSize(2);
    assertThat(ids.get(1)).isGreaterThan(ids.get(0));
  }

  @Test
  void consistentSnapshotDoesNotSeeLaterCommits() throws SQLException {
    execute(primary, "CREATE TABLE snapshot_table (id INT PRIMARY KEY)", "INSERT INTO snapshot_table VALUES (1)");
    commit(primary);
    try (Connection reader = openPrimary(); Connection writer = openPrimary()) {
      reader.setAutoCommit(false);
      dialect().beginConsistentSnapshot(reader);
      assertThat(count(reader, "snapshot_table")).isEqualTo(1);

      execute(writer, "INSERT INTO snapshot_table VALUES (2)");
      commit(writer);

      assertThat(count(reader, "snapshot_table")).as("rows seen inside the snapshot").isEqualTo(1);
      reader.commit();
      assertThat(count(reader, "snapshot_table")).as("rows seen after the snapshot").isEqualTo(2);
    }
  }

  protected static long count(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  protected static void commit(Connection connection) throws SQLException {
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
  }

  protected static List<String> lowerCase(List<String> names) {
    return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
  }
}
