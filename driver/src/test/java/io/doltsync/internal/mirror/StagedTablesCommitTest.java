package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The applier's Dolt commit stages only the tables its entries wrote, created or dropped ({@code dolt_add} of
 * those, then {@code dolt_commit} of what is staged), on a real Dolt: an edit another session left uncommitted in
 * the branch's working set on another table stays out of the mirrored commit and stays in the working set; every
 * way a table can come and go inside one commit (created, written, re-created, dropped, dropped without ever
 * existing, created and dropped again) commits, and the commit holds exactly the writer's tables.
 */
class StagedTablesCommitTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());

  private String database;

  @BeforeEach
  void createDatabase() throws SQLException {
    database = TestServers.createDoltDatabase("staged");
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    TestServers.dropDoltDatabase(database);
  }

  @Test
  void aForeignUncommittedEditOnAnotherTableStaysInTheWorkingSetAndOutOfTheCommit() throws Exception {
    DoltWriter writer = new DoltWriter(SourceDialects.forUrl(TestServers.mariadbUrl()), false);
    try (Connection dolt = TestServers.dolt(database); Connection foreign = TestServers.dolt(database)) {
      dolt.setAutoCommit(false);
      writer.apply(dolt, reshape("orders", List.of()));
      writer.apply(dolt, reshape("notes", List.of()));
      writer.commit(dolt, "tables", "test", "test@example.com", Instant.now(), true);

      // another session writes to the branch's working set (SQL-committed, not Dolt-committed)
      try (Statement statement = foreign.createStatement()) {
        statement.execute("INSERT INTO notes VALUES (99, 'foreign')");
      }
      writer.apply(dolt, rows("orders", new Object[] {1, "mirrored"}));
      String hash = writer.commit(dolt, "one order", "test", "test@example.com", Instant.now(), false);

      assertThat(hash).isNotBlank();
      assertThat(ids(dolt, "orders", "HEAD")).containsExactly(1);
      assertThat(ids(dolt, "notes", "HEAD")).as("the foreign row is not in the mirrored commit").isEmpty();
      assertThat(ids(dolt, "notes", null)).as("the foreign row is still in the working set").containsExactly(99);
      assertThat(unstagedTables(dolt)).containsExactly("notes");
      dolt.commit();
    }
  }

  @Test
  void everyWayTablesComeAndGoWithinOneCommitCommitsExactlyTheWritersTables() throws Exception {
    Random random = new Random(SEED);
    DoltWriter writer = new DoltWriter(SourceDialects.forUrl(TestServers.mariadbUrl()), false);
    List<String> names = List.of("t_a", "t_b", "t_c");
    TreeSet<String> model = new TreeSet<>();
    try (Connection dolt = TestServers.dolt(database)) {
      dolt.setAutoCommit(false);
      for (int commit = 0; commit < 12; commit++) {
        List<String> steps = new ArrayList<>();
        for (int step = random.nextInt(4) + 1; step > 0; step--) {
          String table = names.get(random.nextInt(names.size()));
          switch (random.nextInt(3)) {
            case 0 -> {
              writer.apply(dolt, reshape(table, List.<Object[]>of(new Object[] {step, "r"})));
              model.add(table);
              steps.add("create " + table);
            }
            case 1 -> {
              writer.apply(dolt, TableChange.drop(table));
              model.remove(table);
              steps.add("drop " + table);
            }
            default -> {
              if (model.contains(table)) {
                writer.apply(dolt, rows(table, new Object[] {100 + step, "w"}));
                steps.add("write " + table);
              }
            }
          }
        }
        writer.commit(dolt, "commit " + commit, "test", "test@example.com", Instant.now(), true);
        assertThat(tables(dolt, "HEAD")).as("commit %d: %s (seed %d)", commit, steps, SEED).isEqualTo(model);
        assertThat(unstagedTables(dolt)).as("commit %d: %s (seed %d)", commit, steps, SEED).isEmpty();
      }
    }
  }

  private static TableSchema schema(String table) {
    return new TableSchema(table, List.of(
        new ColumnSchema("id", Types.INTEGER, "int", 10, 0, false, false, null),
        new ColumnSchema("note", Types.VARCHAR, "varchar(20)", 20, null, true, false, null)),
        List.of("id"), List.of(), List.of(), List.of());
  }

  private static TableChange reshape(String table, List<Object[]> rows) {
    return new TableChange(table, TableChange.Kind.RESHAPE, schema(table), List.of("id", "note"), List.of("id"), rows,
        List.of());
  }

  private static TableChange rows(String table, Object[] row) {
    return new TableChange(table, TableChange.Kind.ROWS, schema(table), List.of("id", "note"), List.of("id"),
        List.<Object[]>of(row), List.of());
  }

  /** The ids in the table at the revision, or in the working set when it is null. */
  private static List<Integer> ids(Connection dolt, String table, String revision) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (PreparedStatement select = dolt.prepareStatement("SELECT id FROM `" + table + "`"
        + (revision == null ? "" : " AS OF '" + revision + "'") + " ORDER BY id"); ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }

  private static TreeSet<String> tables(Connection dolt, String revision) throws SQLException {
    TreeSet<String> tables = new TreeSet<>();
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SHOW TABLES AS OF '" + revision + "'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  private static List<String> unstagedTables(Connection dolt) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SELECT table_name FROM dolt_status ORDER BY table_name")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }
}
