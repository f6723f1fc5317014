package io.doltsync.samples.sqlserver;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.UnmappableTypeException;
import java.util.Locale;

/**
 * SQL Server column types → Dolt (MySQL 8) column types. A column is known by the base of the type name
 * Microsoft's driver reports ({@code nvarchar}, {@code datetime2}, {@code int identity}: the {@code identity}
 * suffix is dropped) and by its size and scale.
 *
 * <table>
 *   <caption>The mapping</caption>
 *   <tr><th>SQL Server</th><th>Dolt</th></tr>
 *   <tr><td>bit</td><td>tinyint(1)</td></tr>
 *   <tr><td>tinyint (0..255)</td><td>tinyint unsigned</td></tr>
 *   <tr><td>smallint, int, bigint</td><td>the same</td></tr>
 *   <tr><td>decimal(p,s), numeric(p,s)</td><td>decimal(p,s); unmappable when s &gt; 30 (Dolt's largest scale)</td></tr>
 *   <tr><td>money, smallmoney</td><td>decimal(19,4), decimal(10,4)</td></tr>
 *   <tr><td>float (float(25..53)), real (float(1..24))</td><td>double, float</td></tr>
 *   <tr><td>char(n), nchar(n)</td><td>char(n) up to 255, else varchar(n)</td></tr>
 *   <tr><td>varchar(n), nvarchar(n)</td><td>varchar(n)</td></tr>
 *   <tr><td>varchar(max), nvarchar(max), text, ntext, xml</td><td>longtext</td></tr>
 *   <tr><td>binary(n)</td><td>binary(n) up to 255, else varbinary(n)</td></tr>
 *   <tr><td>varbinary(n)</td><td>varbinary(n)</td></tr>
 *   <tr><td>varbinary(max), image</td><td>longblob</td></tr>
 *   <tr><td>date</td><td>date</td></tr>
 *   <tr><td>time(n)</td><td>time(min(n,6))</td></tr>
 *   <tr><td>datetime, smalldatetime</td><td>datetime(3), datetime</td></tr>
 *   <tr><td>datetime2(n)</td><td>datetime(min(n,6))</td></tr>
 *   <tr><td>datetimeoffset(n)</td><td>datetime(min(n,6)), the instant in UTC</td></tr>
 *   <tr><td>uniqueidentifier</td><td>char(36)</td></tr>
 *   <tr><td>json (SQL Server 2025)</td><td>json</td></tr>
 * </table>
 *
 * <p>Unmappable: {@code rowversion}/{@code timestamp} (the server assigns a new value on every write, which no
 * statement states), {@code sql_variant}, {@code hierarchyid}, {@code geography}, {@code geometry}, and CLR or
 * alias types the driver reports by their own names. Time and datetime2 lose their seventh fractional digit
 * (Dolt keeps microseconds).
 */
final class SqlServerTypes {

  /** What {@code varchar(max)} and its kin report as their size. */
  private static final int MAX_CHARS = 8000;
  private static final int DOLT_MAX_CHAR = 255;
  private static final int DOLT_MAX_FSP = 6;
  private static final int DOLT_MAX_DECIMAL_SCALE = 30;

  private SqlServerTypes() {
  }

  /** The base of a reported type name: lower case, without {@code identity} and without a length. */
  static String baseName(String typeName) {
    String lower = typeName.toLowerCase(Locale.ROOT).trim();
    int paren = lower.indexOf('(');
    if (paren >= 0) {
      lower = lower.substring(0, paren).trim();
    }
    return lower.endsWith(" identity") ? lower.substring(0, lower.length() - " identity".length()).trim() : lower;
  }

  /** {@code decimal(p,s)}; a scale above Dolt's 30 digits has no faithful Dolt type. */
  private static String decimal(String table, ColumnSchema column, int precision, int scale) throws UnmappableTypeException {
    if (scale > DOLT_MAX_DECIMAL_SCALE) {
      throw new UnmappableTypeException(table, column.name(), column.typeName() + "(" + precision + "," + scale + ")");
    }
    return "decimal(" + precision + "," + scale + ")";
  }

  static String doltType(String table, ColumnSchema column) throws UnmappableTypeException {
    Integer size = column.size();
    int scale = column.scale() == null ? 0 : column.scale();
    String base = baseName(column.typeName());
    return switch (base) {
      case "bit" -> "tinyint(1)";
      case "tinyint" -> "tinyint unsigned";
      case "smallint", "int", "bigint" -> base;
      case "decimal", "numeric" -> decimal(table, column, size == null ? 18 : size, scale);
      case "money" -> "decimal(19,4)";
      case "smallmoney" -> "decimal(10,4)";
      case "float" -> size != null && size <= 24 ? "float" : "double";
      case "real" -> "float";
      case "char", "nchar" -> size == null ? "char(1)" : size <= DOLT_MAX_CHAR ? "char(" + size + ")" : "varchar(" + size + ")";
      case "varchar", "nvarchar" -> size == null || size > MAX_CHARS ? "longtext" : "varchar(" + size + ")";
      case "text", "ntext", "xml" -> "longtext";
      case "binary" -> size == null ? "binary(1)" : size <= DOLT_MAX_CHAR ? "binary(" + size + ")" : "varbinary(" + size + ")";
      case "varbinary" -> size == null || size > MAX_CHARS ? "longblob" : "varbinary(" + size + ")";
      case "image" -> "longblob";
      case "date" -> "date";
      case "time" -> "time(" + Math.min(scale, DOLT_MAX_FSP) + ")";
      case "datetime" -> "datetime(3)";
      case "smalldatetime" -> "datetime";
      case "datetime2", "datetimeoffset" -> "datetime(" + Math.min(scale, DOLT_MAX_FSP) + ")";
      case "uniqueidentifier" -> "char(36)";
      case "json" -> "json";
      default -> throw new UnmappableTypeException(table, column.name(), column.typeName());
    };
  }
}
