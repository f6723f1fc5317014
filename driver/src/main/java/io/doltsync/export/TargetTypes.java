package io.doltsync.export;

import java.sql.SQLFeatureNotSupportedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Dolt column types to target column types: the reverse of the source dialects' tables in
 * {@code io.doltsync.internal.dialect} (primary type → Dolt type). One row per Dolt type, one column per target kind, so
 * the table reads both ways: a row says what a Dolt type becomes in each database, and the source dialect of
 * that database maps it back to the same Dolt type or a wider one (tested by the export round trip). The
 * widenings, all lossless: Dolt integers become the next PostgreSQL/H2 integer that holds them (no
 * {@code tinyint}/{@code mediumint}/unsigned types there), {@code timestamp} becomes a plain date-time,
 * text and blob sizes become the target's one large type, {@code set} and (outside MySQL and H2)
 * {@code enum} become {@code varchar}, {@code year} a {@code smallint}, Oracle keeps times and JSON as text, and H2
 * (and its Oracle mode), which counts string lengths in UTF-16 units, gets {@code char} and {@code varchar} columns
 * twice as long as Dolt's, so that characters outside the Basic Multilingual Plane fit.
 * Dolt types without a row (spatial types) are refused.
 */
final class TargetTypes {

  /** What one Dolt column becomes in a target. */
  record TargetColumn(String sqlType, ValueTransfer transfer, String placeholder) {
    TargetColumn(String sqlType, ValueTransfer transfer) {
      this(sqlType, transfer, "?");
    }
  }

  /** One row of the table: the target type for each kind. */
  private record Row(Function<DoltColumn, TargetColumn> mysql, Function<DoltColumn, TargetColumn> postgresql,
      Function<DoltColumn, TargetColumn> h2, Function<DoltColumn, TargetColumn> oracle) {
    Function<DoltColumn, TargetColumn> forKind(TargetKind kind) {
      return switch (kind) {
        case MYSQL -> mysql;
        case POSTGRESQL -> postgresql;
        case H2 -> h2;
        case H2_ORACLE -> oracle;
      };
    }
  }

  private static final int ORACLE_MAX_VARCHAR = 4000;
  private static final int ORACLE_MAX_RAW = 2000;
  private static final int ORACLE_MAX_NUMBER = 38;

  private static final Map<String, Row> ROWS = new LinkedHashMap<>();

