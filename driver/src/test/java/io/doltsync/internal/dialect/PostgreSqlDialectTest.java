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
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link PostgreSqlDialect} against the real PostgreSQL test server, mirrored into the real Dolt server. */
class PostgreSqlDialectTest extends DialectTestBase {

  private static final SourceDialect DIALECT = new PostgreSqlDialect();

  private String schema;

  @Override
  protected SourceDialect dialect() {
    return DIALECT;
  }

  @Override
  protected void createPrimary() throws SQLException {
    schema = TestServers.createPostgresSchema("dialect_pg");
  }

  @Override
  protected Connection openPrimary() throws SQLException {
    return TestServers.postgres(schema);
  }

  @Override
  protected void dropPrimary() throws SQLException {
    try (Connection server = TestServers.postgres()) {
      execute(server, "DROP SCHEMA " + schema + " CASCADE");
    }
  }

  @BeforeAll
  void createAllTypesTable() throws SQLException {
    execute(primary,
        "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
        "CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0)",
        "CREATE DOMAIN short_code AS varchar(8)",
        """
        CREATE TABLE all_types (
          id serial PRIMARY KEY, c_big bigserial,
          c_small smallint, c_int integer, c_bigint bigint,
          c_numeric numeric(12,3), c_numeric_free numeric, c_real real, c_double double precision,
          c_bool boolean,
          c_char char(4), c_varchar varchar(50), c_varchar_free varchar, c_text text, c_bigvarchar varchar(20000), c_name name,
          c_bytea bytea,
          c_date date, c_time time(3), c_timetz timetz, c_timestamp timestamp(3), c_timestamp6 timestamp, c_timestamptz timestamptz,
          c_json json, c_jsonb jsonb, c_uuid uuid, c_inet inet, c_cidr cidr, c_macaddr macaddr,
          c_int_array integer[], c_text_array text[][],
          c_interval interval, c_bit1 bit(1), c_bit8 bit(8), c_varbit varbit(16), c_xml xml,
          c_mood mood, c_positive positive_int, c_code short_code,
          UNIQUE (c_varchar, c_int)
        )""",
        "CREATE INDEX idx_text ON all_types (c_text)",
        "CREATE INDEX idx_lower_varchar ON all_types (lower(c_varchar))",
        "CREATE UNIQUE INDEX idx_positive_int ON all_types (c_int) WHERE c_int > 0",
        "CREATE INDEX idx_jsonb ON all_types USING gin (c_jsonb)",
        """
        INSERT INTO all_types VALUES (1, 10,
          -32768, 2147483647, -9223372036854775808,
          -123456789.125, 1.23456789012345678901234567890123456789, 1.5, 2.718281828459045,
          true,
          'ab', 'héllo ☃ 日本語 😀', 'free', 'text', repeat('y', 20000), 'a_name',
          '\\x00ff10',
          '2024-02-29', '12:34:56.789', '12:00:00+02', '2024-01-02 03:04:05.123', '2024-01-02 03:04:05.123456',
          '2024-01-01 00:30:00.5+02',
          '{"b": [1, 2.50], "a": "x"}', '{"b": [1, 2.50], "a": "x", "n": 12345678901234567890}',
          'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '192.168.0.1/24', '10.0.0.0/8', '08:00:2b:01:02:03',
          '{1,NULL,3}', '{{"a","b"},{"c",NULL}}',
          '1 year 2 mons 3 days 04:05:06.5', B'1', B'10101010', B'101', '<a>x</a>',
          'happy', 5, 'ABC')""",
        """
        INSERT INTO all_types VALUES (2, 9223372036854775807,
          32767, -2147483648, 9223372036854775807,
          -999999999.999, -12345678901234567890123456789012345.1234567890123456789012345678915,
          -3.4e38, -1.7976931348623157e308,
          false,
          '', '', '', '', '', '',
          '\\x',
          '1000-01-01', '00:00:00', '23:59:59.999999-14', '1000-01-01 00:00:00', '9999-12-31 23:59:59.999999',
          '1970-01-01 00:00:00+00',
          '[]', '{}', '00000000-0000-0000-0000-000000000000', '::ffff:1.2.3.4/128', '2001:db8::/32', 'ff:ff:ff:ff:ff:ff',
          '{}', '{}',
          '-178000000 years', B'0', B'00000000', B'', '',
          'sad', 1, '')""",
        "INSERT INTO all_types (id, c_big) VALUES (3, 3)");
  }

