package io.doltsync.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.doltsync.spi.ForeignKeySchema;
import io.doltsync.spi.ForeignKeySchema.Action;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.testing.TestServers;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Oracle type mapping, exercised with Oracle DDL through H2's Oracle mode ({@link H2OracleModeDialect}),
 * mirrored into the real Dolt server. No Oracle server can run here.
 */
class OracleDialectTest extends DialectTestBase {

  private static final SourceDialect DIALECT = new H2OracleModeDialect();

  private final String url = TestServers.h2Url("Oracle");

  @Override
  protected SourceDialect dialect() {
    return DIALECT;
  }

  @Override
  protected void createPrimary() {
    // an in-memory database comes into being with its first connection
  }

  @Override
  protected Connection openPrimary() throws SQLException {
    return DriverManager.getConnection(url, "sa", "");
  }

  @Override
  protected void dropPrimary() throws SQLException {
    try (Connection connection = openPrimary()) {
      execute(connection, "SHUTDOWN");
    }
  }

  @BeforeAll
  void createAllTypesTable() throws SQLException {
    execute(primary, """
        CREATE TABLE ALL_TYPES (
          ID NUMBER(10) PRIMARY KEY,
          C_NUM1 NUMBER(1), C_NUM4 NUMBER(4), C_NUM9 NUMBER(9), C_NUM18 NUMBER(18), C_NUM38 NUMBER(38),
          C_NUM_SCALED NUMBER(12,4), C_NUMBER NUMBER,
          C_FLOAT FLOAT, C_BINARY_FLOAT BINARY_FLOAT, C_BINARY_DOUBLE BINARY_DOUBLE,
          C_VARCHAR2 VARCHAR2(100), C_NVARCHAR2 NVARCHAR2(50), C_CHAR CHAR(3), C_NCHAR NCHAR(2), C_CLOB CLOB, C_NCLOB NCLOB,
          C_BLOB BLOB, C_RAW RAW(16),
          C_DATE DATE, C_TIMESTAMP TIMESTAMP, C_TIMESTAMP3 TIMESTAMP(3), C_TIMESTAMP9 TIMESTAMP(9),
          C_TIMESTAMPTZ TIMESTAMP WITH TIME ZONE,
          C_INTERVAL_DS INTERVAL DAY TO SECOND, C_INTERVAL_YM INTERVAL YEAR TO MONTH
        )""",
        """
        INSERT INTO ALL_TYPES VALUES (1,
          9, -9999, 999999999, 999999999999999999, 12345678901234567890123456789012345678,
          -12345678.1234, 1.25,
          0.1, 1.5, -2.5,
          'héllo ☃ 日本語 😀', 'ñ', 'ab', 'x', 'clob ☃', 'nclob',
          X'CAFE', X'00FF',
          TIMESTAMP '2024-01-02 03:04:05', TIMESTAMP '2024-01-02 03:04:05.123456', TIMESTAMP '2024-01-02 03:04:05.123',
          TIMESTAMP '2024-01-02 03:04:05.123456789', TIMESTAMP WITH TIME ZONE '2024-01-01 00:30:00+02:00',
          INTERVAL '1 02:03:04' DAY TO SECOND, INTERVAL '1-2' YEAR TO MONTH)""",
        """
        INSERT INTO ALL_TYPES VALUES (2,
          -9, 9999, -999999999, -999999999999999999, -99999999999999999999999999999999999999,
          99999999.9999, -0.000000000000000000000000000001,
          -1.7976931348623157E308, -3.4E38, 4.9E-324,
          NULL, NULL, 'abc', NULL, NULL, NULL,
          NULL, X'',
          DATE '1000-01-01', TIMESTAMP '9999-12-31 23:59:59.999999', NULL, NULL, NULL, NULL, NULL)""",
        "INSERT INTO ALL_TYPES (ID) VALUES (3)");
  }

