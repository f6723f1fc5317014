package io.doltsync.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.IndexSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link DoltDdl} on the real Dolt server: the tables it creates obey Dolt's key and row rules, and the
 * statements {@link DoltDdl#alterTable} gives turn a mirrored table into exactly the table
 * {@link DoltDdl#createTable} would create for the new schema, keeping its rows. Schemas come from an
 * in-memory H2 primary, or are written out where H2 cannot declare them (a text primary key).
 */
class DoltDdlTest {

  private static final SourceDialect H2 = new H2Dialect();
  private static final SourceDialect POSTGRES = new PostgreSqlDialect();

  private static String doltDatabase;
  private static Connection dolt;
  private static Connection h2;

  @BeforeAll
  static void connect() throws SQLException {
    doltDatabase = TestServers.createDoltDatabase("dolt_ddl");
    dolt = TestServers.dolt(doltDatabase);
    h2 = DriverManager.getConnection(TestServers.h2Url(null), "sa", "");
  }

  @AfterAll
  static void disconnect() throws SQLException {
    if (dolt != null) {
      dolt.close();
      try (Connection server = TestServers.dolt()) {
        execute(server, "DROP DATABASE " + doltDatabase);
      }
    }
    if (h2 != null) {
      execute(h2, "SHUTDOWN");
      h2.close();
    }
  }

  @Test
  void doltNameLowersOnlyIdentifiersThatAreEntirelyUpperCase() {
    assertThat(DoltDdl.doltName("ORDER_ITEMS")).isEqualTo("order_items");
    assertThat(DoltDdl.doltName("ID")).isEqualTo("id");
    assertThat(DoltDdl.doltName("A1")).isEqualTo("a1");
    assertThat(DoltDdl.doltName("ÄRGER")).isEqualTo("ärger");
    assertThat(DoltDdl.doltName("MixedCase")).isEqualTo("MixedCase");
    assertThat(DoltDdl.doltName("order_items")).isEqualTo("order_items");
    assertThat(DoltDdl.doltName("123")).isEqualTo("123");
  }

  @Test
  void keysAndIndexesFollowDoltRulesForTextBlobAndJson() throws SQLException {
    TableSchema schema = new TableSchema("documents",
        List.of(column("slug", "text", false), column("body", "text", true), column("digest", "bytea", true),
            column("attrs", "jsonb", true), column("title", "varchar", 200, true)),
        List.of("slug"),
        List.of(new IndexSchema("uq_body", List.of("body"), true), new IndexSchema("idx_body", List.of("body", "title"), false),
            new IndexSchema("idx_digest", List.of("digest"), false), new IndexSchema("idx_attrs", List.of("attrs"), false),
            new IndexSchema("uq_title_attrs", List.of("title", "attrs"), true)),
        List.of(), List.of());

    String ddl = DoltDdl.createTable("documents", schema, POSTGRES, false);
    execute(dolt, ddl);

    assertThat(ddl).isEqualTo("""
        CREATE TABLE IF NOT EXISTS `documents` (
          `slug` varchar(3072) NOT NULL,
          `body` longtext,
          `digest` longblob,
          `attrs` json,
          `title` varchar(200),
          PRIMARY KEY (`slug`),
          UNIQUE KEY `uq_body` (`body`),
          KEY `idx_body` (`body`(768), `title`),
          KEY `idx_digest` (`digest`(3072))
        ) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin""");
    String longText = "x".repeat(1000);
    execute(dolt, "INSERT INTO documents (slug, body) VALUES ('a', '" + longText + "1'), ('b', '" + longText + "2')");
    assertThatThrownBy(() -> execute(dolt, "INSERT INTO documents (slug, body) VALUES ('c', '" + longText + "1')"))
        .as("the unique index holds the whole text, not a prefix")
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("duplicate unique key");
    execute(dolt, "INSERT INTO documents (slug) VALUES ('Slug'), ('slug')");
    assertThat(count("documents")).as("binary collation: keys differing in case are distinct").isEqualTo(4);
  }

  @Test
  void indexNamesAreShortenedAndMadeUniqueIgnoringCase() throws SQLException {
    String longName = "idx_" + "n".repeat(70);
    TableSchema schema = new TableSchema("named",
        List.of(column("id", "int4", false), column("a", "int4", true), column("b", "int4", true)),
        List.of("id"),
        List.of(new IndexSchema("Idx", List.of("a"), false), new IndexSchema("IDX", List.of("b"), true),
            new IndexSchema("PRIMARY", List.of("a", "b"), false), new IndexSchema(longName, List.of("b"), false),
            new IndexSchema(longName + "_other", List.of("a", "b"), false)),
        List.of(), List.of());

    String ddl = DoltDdl.createTable("named", schema, POSTGRES, false);
    execute(dolt, ddl);

    String shortened = longName.substring(0, 64);
    assertThat(ddl).contains("KEY `Idx` (`a`)", "UNIQUE KEY `idx_2` (`b`)", "KEY `primary_2` (`a`, `b`)",
        "KEY `" + shortened + "` (`b`)", "KEY `" + shortened.substring(0, 62) + "_2` (`a`, `b`)");
  }

  @Test
  void wideVarcharColumnsBecomeTextUntilTheRowFitsDolt() throws SQLException {
    List<ColumnSchema> columns = new ArrayList<>(List.of(column("id", "varchar", 5000, false)));
    for (int i = 1; i <= 5; i++) {
      columns.add(column("v" + i, "varchar", 5000, true));
    }
    TableSchema schema = new TableSchema("wide", columns, List.of("id"), List.of(), List.of(), List.of());

    execute(dolt, DoltDdl.createTable("wide", schema, POSTGRES, false));

    Map<String, String> types = columnTypes("wide");
    assertThat(types).containsEntry("id", "varchar(5000)");
    assertThat(types.values()).filteredOn("text"::equals).hasSize(3);
    assertThat(types.values()).filteredOn("varchar(5000)"::equals).hasSize(3);
  }

  @Test
  void alterTableAddsDropsAndModifiesColumnsKeepingRows() throws SQLException {
    execute(h2, "CREATE TABLE EVOLVING (ID INT PRIMARY KEY, A VARCHAR(10), B INT, C INT NOT NULL, D DATE)");
    TableSchema before = H2.readTable(h2, "EVOLVING");
    execute(dolt, DoltDdl.createTable("evolving", before, H2, false),
        "INSERT INTO evolving VALUES (1, 'kept', 2, 3, '2024-01-01')");
    execute(h2,
        "ALTER TABLE EVOLVING DROP COLUMN B",
        "ALTER TABLE EVOLVING ADD COLUMN E TIMESTAMP(3) BEFORE C",
        "ALTER TABLE EVOLVING ADD COLUMN F JSON",
        "ALTER TABLE EVOLVING ALTER COLUMN A SET DATA TYPE VARCHAR(50)",
        "ALTER TABLE EVOLVING ALTER COLUMN A SET NOT NULL",
        "ALTER TABLE EVOLVING ALTER COLUMN C SET DATA TYPE BIGINT",
        "ALTER TABLE EVOLVING ALTER COLUMN C SET NULL");
    TableSchema after = H2.readTable(h2, "EVOLVING");

    List<String> statements = DoltDdl.alterTable("evolving", before, after, H2, false);
    execute(dolt, statements.toArray(String[]::new));

    assertThat(statements).containsExactly(
        "ALTER TABLE `evolving` DROP COLUMN `b`",
        "ALTER TABLE `evolving` MODIFY COLUMN `a` varchar(50) NOT NULL",
        "ALTER TABLE `evolving` ADD COLUMN `e` datetime(3) AFTER `a`",
        "ALTER TABLE `evolving` MODIFY COLUMN `c` bigint",
        "ALTER TABLE `evolving` ADD COLUMN `f` json AFTER `d`");
    assertSameAsCreated("evolving", after, H2);
    try (Statement statement = dolt.createStatement(); ResultSet rs = statement.executeQuery("SELECT id, a, c FROM evolving")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("a")).isEqualTo("kept");
      assertThat(rs.getLong("c")).isEqualTo(3);
    }
  }

  @Test
  void alterTableChangesThePrimaryKeyAndIndexes() throws SQLException {
    execute(h2,
        "CREATE TABLE REKEYED (ID INT PRIMARY KEY, CODE VARCHAR(20), NOTE VARCHAR(100), SIZE INT)",
        "CREATE UNIQUE INDEX UQ_CODE ON REKEYED (CODE)",
        "CREATE INDEX IDX_NOTE ON REKEYED (NOTE)",
        "CREATE INDEX IDX_SIZE ON REKEYED (SIZE)");
    TableSchema before = H2.readTable(h2, "REKEYED");
    execute(dolt, DoltDdl.createTable("rekeyed", before, H2, false), "INSERT INTO rekeyed VALUES (1, 'one', 'first', 10)");
    execute(h2,
        "ALTER TABLE REKEYED ADD COLUMN REGION INT DEFAULT 0 NOT NULL",
        "ALTER TABLE REKEYED DROP PRIMARY KEY",
        "ALTER TABLE REKEYED ADD PRIMARY KEY (REGION, ID)",
        "DROP INDEX UQ_CODE",
        "CREATE UNIQUE INDEX UQ_CODE ON REKEYED (REGION, CODE)",
        "DROP INDEX IDX_SIZE",
        "CREATE INDEX IDX_REGION_NOTE ON REKEYED (REGION, NOTE)");
    TableSchema after = H2.readTable(h2, "REKEYED");

    List<String> statements = DoltDdl.alterTable("rekeyed", before, after, H2, false);
    execute(dolt, statements.toArray(String[]::new));

    assertThat(statements).containsExactly(
        "ALTER TABLE `rekeyed` DROP INDEX `uq_code`",
        "ALTER TABLE `rekeyed` DROP INDEX `idx_size`",
        "ALTER TABLE `rekeyed` DROP PRIMARY KEY",
        "ALTER TABLE `rekeyed` ADD COLUMN `region` int NOT NULL AFTER `size`",
        "ALTER TABLE `rekeyed` ADD PRIMARY KEY (`region`, `id`)",
        "ALTER TABLE `rekeyed` ADD UNIQUE KEY `uq_code` (`region`, `code`)",
        "ALTER TABLE `rekeyed` ADD KEY `idx_region_note` (`region`, `note`)");
    assertSameAsCreated("rekeyed", after, H2);
    assertThat(count("rekeyed")).isEqualTo(1);
  }

  @Test
  void alterTableGivesNothingWhenTheDoltTableWouldNotChange() throws SQLException {
    execute(h2, "CREATE TABLE STEADY (ID INT PRIMARY KEY, NAME VARCHAR(10) DEFAULT 'x')");
    TableSchema before = H2.readTable(h2, "STEADY");
    execute(h2, "ALTER TABLE STEADY ALTER COLUMN NAME SET DEFAULT 'y'");

    assertThat(DoltDdl.alterTable("steady", before, H2.readTable(h2, "STEADY"), H2, false)).isEmpty();
  }

  /** The altered Dolt table has the same definition as a table created afresh from the new schema. */
  private static void assertSameAsCreated(String table, TableSchema schema, SourceDialect dialect) throws SQLException {
    String fresh = table + "_fresh";
    execute(dolt, DoltDdl.createTable(fresh, schema, dialect, false));
    assertThat(definitionLines(table)).isEqualTo(definitionLines(fresh));
  }

  /** The lines of SHOW CREATE TABLE but the first, as a set: index order does not matter. */
  private static TreeSet<String> definitionLines(String table) throws SQLException {
    try (Statement statement = dolt.createStatement(); ResultSet rs = statement.executeQuery("SHOW CREATE TABLE " + table)) {
      rs.next();
      List<String> lines = List.of(rs.getString(2).split("\n"));
      TreeSet<String> definition = new TreeSet<>();
      lines.subList(1, lines.size()).forEach(line -> definition.add(line.trim().replaceAll(",$", "")));
      return definition;
    }
  }

  private static Map<String, String> columnTypes(String table) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (Statement statement = dolt.createStatement(); ResultSet rs = statement.executeQuery("SELECT COLUMN_NAME, COLUMN_TYPE"
        + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table + "' ORDER BY ORDINAL_POSITION")) {
      while (rs.next()) {
        types.put(rs.getString(1), rs.getString(2));
      }
    }
    return types;
  }

  private static long count(String table) throws SQLException {
    try (Statement statement = dolt.createStatement(); ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static ColumnSchema column(String name, String postgresType, boolean nullable) {
    return column(name, postgresType, null, nullable);
  }

  private static ColumnSchema column(String name, String postgresType, Integer size, boolean nullable) {
    return new ColumnSchema(name, Types.OTHER, postgresType, size, null, nullable, false, null);
  }

  private static void execute(Connection connection, String... statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
