package io.doltsync.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.ForeignKeySchema;
import io.doltsync.spi.ForeignKeySchema.Action;
import io.doltsync.spi.IndexSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.spi.UnmappableTypeException;
import io.doltsync.testing.TestServers;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link MariaDbDialect} against the real MariaDB test server, mirrored into the real Dolt server. */
class MariaDbDialectTest extends DialectTestBase {

  private static final SourceDialect DIALECT = new MariaDbDialect();

  private String database;

  @Override
  protected SourceDialect dialect() {
    return DIALECT;
  }

  @Override
  protected void createPrimary() throws SQLException {
    database = TestServers.createMariadbDatabase("dialect_mariadb");
  }

  @Override
  protected Connection openPrimary() throws SQLException {
    return TestServers.mariadb(database);
  }

  @Override
  protected void dropPrimary() throws SQLException {
    try (Connection server = TestServers.mariadb()) {
      execute(server, "DROP DATABASE " + database);
    }
  }

  @BeforeAll
  void createAllTypesTable() throws SQLException {
    execute(primary, """
        CREATE TABLE all_types (
          id INT NOT NULL PRIMARY KEY,
          c_tinyint TINYINT, c_bool BOOLEAN, c_utiny TINYINT UNSIGNED, c_small SMALLINT, c_medium MEDIUMINT,
          c_int INT NOT NULL, c_uint INT(8) UNSIGNED ZEROFILL, c_bigint BIGINT, c_ubigint BIGINT UNSIGNED,
          c_decimal DECIMAL(10,2), c_decimal65 DECIMAL(65,30), c_float FLOAT, c_double DOUBLE,
          c_bit1 BIT(1), c_bit12 BIT(12),
          c_char CHAR(5), c_varchar VARCHAR(100), c_bigvarchar VARCHAR(20000) CHARACTER SET latin1,
          c_tinytext TINYTEXT, c_text TEXT, c_mediumtext MEDIUMTEXT, c_longtext LONGTEXT,
          c_binary BINARY(4), c_varbinary VARBINARY(16), c_blob BLOB, c_longblob LONGBLOB,
          c_date DATE, c_time TIME, c_time3 TIME(3), c_datetime DATETIME, c_datetime6 DATETIME(6), c_timestamp TIMESTAMP(3) NULL,
          c_year YEAR, c_json JSON, c_enum ENUM('small','medium','large'), c_set SET('red','green','blue'),
          c_uuid UUID, c_inet6 INET6,
          UNIQUE KEY uq_varchar_enum (c_varchar, c_enum),
          KEY idx_text (c_text(100)),
          KEY idx_date_int (c_date, c_int)
        )""", """
        INSERT INTO all_types VALUES (1,
          12, TRUE, 250, -12345, -8388608, 123456, 42, 9007199254740993, 18446744073709551615,
          -12345678.90, -12345678901234567890123456789012345.123456789012345678901234567890, 1.5, -2.718281828459045,
          b'1', b'101010101010',
          'ab', 'héllo wörld ☃ 日本語 😀', REPEAT('x', 20000), 'tiny', 'text with\\nnewline', 'medium', 'long 😀',
          x'00ff10', x'deadbeef', x'00', x'cafebabe00',
          '2024-02-29', '-838:59:59', '12:34:56.789', '2024-01-02 03:04:05', '2024-01-02 03:04:05.123456', '2024-06-30 23:59:59.999',
          2024, '{"b": [1, 2.50, "x"], "a": {"nested": true, "n": null}, "é": "\\\\u00e9"}', 'medium', 'red,blue',
          'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', '2001:db8::1')""", """
        INSERT INTO all_types VALUES (2,
          -128, FALSE, 0, 32767, 8388607, -2147483648, 4294967295, -9223372036854775808, 0,
          99999999.99, 99999999999999999999999999999999999.999999999999999999999999999999, 3.4e38, 1.7976931348623157e308,
          b'0', b'111111111111',
          '', '', '', '', '', '', '',
          x'', x'', x'', x'',
          '1000-01-01', '838:59:59', '00:00:00', '1000-01-01 00:00:00', '9999-12-31 23:59:59.999999', '1970-01-01 00:00:01',
          1901, '[]', 'small', '',
          '00000000-0000-0000-0000-000000000000', '::ffff:1.2.3.4')""",
        "INSERT INTO all_types (id, c_int) VALUES (3, 0)");
  }