  static {
    //      Dolt type      MySQL/MariaDB              PostgreSQL                          H2                                   Oracle (H2's Oracle mode)
    row("tinyint", same(ValueTransfer.INTEGER), signed("smallint", "smallint"), signed("tinyint", "smallint"), number(3, 3));
    row("smallint", same(ValueTransfer.INTEGER), signed("smallint", "integer"), signed("smallint", "integer"), number(5, 5));
    row("mediumint", same(ValueTransfer.INTEGER), fixed("integer"), fixed("integer"), number(7, 8));
    row("int", same(ValueTransfer.INTEGER), signed("integer", "bigint"), signed("integer", "bigint"), number(10, 10));
    row("integer", same(ValueTransfer.INTEGER), signed("integer", "bigint"), signed("integer", "bigint"), number(10, 10));
    row("bigint", TargetTypes::bigintMysql, TargetTypes::bigint, TargetTypes::bigint, c -> c.unsigned()
        ? new TargetColumn("number(20)", ValueTransfer.DECIMAL) : new TargetColumn("number(19)", ValueTransfer.INTEGER));
    row("decimal", same(ValueTransfer.DECIMAL), decimal("numeric"), decimal("numeric"), TargetTypes::oracleNumber);
    row("float", same(ValueTransfer.FLOAT), of("real", ValueTransfer.FLOAT), of("real", ValueTransfer.FLOAT),
        of("binary_float", ValueTransfer.FLOAT));
    row("double", same(ValueTransfer.DOUBLE), of("double precision", ValueTransfer.DOUBLE),
        of("double precision", ValueTransfer.DOUBLE), of("binary_double", ValueTransfer.DOUBLE));
    row("bit", c -> new TargetColumn(c.columnType(), c.number(0, 1) == 1 ? ValueTransfer.BOOLEAN : ValueTransfer.BITS_AS_LONG),
        TargetTypes::bits, TargetTypes::bits, c -> c.number(0, 1) == 1 ? new TargetColumn("number(1)", ValueTransfer.BOOLEAN)
            : new TargetColumn("number(20)", ValueTransfer.BITS_AS_DECIMAL));
    // H2 counts lengths in UTF-16 units: twice Dolt's characters hold any of them (🙂 is two units)
    row("char", same(ValueTransfer.STRING), length("char"), utf16("char"), utf16("char"));
    row("varchar", same(ValueTransfer.STRING), length("varchar"), utf16("varchar"),
        c -> 2 * c.number(0, 1) <= ORACLE_MAX_VARCHAR ? new TargetColumn("varchar2(" + 2 * c.number(0, 1) + ")", ValueTransfer.STRING)
            : new TargetColumn("clob", ValueTransfer.STRING));
    for (String text : List.of("tinytext", "text", "mediumtext", "longtext")) {
      row(text, same(ValueTransfer.STRING), of("text", ValueTransfer.STRING), of("character large object", ValueTransfer.STRING),
          of("clob", ValueTransfer.STRING));
    }
    row("binary", same(ValueTransfer.BYTES), of("bytea", ValueTransfer.BYTES), length("binary", ValueTransfer.BYTES),
        c -> new TargetColumn("raw(" + c.number(0, 1) + ")", ValueTransfer.BYTES));
    row("varbinary", same(ValueTransfer.BYTES), of("bytea", ValueTransfer.BYTES), length("varbinary", ValueTransfer.BYTES),
        c -> c.number(0, 1) <= ORACLE_MAX_RAW ? new TargetColumn("raw(" + c.number(0, 1) + ")", ValueTransfer.BYTES)
            : new TargetColumn("blob", ValueTransfer.BYTES));
    for (String blob : List.of("tinyblob", "blob", "mediumblob", "longblob")) {
      row(blob, same(ValueTransfer.BYTES), of("bytea", ValueTransfer.BYTES), of("binary large object", ValueTransfer.BYTES),
          of("blob", ValueTransfer.BYTES));
    }
    row("date", same(ValueTransfer.DATE), of("date", ValueTransfer.DATE), of("date", ValueTransfer.DATE),
        of("date", ValueTransfer.DATE));
    row("time", same(ValueTransfer.STRING), of("time(6)", ValueTransfer.TIME_OF_DAY), of("time(6)", ValueTransfer.TIME_OF_DAY),
        of("varchar2(20)", ValueTransfer.STRING));
    row("datetime", same(ValueTransfer.DATETIME), fraction("timestamp"), fraction("timestamp"), fraction("timestamp"));
    row("timestamp", same(ValueTransfer.DATETIME), fraction("timestamp"), fraction("timestamp"), fraction("timestamp"));
    row("year", same(ValueTransfer.YEAR), of("smallint", ValueTransfer.YEAR), of("smallint", ValueTransfer.YEAR),
        of("number(4)", ValueTransfer.YEAR));
    row("json", same(ValueTransfer.JSON), of("jsonb", ValueTransfer.JSON),
        c -> new TargetColumn("json", ValueTransfer.JSON, "? FORMAT JSON"), of("clob", ValueTransfer.STRING));
    row("enum", same(ValueTransfer.STRING), TargetTypes::longestValue, c -> new TargetColumn(c.columnType(), ValueTransfer.STRING),
        TargetTypes::longestValue);
    row("set", same(ValueTransfer.STRING), TargetTypes::setText, TargetTypes::setText, TargetTypes::setText);
  }

  private TargetTypes() {}

  /**
   * The target column a Dolt column becomes.
   *
   * @throws SQLFeatureNotSupportedException (0A000) naming table, column and type when the type has no row
   */
  static TargetColumn map(TargetKind kind, String table, DoltColumn column) throws SQLFeatureNotSupportedException {
    Row row = ROWS.get(column.base());
    if (row == null) {
      throw new SQLFeatureNotSupportedException("cannot export " + table + "." + column.name() + ": Dolt type "
          + column.columnType() + " has no " + kind.name().toLowerCase(java.util.Locale.ROOT) + " equivalent", "0A000");
    }
    TargetColumn target = row.forKind(kind).apply(column);
    if (kind == TargetKind.MYSQL || !column.columnType().equalsIgnoreCase("tinyint(1)")) {
      return target;
    }
    // MySQL's boolean: a boolean (Oracle: number(1)) elsewhere, holding only 0 and 1
    return kind == TargetKind.H2_ORACLE ? new TargetColumn("number(1)", ValueTransfer.INTEGER)
        : new TargetColumn("boolean", ValueTransfer.INTEGER_AS_BOOLEAN);
  }