  @Test
  void mirrorsEveryMappedTypeIntoDoltWithEqualCanonicalValues() throws SQLException {
    List<Map<String, Object>> rows = roundTrip().copy("ALL_TYPES", false);

    assertThat(rows.get(0)).contains(
        entry("id", 1L),
        entry("c_num1", 9L),
        entry("c_num18", 999999999999999999L),
        entry("c_num38", new BigDecimal("12345678901234567890123456789012345678")),
        entry("c_num_scaled", new BigDecimal("-12345678.1234")),
        entry("c_number", new BigDecimal("1.25")),
        entry("c_float", 0.1),
        entry("c_binary_float", 1.5f),
        entry("c_varchar2", "héllo ☃ 日本語 😀"),
        entry("c_char", "ab"),
        entry("c_clob", "clob ☃"),
        entry("c_date", LocalDateTime.of(2024, 1, 2, 3, 4, 5)),
        entry("c_timestamp3", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000)),
        entry("c_timestamp9", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000)),
        entry("c_timestamptz", LocalDateTime.of(2023, 12, 31, 22, 30)));
    assertThat((byte[]) rows.get(0).get("c_blob")).containsExactly(0xCA, 0xFE);
    assertThat(rows.get(1)).contains(
        entry("c_num38", new BigDecimal("-99999999999999999999999999999999999999")),
        entry("c_number", new BigDecimal("-0.000000000000000000000000000001")),
        entry("c_binary_double", 4.9e-324),
        entry("c_date", LocalDateTime.of(1000, 1, 1, 0, 0)));
  }

  @Test
  void mapsOracleTypesFaithfullyAndDoltAcceptsThem() throws SQLException {
    TableSchema schema = DIALECT.readTable(primary, "ALL_TYPES");

    Map<String, String> mapped = mappedTypes(schema);
    execute(dolt, DoltDdl.createTable("mapped_types", schema, DIALECT, false));

    assertThat(mapped).containsExactly(
        entry("id", "bigint"), entry("c_num1", "tinyint"), entry("c_num4", "smallint"), entry("c_num9", "int"),
        entry("c_num18", "bigint"), entry("c_num38", "decimal(38,0)"), entry("c_num_scaled", "decimal(12,4)"),
        entry("c_number", "decimal(65,30)"), entry("c_float", "double"), entry("c_binary_float", "float"),
        entry("c_binary_double", "double"), entry("c_varchar2", "varchar(100)"), entry("c_nvarchar2", "varchar(50)"),
        entry("c_char", "char(3)"), entry("c_nchar", "char(2)"), entry("c_clob", "longtext"), entry("c_nclob", "longtext"),
        entry("c_blob", "longblob"), entry("c_raw", "varbinary(16)"), entry("c_date", "datetime"),
        entry("c_timestamp", "datetime(6)"), entry("c_timestamp3", "datetime(3)"), entry("c_timestamp9", "datetime(6)"),
        entry("c_timestamptz", "datetime(6)"), entry("c_interval_ds", "varchar(64)"), entry("c_interval_ym", "varchar(64)"));
    assertThat(doltColumnTypes("mapped_types")).isEqualTo(asDoltReports(mapped));
  }

  @Test
  void readsForeignKeysAndUpperCaseNames() throws SQLException {
    execute(primary,
        "CREATE TABLE DEPT (DEPTNO NUMBER(2) PRIMARY KEY, DNAME VARCHAR2(14))",
        "CREATE TABLE EMP (EMPNO NUMBER(4) PRIMARY KEY, ENAME VARCHAR2(10), DEPTNO NUMBER(2)"
            + " CONSTRAINT FK_DEPTNO REFERENCES DEPT (DEPTNO) ON DELETE CASCADE)");

    TableSchema emp = DIALECT.readTable(primary, "emp");

    assertThat(emp.name()).isEqualTo("EMP");
    assertThat(emp.primaryKey()).containsExactly("EMPNO");
    assertThat(emp.foreignKeys()).containsExactly(
        new ForeignKeySchema("FK_DEPTNO", List.of("DEPTNO"), "DEPT", List.of("DEPTNO"), Action.CASCADE, Action.NO_ACTION));
    assertThat(DoltDdl.createTable(DoltDdl.doltName(emp.name()), emp, DIALECT, false)).isEqualTo("""
        CREATE TABLE IF NOT EXISTS `emp` (
          `empno` smallint NOT NULL,
          `ename` varchar(10),
          `deptno` tinyint,
          PRIMARY KEY (`empno`),
          KEY `fk_deptno_index_1` (`deptno`)
        ) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin""");
  }
}