  @Test
  void mirrorsEveryMappedTypeIntoDoltWithEqualCanonicalValues() throws SQLException {
    List<Map<String, Object>> rows = roundTrip().copy("all_types", false);

    Map<String, Object> typical = rows.get(0);
    assertThat(typical).contains(
        entry("c_bool", 1L),
        entry("c_uint", 42L),
        entry("c_bigint", 9007199254740993L),
        entry("c_ubigint", new BigDecimal("18446744073709551615")),
        entry("c_decimal", new BigDecimal("-12345678.90")),
        entry("c_float", 1.5f),
        entry("c_bit1", true),
        entry("c_bit12", 0b101010101010L),
        entry("c_char", "ab"),
        entry("c_varchar", "héllo wörld ☃ 日本語 😀"),
        entry("c_time", "-838:59:59"),
        entry("c_time3", "12:34:56.789"),
        entry("c_date", LocalDate.of(2024, 2, 29)),
        entry("c_datetime6", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000)),
        entry("c_timestamp", LocalDateTime.of(2024, 6, 30, 23, 59, 59, 999_000_000)),
        entry("c_year", 2024L),
        entry("c_json", "{\"a\":{\"n\":null,\"nested\":true},\"b\":[1,2.5,\"x\"],\"é\":\"é\"}"),
        entry("c_set", "red,blue"),
        entry("c_uuid", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"),
        entry("c_inet6", "2001:db8::1"));
    assertThat((byte[]) typical.get("c_binary")).containsExactly(0x00, 0xff, 0x10, 0x00);
    assertThat(((String) typical.get("c_bigvarchar"))).hasSize(20000);
    Map<String, Object> extremes = rows.get(1);
    assertThat(extremes).contains(
        entry("c_tinyint", -128L),
        entry("c_bigint", Long.MIN_VALUE),
        entry("c_uint", 4294967295L),
        entry("c_ubigint", BigDecimal.ZERO),
        entry("c_double", Double.MAX_VALUE),
        entry("c_bit1", false),
        entry("c_char", ""),
        entry("c_time", "838:59:59"),
        entry("c_datetime6", LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000)),
        entry("c_json", "[]"),
        entry("c_set", ""));
    assertThat(rows.get(2)).containsEntry("id", 3L).containsEntry("c_int", 0L)
        .allSatisfy((column, value) -> {
          if (!column.equals("id") && !column.equals("c_int")) {
            assertThat(value).as(column).isNull();
          }
        });
  }

  @Test
  void mapsTypesFaithfullyAndDoltAcceptsThem() throws SQLException {
    TableSchema schema = DIALECT.readTable(primary, "all_types");

    Map<String, String> mapped = mappedTypes(schema);
    execute(dolt, DoltDdl.createTable("mapped_types", schema, DIALECT, false));

    assertThat(mapped).containsExactly(
        entry("id", "int"), entry("c_tinyint", "tinyint"), entry("c_bool", "tinyint(1)"), entry("c_utiny", "tinyint unsigned"),
        entry("c_small", "smallint"), entry("c_medium", "mediumint"), entry("c_int", "int"), entry("c_uint", "int unsigned"),
        entry("c_bigint", "bigint"), entry("c_ubigint", "bigint unsigned"), entry("c_decimal", "decimal(10,2)"),
        entry("c_decimal65", "decimal(65,30)"), entry("c_float", "float"), entry("c_double", "double"),
        entry("c_bit1", "bit(1)"), entry("c_bit12", "bit(12)"), entry("c_char", "char(5)"), entry("c_varchar", "varchar(100)"),
        entry("c_bigvarchar", "mediumtext"), entry("c_tinytext", "tinytext"), entry("c_text", "text"),
        entry("c_mediumtext", "mediumtext"), entry("c_longtext", "longtext"), entry("c_binary", "binary(4)"),
        entry("c_varbinary", "varbinary(16)"), entry("c_blob", "blob"), entry("c_longblob", "longblob"),
        entry("c_date", "date"), entry("c_time", "time"), entry("c_time3", "time"), entry("c_datetime", "datetime"),
        entry("c_datetime6", "datetime(6)"), entry("c_timestamp", "timestamp(3)"), entry("c_year", "year"),
        entry("c_json", "json"), entry("c_enum", "enum('small','medium','large')"), entry("c_set", "set('red','green','blue')"),
        entry("c_uuid", "char(36)"), entry("c_inet6", "varchar(43)"));
    assertThat(doltColumnTypes("mapped_types")).isEqualTo(asDoltReports(mapped));
  }

  @Test
  void readsColumnsKeysIndexesForeignKeysAndTriggers() throws SQLException {
    execute(primary,
        "CREATE TABLE parent (id INT PRIMARY KEY, code VARCHAR(10) NOT NULL, UNIQUE KEY uq_parent_code (code))",
        "CREATE TABLE audit (id INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(100) DEFAULT 'none')",
        """
        CREATE TABLE child (
          a INT NOT NULL, b INT NOT NULL, parent_id INT, parent_code VARCHAR(10), note TEXT,
          PRIMARY KEY (b, a),
          KEY idx_note (note(50)),
          CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE SET NULL,
          CONSTRAINT fk_child_code FOREIGN KEY (parent_code) REFERENCES parent (code) ON DELETE RESTRICT ON UPDATE CASCADE
        )""",
        "CREATE TRIGGER child_audit AFTER INSERT ON child FOR EACH ROW INSERT INTO audit (what) VALUES (CONCAT('child ', NEW.a))");

    TableSchema child = DIALECT.readTable(primary, "child");
    TableSchema audit = DIALECT.readTable(primary, "audit");

    assertThat(child.columns()).extracting(ColumnSchema::name).containsExactly("a", "b", "parent_id", "parent_code", "note");
    assertThat(child.column("a").orElseThrow().nullable()).isFalse();
    assertThat(child.column("note").orElseThrow().nullable()).isTrue();
    assertThat(child.primaryKey()).containsExactly("b", "a");
    assertThat(child.indexes()).contains(new IndexSchema("idx_note", List.of("note"), false))
        .noneMatch(index -> index.name().equalsIgnoreCase("PRIMARY"));
    assertThat(child.foreignKeys()).containsExactlyInAnyOrder(
        new ForeignKeySchema("fk_child_parent", List.of("parent_id"), "parent", List.of("id"), Action.CASCADE, Action.SET_NULL),
        new ForeignKeySchema("fk_child_code", List.of("parent_code"), "parent", List.of("code"), Action.RESTRICT, Action.CASCADE));
    assertThat(child.triggerSources()).singleElement().asString()
        .contains("CREATE TRIGGER `child_audit` AFTER INSERT ON `child` FOR EACH ROW")
        .contains("INSERT INTO audit (what) VALUES (CONCAT('child ', NEW.a))");
    assertThat(DIALECT.readTable(primary, "parent").uniqueIndexes()).containsExactly(new IndexSchema("uq_parent_code", List.of("code"), true));
    assertThat(audit.column("id").orElseThrow().autoIncrement()).isTrue();
    assertThat(audit.column("what").orElseThrow().defaultValue()).contains("none");
    assertThat(audit.triggerSources()).isEmpty();
  }

  @Test
  void spatialTypesAreUnmappableUnlessStoredAsText() throws SQLException {
    execute(primary, "CREATE TABLE shapes (id INT PRIMARY KEY, location POINT)");
    TableSchema schema = DIALECT.readTable(primary, "shapes");
    ColumnSchema location = schema.column("location").orElseThrow();

    assertThatThrownBy(() -> DIALECT.doltType("shapes", location))
        .isInstanceOf(UnmappableTypeException.class)
        .hasMessageContaining("shapes.location").hasMessageContaining("point");
    assertThatThrownBy(() -> DoltDdl.createTable("shapes", schema, DIALECT, false)).isInstanceOf(UnmappableTypeException.class);
    assertThat(DoltDdl.createTable("shapes", schema, DIALECT, true)).contains("`location` longtext");
  }
}