  private static void row(String doltType, Function<DoltColumn, TargetColumn> mysql, Function<DoltColumn, TargetColumn> postgresql,
      Function<DoltColumn, TargetColumn> h2, Function<DoltColumn, TargetColumn> oracle) {
    ROWS.put(doltType, new Row(mysql, postgresql, h2, oracle));
  }

  private static Function<DoltColumn, TargetColumn> same(ValueTransfer transfer) {
    return c -> new TargetColumn(c.columnType(), transfer);
  }

  private static Function<DoltColumn, TargetColumn> of(String type, ValueTransfer transfer) {
    return c -> new TargetColumn(type, transfer);
  }

  private static Function<DoltColumn, TargetColumn> fixed(String type) {
    return of(type, ValueTransfer.INTEGER);
  }

  /** An integer type; the wider one for unsigned values. */
  private static Function<DoltColumn, TargetColumn> signed(String type, String unsignedType) {
    return c -> new TargetColumn(c.unsigned() ? unsignedType : type, ValueTransfer.INTEGER);
  }

  private static Function<DoltColumn, TargetColumn> number(int digits, int unsignedDigits) {
    return c -> new TargetColumn("number(" + (c.unsigned() ? unsignedDigits : digits) + ")", ValueTransfer.INTEGER);
  }

  private static TargetColumn bigintMysql(DoltColumn column) {
    return new TargetColumn(column.columnType(), column.unsigned() ? ValueTransfer.DECIMAL : ValueTransfer.INTEGER);
  }

  private static TargetColumn bigint(DoltColumn column) {
    return column.unsigned() ? new TargetColumn("numeric(20)", ValueTransfer.DECIMAL)
        : new TargetColumn("bigint", ValueTransfer.INTEGER);
  }

  private static Function<DoltColumn, TargetColumn> decimal(String type) {
    return c -> new TargetColumn(type + "(" + c.number(0, 10) + "," + c.number(1, 0) + ")", ValueTransfer.DECIMAL);
  }

  /**
   * Oracle's NUMBER holds 38 digits; a wider Dolt decimal becomes a NUMBER without precision, and a value with more
   * than 38 significant digits is refused.
   */
  private static TargetColumn oracleNumber(DoltColumn column) {
    int precision = column.number(0, 10);
    return precision <= ORACLE_MAX_NUMBER ? new TargetColumn("number(" + precision + "," + column.number(1, 0) + ")",
        ValueTransfer.DECIMAL) : new TargetColumn("number", ValueTransfer.DECIMAL_38);
  }

  private static TargetColumn bits(DoltColumn column) {
    int width = column.number(0, 1);
    if (width == 1) {
      return new TargetColumn("boolean", ValueTransfer.BOOLEAN);
    }
    return width < 64 ? new TargetColumn("bigint", ValueTransfer.BITS_AS_LONG) : new TargetColumn("numeric(20)", ValueTransfer.BITS_AS_DECIMAL);
  }

  private static Function<DoltColumn, TargetColumn> length(String type) {
    return length(type, ValueTransfer.STRING);
  }

  private static Function<DoltColumn, TargetColumn> utf16(String type) {
    return c -> new TargetColumn(type + "(" + 2 * c.number(0, 1) + ")", ValueTransfer.STRING);
  }

  private static Function<DoltColumn, TargetColumn> length(String type, ValueTransfer transfer) {
    return c -> new TargetColumn(type + "(" + c.number(0, 1) + ")", transfer);
  }

  /** {@code timestamp(p)} with Dolt's fractional digits (none for a bare {@code datetime}). */
  private static Function<DoltColumn, TargetColumn> fraction(String type) {
    return c -> new TargetColumn(type + "(" + c.number(0, 0) + ")", ValueTransfer.DATETIME);
  }

  private static TargetColumn longestValue(DoltColumn column) {
    int longest = column.values().stream().mapToInt(String::length).max().orElse(1);
    return new TargetColumn("varchar(" + Math.max(longest, 1) + ")", ValueTransfer.STRING);
  }

  /** A SET's longest text: every value, separated by commas. */
  private static TargetColumn setText(DoltColumn column) {
    List<String> values = column.values();
    int length = values.stream().mapToInt(String::length).sum() + Math.max(values.size() - 1, 0);
    return new TargetColumn("varchar(" + Math.max(length, 1) + ")", ValueTransfer.STRING);
  }
}
