package io.doltsync.samples.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.UnmappableTypeException;
import io.doltsync.tck.DialectConformance;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The SQL Server → Dolt type table, checked against the tck's rules for Dolt column types (no server). */
class SqlServerTypesTest {

  private static final SqlServerDialect DIALECT = new SqlServerDialect();

  private static ColumnSchema column(String typeName, int jdbcType, Integer size, Integer scale) {
    return new ColumnSchema("c", jdbcType, typeName, size, scale, true, false, null);
  }

  /** Type names and metadata as Microsoft's driver reports them for each declared type. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      bit              | -7   | 1          | 0  | tinyint(1)
      tinyint          | -6   | 3          | 0  | tinyint unsigned
      smallint         | 5    | 5          | 0  | smallint
      int              | 4    | 10         | 0  | int
      int identity     | 4    | 10         | 0  | int
      bigint identity  | -5   | 19         | 0  | bigint
      decimal          | 3    | 38         | 10 | decimal(38,10)
      numeric() identity | 2  | 9          | 0  | decimal(9,0)
      money            | 3    | 19         | 4  | decimal(19,4)
      smallmoney       | 3    | 10         | 4  | decimal(10,4)
      float            | 8    | 53         | -  | double
      real             | 7    | 24         | -  | float
      char             | 1    | 10         | -  | char(10)
      nchar            | -15  | 4000       | -  | varchar(4000)
      varchar          | 12   | 8000       | -  | varchar(8000)
      varchar          | 12   | 2147483647 | -  | longtext
      nvarchar         | -9   | 1073741823 | -  | longtext
      ntext            | -16  | 1073741823 | -  | longtext
      xml              | -16  | -          | -  | longtext
      binary           | -2   | 16         | -  | binary(16)
      binary           | -2   | 300        | -  | varbinary(300)
      varbinary        | -3   | 2147483647 | -  | longblob
      image            | -4   | 2147483647 | -  | longblob
      date             | 91   | 10         | -  | date
      time             | 92   | 16         | 7  | time(6)
      datetime         | 93   | 23         | 3  | datetime(3)
      smalldatetime    | 93   | 16         | 0  | datetime
      datetime2        | 93   | 27         | 7  | datetime(6)
      datetime2        | 93   | 22         | 2  | datetime(2)
      datetimeoffset   | -155 | 34         | 7  | datetime(6)
      uniqueidentifier | 1    | 36         | -  | char(36)
      json             | -16  | -          | -  | json
      """)
  void mapsEachDeclaredType(String typeName, int jdbcType, Integer size, Integer scale, String expected) throws Exception {
    String dolt = DIALECT.doltType("t", column(typeName, jdbcType, size, scale));
    assertThat(dolt).isEqualTo(expected);
    assertThat(DialectConformance.doltColumnTypeProblem(dolt)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"timestamp", "rowversion", "sql_variant", "hierarchyid", "geography", "geometry", "my_alias_type"})
  void refusesTypesDoltCannotHoldFaithfully(String typeName) {
    assertThatThrownBy(() -> DIALECT.doltType("t", column(typeName, Types.OTHER, null, null)))
        .isInstanceOf(UnmappableTypeException.class).hasMessageContaining(typeName);
  }

  /** Every length, precision, scale and fractional-second count SQL Server allows maps to a type Dolt accepts. */
  @Test
  void everyGeneratedColumnMapsToADoltType() {
    List<ColumnSchema> columns = new ArrayList<>();
    for (int p = 1; p <= 38; p++) {
      for (int s = 0; s <= Math.min(p, 30); s++) {
        columns.add(column(s % 2 == 0 ? "decimal" : "numeric", Types.DECIMAL, p, s));
      }
    }
    Random random = new Random(1433);
    for (int i = 0; i < 2_000; i++) {
      String type = List.of("char", "nchar", "varchar", "nvarchar", "binary", "varbinary").get(random.nextInt(6));
      // (max), reported as 2^31-1 or 2^30-1, exists only for the var types; nchar and nvarchar(n) stop at 4000
      boolean max = type.startsWith("var") || type.startsWith("nvar") ? random.nextInt(10) == 0 : false;
      int size = max ? (random.nextBoolean() ? 2147483647 : 1073741823) : 1 + random.nextInt(type.startsWith("n") ? 4000 : 8000);
      columns.add(column(type, Types.VARCHAR, size, null));
    }
    for (int fsp = 0; fsp <= 7; fsp++) {
      for (String type : List.of("time", "datetime2", "datetimeoffset")) {
        columns.add(column(type, Types.TIMESTAMP, 20 + fsp, fsp));
      }
    }
    assertThat(new DialectConformance(DIALECT).doltTypeProblems("t", columns)).isEmpty();
    for (ColumnSchema c : columns) {
      String dolt = mapped(c);
      if (c.typeName().startsWith("time") || c.typeName().startsWith("datetime")) {
        assertThat(dolt).endsWith("(" + Math.min(c.scale(), 6) + ")");
      } else if (c.typeName().endsWith("char") && c.size() <= 255 && !c.typeName().contains("var")) {
        assertThat(dolt).isEqualTo("char(" + c.size() + ")");
      }
    }
  }

  /** SQL Server allows a scale up to 38; Dolt keeps 30 digits, so those columns are refused rather than rounded. */
  @Test
  void refusesEveryDecimalWithAScaleBeyondDolts() {
    for (int p = 31; p <= 38; p++) {
      for (int s = 31; s <= p; s++) {
        ColumnSchema column = column("decimal", Types.DECIMAL, p, s);
        assertThatThrownBy(() -> DIALECT.doltType("t", column)).isInstanceOf(UnmappableTypeException.class);
      }
    }
  }

  @Test
  void knowsTheDriversDatetimeoffsetTypeCode() {
    assertThat(SqlServerDialect.DATETIMEOFFSET).isEqualTo(microsoft.sql.Types.DATETIMEOFFSET);
  }

  private static String mapped(ColumnSchema column) {
    try {
      return DIALECT.doltType("t", column);
    } catch (UnmappableTypeException e) {
      throw new AssertionError(e);
    }
  }
}