  @Test
  void mirrorsEveryMappedTypeIntoDoltWithEqualCanonicalValues() throws SQLException {
    List<Map<String, Object>> rows = roundTrip().copy("all_types", false);

    assertThat(rows.get(0)).contains(
        entry("id", 1L),
        entry("c_bigint", Long.MIN_VALUE),
        entry("c_numeric", new BigDecimal("-123456789.125")),
        entry("c_numeric_free", new BigDecimal("1.234567890123456789012345678901")),
        entry("c_real", 1.5f),
        entry("c_bool", true),
        entry("c_char", "ab"),
        entry("c_varchar", "héllo ☃ 日本語 😀"),
        entry("c_time", LocalTime.of(12, 34, 56, 789_000_000)),
        entry("c_timetz", LocalTime.of(10, 0)),
        entry("c_timestamp", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000)),
        entry("c_timestamptz", LocalDateTime.of(2023, 12, 31, 22, 30, 0, 500_000_000)),
        entry("c_json", "{\"a\":\"x\",\"b\":[1,2.5]}"),
        entry("c_jsonb", "{\"a\":\"x\",\"b\":[1,2.5],\"n\":12345678901234567000}"),
        entry("c_uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
        entry("c_inet", "192.168.0.1/24"),
        entry("c_int_array", "[1,null,3]"),
        entry("c_text_array", "[[\"a\",\"b\"],[\"c\",null]]"),
        entry("c_interval", "1 year 2 mons 3 days 04:05:06.5"),
        entry("c_bit1", true),
        entry("c_bit8", "10101010"),
        entry("c_xml", "<a>x</a>"),
        entry("c_mood", "happy"),
        entry("c_positive", 5L),
        entry("c_code", "ABC"));
    assertThat((byte[]) rows.get(0).get("c_bytea")).containsExactly(0x00, 0xff, 0x10);
    assertThat(rows.get(1)).contains(
        entry("c_big", Long.MAX_VALUE),
        entry("c_numeric_free", new BigDecimal("-12345678901234567890123456789012345.123456789012345678901234567892")),
        entry("c_double", -Double.MAX_VALUE),
        entry("c_char", ""),
        entry("c_date", LocalDate.of(1000, 1, 1)),
        entry("c_timetz", LocalTime.of(13, 59, 59, 999_999_000)),
        entry("c_timestamp6", LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000)),
        entry("c_timestamptz", LocalDateTime.of(1970, 1, 1, 0, 0)),
        entry("c_jsonb", "{}"),
        entry("c_int_array", "[]"),
        entry("c_interval", "-178000000 years"),
        entry("c_varbit", ""));
    assertThat(rows.get(2)).containsEntry("id", 3L).containsEntry("c_big", 3L)
        .allSatisfy((column, value) -> {
          if (!column.equals("id") && !column.equals("c_big")) {
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
        entry("id", "int"), entry("c_big", "bigint"), entry("c_small", "smallint"), entry("c_int", "int"),
        entry("c_bigint", "bigint"), entry("c_numeric", "decimal(12,3)"), entry("c_numeric_free", "decimal(65,30)"),
        entry("c_real", "float"), entry("c_double", "double"), entry("c_bool", "tinyint(1)"),
        entry("c_char", "char(4)"), entry("c_varchar", "varchar(50)"), entry("c_varchar_free", "longtext"),
        entry("c_text", "longtext"), entry("c_bigvarchar", "mediumtext"), entry("c_name", "varchar(63)"),
        entry("c_bytea", "longblob"), entry("c_date", "date"), entry("c_time", "time"), entry("c_timetz", "time"),
        entry("c_timestamp", "datetime(3)"), entry("c_timestamp6", "datetime(6)"), entry("c_timestamptz", "datetime(6)"),
        entry("c_json", "json"), entry("c_jsonb", "json"), entry("c_uuid", "char(36)"), entry("c_inet", "varchar(43)"),
        entry("c_cidr", "varchar(43)"), entry("c_macaddr", "varchar(43)"), entry("c_int_array", "json"),
        entry("c_text_array", "json"), entry("c_interval", "varchar(64)"), entry("c_bit1", "bit(1)"),
        entry("c_bit8", "varchar(8)"), entry("c_varbit", "varchar(16)"), entry("c_xml", "longtext"),
        entry("c_mood", "longtext"), entry("c_positive", "int"), entry("c_code", "varchar(8)"));
    assertThat(doltColumnTypes("mapped_types")).isEqualTo(asDoltReports(mapped));
  }

  @Test
  void leavesOutExpressionAndPartialIndexes() throws SQLException {
    TableSchema schema = DIALECT.readTable(primary, "all_types");

    assertThat(schema.primaryKey()).containsExactly("id");
    assertThat(schema.indexes()).containsExactlyInAnyOrder(
        new IndexSchema("all_types_c_varchar_c_int_key", List.of("c_varchar", "c_int"), true),
        new IndexSchema("idx_text", List.of("c_text"), false),
        new IndexSchema("idx_jsonb", List.of("c_jsonb"), false));
    assertThat(schema.column("id").orElseThrow().autoIncrement()).isTrue();
  }

  @Test
  void readsColumnsKeysIndexesForeignKeysAndTriggers() throws SQLException {
    execute(primary,
        "CREATE TABLE parent (id int PRIMARY KEY, code varchar(10) NOT NULL CONSTRAINT uq_parent_code UNIQUE)",
        "CREATE TABLE audit (id serial PRIMARY KEY, what text DEFAULT 'none')",
        """
        CREATE TABLE child (
          a int NOT NULL, b int NOT NULL,
          parent_id int CONSTRAINT fk_child_parent REFERENCES parent (id) ON DELETE CASCADE ON UPDATE SET NULL,
          parent_code varchar(10), note text,
          PRIMARY KEY (b, a),
          CONSTRAINT fk_child_code FOREIGN KEY (parent_code) REFERENCES parent (code) ON DELETE RESTRICT ON UPDATE CASCADE
        )""",
        "CREATE INDEX idx_note ON child (note)",
        """
        CREATE FUNCTION child_audit_fn() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO audit (what) VALUES ('child ' || NEW.a);
          RETURN NEW;
        END $$""",
        "CREATE TRIGGER child_audit AFTER INSERT ON child FOR EACH ROW EXECUTE FUNCTION child_audit_fn()");

    TableSchema child = DIALECT.readTable(primary, "child");

    assertThat(child.columns()).extracting(ColumnSchema::name).containsExactly("a", "b", "parent_id", "parent_code", "note");
    assertThat(child.column("a").orElseThrow().nullable()).isFalse();
    assertThat(child.primaryKey()).containsExactly("b", "a");
    assertThat(child.indexes()).containsExactly(new IndexSchema("idx_note", List.of("note"), false));
    assertThat(child.foreignKeys()).containsExactlyInAnyOrder(
        new ForeignKeySchema("fk_child_parent", List.of("parent_id"), "parent", List.of("id"), Action.CASCADE, Action.SET_NULL),
        new ForeignKeySchema("fk_child_code", List.of("parent_code"), "parent", List.of("code"), Action.RESTRICT, Action.CASCADE));
    assertThat(child.triggerSources()).singleElement().asString()
        .contains("CREATE TRIGGER child_audit AFTER INSERT ON")
        .contains("EXECUTE FUNCTION child_audit_fn()")
        .contains("CREATE OR REPLACE FUNCTION")
        .contains("INSERT INTO audit (what) VALUES ('child ' || NEW.a);");
    assertThat(DIALECT.readTable(primary, "parent").uniqueIndexes()).containsExactly(new IndexSchema("uq_parent_code", List.of("code"), true));
    assertThat(DIALECT.readTable(primary, "audit").column("what").orElseThrow().defaultValue()).contains("none");
  }

  @Test
  void listsPartitionedTablesButNotTheirPartitionsNorOtherSchemas() throws SQLException {
    String otherSchema = TestServers.createPostgresSchema("dialect_pg_other");
    try {
      execute(primary,
          "CREATE TABLE measurements (id int, taken date) PARTITION BY RANGE (taken)",
          "CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
          "CREATE TABLE " + otherSchema + ".elsewhere (id int)");

      assertThat(DIALECT.listTables(primary)).contains("measurements").doesNotContain("measurements_2024", "elsewhere");
    } finally {
      execute(primary, "DROP SCHEMA " + otherSchema + " CASCADE");
    }
  }

  @Test
  void geometricFullTextAndMoneyTypesAreUnmappableUnlessStoredAsText() throws SQLException {
    execute(primary, "CREATE TABLE shapes (id int PRIMARY KEY, location point, words tsvector, price money)",
        "INSERT INTO shapes VALUES (1, '(1.5,2)', 'a fat cat', -1234.5), (2, NULL, NULL, NULL)");
    TableSchema schema = DIALECT.readTable(primary, "shapes");

    for (Map.Entry<String, String> column : Map.of("location", "point", "words", "tsvector", "price", "money").entrySet()) {
      assertThatThrownBy(() -> DIALECT.doltType("shapes", schema.column(column.getKey()).orElseThrow()))
          .isInstanceOf(UnmappableTypeException.class)
          .hasMessageContaining("shapes." + column.getKey())
          .hasMessageContaining(column.getValue());
    }
    List<Map<String, Object>> rows = roundTrip().copy("shapes", true);

    assertThat(rows).extracting(row -> row.get("location")).containsExactly("(1.5,2)", null);
    assertThat(rows).extracting(row -> row.get("words")).containsExactly("'a' 'cat' 'fat'", null);
    assertThat(rows).extracting(row -> row.get("price")).containsExactly("-$1,234.50", null);
  }
}
