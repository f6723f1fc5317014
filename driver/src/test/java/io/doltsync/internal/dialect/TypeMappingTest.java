package io.doltsync.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.UnmappableTypeException;
import java.sql.Types;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Type names no test server here produces: those an Oracle driver reports (H2's Oracle mode renames
 * them) and MySQL 8's. The mapping is a pure function of the column metadata.
 */
class TypeMappingTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "NUMBER|-|-|decimal(65,30)",
      "NUMBER|0|-127|decimal(65,30)",
      "NUMBER|-|0|decimal(38,0)",
      "NUMBER|10|0|bigint",
      "NUMBER|19|0|decimal(19,0)",
      "NUMBER|5|-2|int",
      "NUMBER|12|4|decimal(12,4)",
      "FLOAT|126|-|double",
      "BINARY_FLOAT|-|-|float",
      "VARCHAR2|4000|-|varchar(4000)",
      "VARCHAR2|32767|-|mediumtext",
      "NVARCHAR2|100|-|varchar(100)",
      "NCHAR|2|-|char(2)",
      "LONG|-|-|longtext",
      "LONG RAW|-|-|longblob",
      "RAW|16|-|varbinary(16)",
      "DATE|7|-|datetime",
      "TIMESTAMP(9)|-|9|datetime(6)",
      "TIMESTAMP(3) WITH TIME ZONE|-|3|datetime(3)",
      "TIMESTAMP(6) WITH LOCAL TIME ZONE|-|6|datetime(6)",
      "INTERVAL DAY(2) TO SECOND(6)|-|6|varchar(64)",
      "INTERVAL YEAR(2) TO MONTH|-|0|varchar(64)",
      "JSON|-|-|json",
      "BOOLEAN|-|-|tinyint(1)"})
  void mapsOracleDriverTypeNames(String typeName, Integer size, Integer scale, String doltType) throws UnmappableTypeException {
    assertThat(new OracleDialect().doltType("T", column(typeName, size, scale))).isEqualTo(doltType);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "int|int", "int unsigned|int unsigned", "tinyint(1)|tinyint(1)", "tinyint(1) unsigned|tinyint unsigned",
      "bigint(20) unsigned zerofill|bigint unsigned", "double(10,2)|double", "float unsigned|float", "json|json",
      "datetime(3)|datetime(3)", "timestamp|timestamp", "year|year"})
  void mapsMySqlColumnTypes(String columnType, String doltType) throws UnmappableTypeException {
    assertThat(new MySqlDialect().doltType("t", column(columnType, null, null))).isEqualTo(doltType);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ROWID", "UROWID", "XMLTYPE", "SDO_GEOMETRY", "BFILE"})
  void leavesOracleTypesWithoutDoltEquivalentUnmapped(String typeName) {
    assertThatThrownBy(() -> new OracleDialect().doltType("ORDERS", column(typeName, null, null)))
        .isInstanceOf(UnmappableTypeException.class)
        .hasMessageContaining("ORDERS.C of type " + typeName);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "TIMESTAMP(6) WITH TIME ZONE|timestamp with time zone", "int(10) unsigned zerofill|int", "enum('a)','b')|enum",
      "SET ('x')|set", "CHARACTER VARYING(5) ARRAY|character varying array", "INTERVAL DAY(2) TO SECOND(6)|interval day to second",
      "double precision|double precision", "_int4|_int4"})
  void baseNamesDropLengthsModifiersAndValues(String typeName, String baseName) {
    assertThat(TypeMapping.baseName(typeName)).isEqualTo(baseName);
  }

  private static ColumnSchema column(String typeName, Integer size, Integer scale) {
    return new ColumnSchema("C", Types.OTHER, typeName, size, scale, true, false, null);
  }
}
