package io.doltsync.export;

import static io.doltsync.testing.QueryRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An export into existing tables (upsert, deletion of the keys the revision lacks, children first; the counts of a
 * dry run equal the real run's, and a dry run changes nothing), a table map, and the refusals: generated unknown
 * revisions and tables, generated incompatible target tables, and a value the target cannot hold in the last table
 * written, each leaving the target exactly as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportUpdateAndRefusalTest {

  private String source;
  private String first;
  private String second;

  /** Revision {@code first}: 3 parents, 4 children; {@code second}: parent 1 renamed, parent 3 and its child gone, parent 4 new. */
  @BeforeAll
  void createSource() throws SQLException {
    source = TestServers.createDoltDatabase("export_upd");
    try (Connection dolt = TestServers.dolt(source); Statement s = dolt.createStatement()) {
      s.execute("CREATE TABLE parent (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)");
      s.execute("CREATE TABLE child (id INT PRIMARY KEY, parent_id INT NOT NULL, flag TINYINT(1),"
          + " CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id))");
      s.execute("CREATE TABLE tags (tag VARCHAR(20), weight INT)");
      s.execute("INSERT INTO parent VALUES (1, 'one'), (2, 'two'), (3, 'three')");
      s.execute("INSERT INTO child VALUES (10, 1, 1), (11, 1, 0), (20, 2, NULL), (30, 3, 1)");
      s.execute("INSERT INTO tags VALUES ('a', 1), ('a', 1), ('b', NULL)");
      first = commit(s, "first");
      s.execute("UPDATE parent SET name = 'uno' WHERE id = 1");
      s.execute("DELETE FROM child WHERE parent_id = 3");
      s.execute("DELETE FROM parent WHERE id = 3");
      s.execute("INSERT INTO parent VALUES (4, 'four')");
      s.execute("INSERT INTO child VALUES (40, 4, 0)");
      s.execute("DELETE FROM tags WHERE tag = 'b'");
      s.execute("INSERT INTO tags VALUES ('c', 3)");
      second = commit(s, "second");
    }
  }

  @AfterAll
  void dropSource() throws SQLException {
    DoltDatabases.drop(source);
  }

  @ParameterizedTest
  @EnumSource(value = ExportTargets.class, names = {"MARIADB", "POSTGRES", "H2"})
  void anExportIntoExistingTablesMakesThemEqualTheRevisionAndADryRunCountsTheSame(ExportTargets targets) throws SQLException {
    try (ExportTargets.Space space = targets.create("export_upd"); Connection target = space.connect();
        Connection dolt = TestServers.dolt(source)) {
      ExportReport created = DoltExport.from(dolt, first).into(target);
      assertThat(created.tables()).extracting(ExportReport.TableResult::source).as("parents first")
          .containsExactly("parent", "child", "tags");
      String parent = targets == ExportTargets.H2 ? "PARENT" : "parent";
      String child = targets == ExportTargets.H2 ? "CHILD" : "child";
      String tags = targets == ExportTargets.H2 ? "TAGS" : "tags";
      // the application changed the target meanwhile: a row the revision does not have, a changed row
      try (Statement s = target.createStatement()) {
        s.execute("INSERT INTO " + parent + " VALUES (5, 'five')");
        s.execute("UPDATE " + parent + " SET name = 'deux' WHERE id = 2");
      }
      List<List<String>> before = snapshot(target, parent, child, tags);

      ExportReport dry = DoltExport.from(dolt, second).dryRun(true).into(target);
      assertThat(snapshot(target, parent, child, tags)).as("a dry run changes nothing").isEqualTo(before);

      ExportReport updated = DoltExport.from(dolt, second).into(target);
      assertThat(dry.tables()).isEqualTo(updated.tables());
      assertThat(updated.tables()).containsExactly(
          new ExportReport.TableResult("parent", parent, false, 1, 2, 2),
          new ExportReport.TableResult("child", child, false, 1, 3, 1),
          new ExportReport.TableResult("tags", tags, false, 3, 0, 3));
      assertThat(rows(target, "SELECT id, name FROM " + parent + " ORDER BY id"))
          .containsExactly(List.of("1", "uno"), List.of("2", "two"), List.of("4", "four"));
      assertThat(rows(target, "SELECT id, parent_id FROM " + child + " ORDER BY id"))
          .containsExactly(List.of("10", "1"), List.of("11", "1"), List.of("20", "2"), List.of("40", "4"));
      assertThat(rows(target, "SELECT tag, weight FROM " + tags + " ORDER BY tag"))
          .containsExactly(List.of("a", "1"), List.of("a", "1"), List.of("c", "3"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = ExportTargets.class, names = {"MARIADB", "POSTGRES", "H2"})
  void aTableMapRenamesAndTheSelectionLeavesOtherTablesAlone(ExportTargets targets) throws SQLException {
    try (ExportTargets.Space space = targets.create("export_map"); Connection target = space.connect();
        Connection dolt = TestServers.dolt(source)) {
      ExportReport report = DoltExport.from(dolt, "main").tables(List.of("parent")).tableMap(Map.of("parent", "people"))
          .into(target);
      assertThat(report.tables()).containsExactly(new ExportReport.TableResult("parent", "people", true, 3, 0, 0));
      assertThat(rows(target, "SELECT COUNT(*) FROM \"people\"".replace('"', targets == ExportTargets.MARIADB ? '`' : '"')))
          .containsExactly(List.of("3"));
      assertThat(tables(target)).containsExactly("people");
    }
  }

  /** Unknown revisions and tables (generated), each refused before anything is written. */
  @ParameterizedTest
  @EnumSource(value = ExportTargets.class, names = {"MARIADB", "POSTGRES", "H2"})
  void unknownRevisionsAndTablesAreRefusedAndNothingIsWritten(ExportTargets targets) throws SQLException {
    Random random = new Random(targets.ordinal());
    try (ExportTargets.Space space = targets.create("export_bad"); Connection target = space.connect();
        Connection dolt = TestServers.dolt(source)) {
      for (int i = 0; i < 8; i++) {
        String revision = unknownRevision(random, i);
        assertThatThrownBy(() -> DoltExport.from(dolt, revision).into(target)).as("revision %s", revision)
            .isInstanceOf(SQLException.class).hasMessageContaining(revision)
            .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22023");
        String table = "no_" + Integer.toHexString(random.nextInt());
        Function<DoltExport, DoltExport> selection = i % 2 == 0 ? e -> e.tables(List.of("parent", table))
            : e -> e.tableMap(Map.of(table, "x"));
        assertThatThrownBy(() -> selection.apply(DoltExport.from(dolt, "main")).into(target)).as("table %s", table)
            .isInstanceOf(SQLSyntaxErrorException.class).hasMessageContaining(table)
            .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42S02");
      }
      assertThat(tables(target)).isEmpty();
    }
  }

  /** Generated incompatible shapes of an existing target table: each refused by name, the target unchanged. */
  @ParameterizedTest
  @EnumSource(value = ExportTargets.class, names = {"MARIADB", "POSTGRES", "H2"})
  void anExistingTableOfAnotherShapeIsRefusedAndNothingIsWritten(ExportTargets targets) throws SQLException {
    List<String> columns = List.of("id INT", "name VARCHAR(40) NOT NULL");
    List<String[]> shapes = new ArrayList<>();   // {DDL body, what the error names}
    shapes.add(new String[] {"id INT PRIMARY KEY", "no column name"});
    shapes.add(new String[] {"id INT PRIMARY KEY, name DATE", "column name"});
    shapes.add(new String[] {"id INT PRIMARY KEY, name INT", "column name"});
    shapes.add(new String[] {"id INT PRIMARY KEY, nom VARCHAR(40)", "no column name"});
    shapes.add(new String[] {"id INT, name VARCHAR(40), PRIMARY KEY (id, name)", "primary key"});
    shapes.add(new String[] {"id INT, name VARCHAR(40)", "primary key"});
    shapes.add(new String[] {"id INT PRIMARY KEY, name VARCHAR(40), extra INT NOT NULL", "extra"});
    shapes.add(new String[] {"name VARCHAR(40) PRIMARY KEY, id DATE", "column id"});
    assertThat(columns).isNotEmpty();
    try (ExportTargets.Space space = targets.create("export_shape"); Connection target = space.connect();
        Connection dolt = TestServers.dolt(source)) {
      for (String[] shape : shapes) {
        try (Statement s = target.createStatement()) {
          s.execute("CREATE TABLE parent (" + shape[0] + ")");
        }
        // a table the export would create before reaching parent: it must not be left behind
        assertThatThrownBy(() -> DoltExport.from(dolt, "main").tables(List.of("parent", "tags")).into(target))
            .as("target parent (%s)", shape[0]).isInstanceOf(SQLSyntaxErrorException.class)
            .satisfies(e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains("parent", shape[1]));
        assertThat(tables(target)).as("after refusing (%s)", shape[0]).containsExactly("parent");
        try (Statement s = target.createStatement()) {
          s.execute("DROP TABLE parent");
        }
      }
    }
  }

  /**
   * A value the target type cannot hold (a tinyint(1) of 5 into PostgreSQL's and H2's boolean), met in the last table
   * written: the export fails naming it, and the tables it created before are gone again (PostgreSQL: rolled back
   * with the transaction; H2, whose DDL commits: dropped).
   */
  @ParameterizedTest
  @EnumSource(value = ExportTargets.class, names = {"POSTGRES", "H2"})
  void aValueTheTargetCannotHoldFailsTheExportAndLeavesNothing(ExportTargets targets) throws SQLException {
    String database = TestServers.createDoltDatabase("export_val");
    try (ExportTargets.Space space = targets.create("export_val"); Connection target = space.connect();
        Connection dolt = TestServers.dolt(database)) {
      try (Statement s = dolt.createStatement()) {
        s.execute("CREATE TABLE a_first (id INT PRIMARY KEY)");
        s.execute("CREATE TABLE z_last (id INT PRIMARY KEY, flag TINYINT(1))");
        s.execute("INSERT INTO a_first VALUES (1), (2)");
        s.execute("INSERT INTO z_last VALUES (1, 1), (2, 5)");
        commit(s, "a flag of 5");
      }
      assertThatThrownBy(() -> DoltExport.from(dolt, "main").batchRows(1).into(target)).isInstanceOf(SQLDataException.class)
          .hasMessageContaining("z_last.flag").hasMessageContaining("5 is not a boolean")
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");
      assertThat(tables(target)).isEmpty();
    } finally {
      DoltDatabases.drop(database);
    }
  }

  private static String unknownRevision(Random random, int i) {
    return switch (i % 4) {
      case 0 -> Long.toString(random.nextLong() & Long.MAX_VALUE, 32);        // a commit-hash-like string
      case 1 -> "branch_" + Integer.toHexString(random.nextInt());
      case 2 -> "main~" + (100 + random.nextInt(1000));                      // beyond the first commit
      default -> "v" + random.nextInt(100) + "." + random.nextInt(100);       // a tag that does not exist
    };
  }

  private static List<List<String>> snapshot(Connection target, String... tables) throws SQLException {
    List<List<String>> all = new ArrayList<>();
    for (String table : tables) {
      all.addAll(rows(target, "SELECT * FROM " + table + " ORDER BY 1, 2"));
    }
    return all;
  }

  /** The target's tables, lower case. */
  private static List<String> tables(Connection target) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = target.getMetaData().getTables(target.getCatalog(), target.getSchema(), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return tables;
  }

  private static String commit(Statement s, String message) throws SQLException {
    try (ResultSet rs = s.executeQuery("CALL DOLT_COMMIT('-Am', '" + message + "')")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
