package io.doltsync.internal.dialect;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * SQL that renders a column's values as the same canonical text inside the primary and inside Dolt, and
 * that hashes a row's text into the same numbers in both, so that {@code verify} compares tables without
 * moving their rows. The text follows {@link ValueKind}'s canonical values: integers and exact decimals
 * in plain decimal notation (declared scale), booleans as {@code 1}/{@code 0}, blank-padded text without
 * its trailing blanks, bytes in upper-case hexadecimal, dates as {@code yyyy-MM-dd}, date-times as
 * {@code yyyy-MM-dd HH:mm:ss.ffffff} (UTC for instants). Kinds and types whose text is not exactly the
 * same in both databases (binary floating point, times, durations, JSON, arrays, intervals, network
 * addresses, MySQL {@code TIMESTAMP}, columns stored through the text fallback, and every Oracle column)
 * have no text here: callers compare those columns' values in the JVM with {@link CanonicalValues}.
 *
 * <p>Row hash: the MD5 of the row text (UTF-8), split into a 60-bit part aggregated with XOR and a
 * 28-bit part aggregated with SUM; with the row count these make an order-independent digest of a set
 * (or a multiset, thanks to the sum) of rows, computed identically by MySQL/MariaDB/Dolt, PostgreSQL and
 * H2. Internal to doltsync; not a public API.
 */
public final class CanonicalSql {

  /** Which SQL family renders the text. */
  public enum Family { MYSQL, POSTGRESQL, H2, OTHER }

  private static final Set<String> POSTGRESQL_TEXT_TYPES =
      Set.of("varchar", "character varying", "text", "name", "uuid", "bpchar", "char", "character");
  private static final Set<String> H2_TEXT_TYPES =
      Set.of("character varying", "varchar", "varchar_ignorecase", "character large object", "clob", "uuid", "enum",
          "character", "char");

  private CanonicalSql() {}

  /** The SQL family of a primary dialect. */
  public static Family familyOf(SourceDialect dialect) {
    if (dialect instanceof MySqlDialect) {
      return Family.MYSQL;
    }
    if (dialect instanceof PostgreSqlDialect) {
      return Family.POSTGRESQL;
    }
    if (dialect instanceof H2Dialect) {
      return Family.H2;
    }
    return Family.OTHER;
  }

  /**
   * A column's canonical text expressions, for the primary and for its Dolt mirror, each given the quoted
   * column name; empty when the column must be compared in the JVM.
   */
  public static Optional<ColumnText> columnText(SourceDialect dialect, String table, ColumnSchema column) {
    if (!(dialect instanceof JdbcMetadataDialect jdbc) || !jdbc.isMapped(table, column)) {
      return Optional.empty();
    }
    Family family = familyOf(dialect);
    ValueKind kind = jdbc.kind(column);
    String base = TypeMapping.baseName(column.typeName());
    String primary = primaryText(family, kind, base, column);
    String dolt = doltText(kind);
    return primary == null || dolt == null ? Optional.empty() : Optional.of(new ColumnText(primary, dolt));
  }

  private static String primaryText(Family family, ValueKind kind, String base, ColumnSchema column) {
    return switch (family) {
      case MYSQL -> switch (kind) {
        case INTEGER, BOOLEAN -> "CAST(CAST(%s AS SIGNED) AS CHAR)";
        case UNSIGNED_BIGINT -> "CAST(%s AS CHAR)";
        case DECIMAL -> exactDecimal(column) ? "CAST(%s AS CHAR)" : null;
        case STRING -> "CONVERT(%s USING utf8mb4)";
        case FIXED_CHAR -> "TRIM(TRAILING ' ' FROM CONVERT(%s USING utf8mb4))";
        case BYTES -> "HEX(%s)";
        case DATE -> "DATE_FORMAT(%s, '%%Y-%%m-%%d')";
        case DATETIME -> base.equals("datetime") ? "DATE_FORMAT(%s, '%%Y-%%m-%%d %%H:%%i:%%s.%%f')" : null;
        default -> null;
      };
      case POSTGRESQL -> switch (kind) {
        case INTEGER -> "CAST(%s AS TEXT)";
        case BOOLEAN -> base.startsWith("bool") ? "CASE WHEN %s THEN '1' ELSE '0' END" : null;
        case DECIMAL -> exactDecimal(column) ? "CAST(%s AS TEXT)" : null;
        case STRING -> POSTGRESQL_TEXT_TYPES.contains(base) ? "CAST(%s AS TEXT)" : null;
        case FIXED_CHAR -> "RTRIM(CAST(%s AS TEXT), ' ')";
        case BYTES -> "UPPER(ENCODE(%s, 'hex'))";
        case DATE -> "TO_CHAR(%s, 'YYYY-MM-DD')";
        case DATETIME -> "TO_CHAR(%s, 'YYYY-MM-DD HH24:MI:SS.US')";
        case DATETIME_UTC -> "TO_CHAR(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')";
        default -> null;
      };
      case H2 -> switch (kind) {
        case INTEGER -> "CAST(%s AS VARCHAR)";
        case BOOLEAN -> "CASE WHEN %s THEN '1' ELSE '0' END";
        case DECIMAL -> exactDecimal(column) && !base.equals("decfloat") ? "CAST(%s AS VARCHAR)" : null;
        case STRING -> H2_TEXT_TYPES.contains(base) ? "CAST(%s AS VARCHAR)" : null;
        case FIXED_CHAR -> "RTRIM(CAST(%s AS VARCHAR), ' ')";
        case BYTES -> "UPPER(RAWTOHEX(%s))";
        case DATE -> "FORMATDATETIME(%s, 'yyyy-MM-dd')";
        case DATETIME -> "FORMATDATETIME(%s, 'yyyy-MM-dd HH:mm:ss.SSSSSS')";
        default -> null;
      };
      case OTHER -> null;
    };
  }

  private static String doltText(ValueKind kind) {
    return switch (kind) {
      case INTEGER, BOOLEAN -> "CAST(CAST(%s AS SIGNED) AS CHAR)";
      case UNSIGNED_BIGINT, DECIMAL, STRING -> "CAST(%s AS CHAR)";
      case FIXED_CHAR -> "TRIM(TRAILING ' ' FROM %s)";
      case BYTES -> "HEX(%s)";
      case DATE -> "DATE_FORMAT(%s, '%%Y-%%m-%%d')";
      case DATETIME, DATETIME_UTC -> "DATE_FORMAT(%s, '%%Y-%%m-%%d %%H:%%i:%%s.%%f')";
      default -> null;
    };
  }

  /** A decimal whose declared precision and scale Dolt keeps, so both databases print the same digits. */
  private static boolean exactDecimal(ColumnSchema column) {
    return column.size() != null && column.size() > 0 && column.size() <= DoltTypes.MAX_DECIMAL_PRECISION
        && column.scale() != null && column.scale() >= 0 && column.scale() <= ValueKind.MAX_DECIMAL_SCALE;
  }

  /**
   * The canonical text of a row from its columns' text expressions (already applied to quoted names):
   * each value as {@code <length>:<text>}, NULL as {@code ~}, separated by commas, so no two rows share
   * a text. For MySQL the result is converted to UTF-8.
   */
  public static String rowText(Family family, List<String> columnTexts) {
    StringBuilder sql = new StringBuilder("CONCAT('r'");
    for (String text : columnTexts) {
      sql.append(", ',', CASE WHEN (").append(text).append(") IS NULL THEN '~' ELSE CONCAT(CAST(CHAR_LENGTH(")
          .append(text).append(") AS ").append(family == Family.MYSQL ? "CHAR" : "VARCHAR(20)").append("), ':', ")
          .append(text).append(") END");
    }
    sql.append(')');
    return family == Family.MYSQL ? "CONVERT(" + sql + " USING utf8mb4)" : sql.toString();
  }

  /** The 60-bit part of a row text's hash, an integer expression (MySQL family: Dolt too). */
  public static String hash60(Family family, String rowText) {
    return switch (family) {
      case MYSQL -> "CAST(CONV(SUBSTRING(MD5(" + rowText + "), 1, 15), 16, 10) AS UNSIGNED)";
      case POSTGRESQL -> "CAST(CAST(('x' || SUBSTRING(MD5(" + rowText + ") FROM 1 FOR 15)) AS BIT(60)) AS BIGINT)";
      case H2 -> "URSHIFT(CAST(SUBSTRING(HASH('MD5', " + rowText + "), 1, 8) AS BIGINT), 4)";
      case OTHER -> throw new IllegalArgumentException("no row hash for this database");
    };
  }

  /** The 28-bit part of a row text's hash (hexadecimal digits 16 to 22 of the MD5), an integer expression. */
  public static String hash28(Family family, String rowText) {
    return switch (family) {
      case MYSQL -> "CAST(CONV(SUBSTRING(MD5(" + rowText + "), 16, 7), 16, 10) AS UNSIGNED)";
      case POSTGRESQL -> "CAST(CAST(('x' || SUBSTRING(MD5(" + rowText + ") FROM 16 FOR 7)) AS BIT(28)) AS INTEGER)";
      case H2 -> "BITAND(URSHIFT(CAST(SUBSTRING(HASH('MD5', " + rowText + "), 5, 8) AS BIGINT), 8), 268435455)";
      case OTHER -> throw new IllegalArgumentException("no row hash for this database");
    };
  }

  /** The aggregate of the 60-bit parts: bitwise XOR over a group. */
  public static String xorAggregate(Family family, String expression) {
    return switch (family) {
      case MYSQL -> "BIT_XOR(" + expression + ")";
      case POSTGRESQL -> "BIT_XOR(" + expression + ")";
      case H2 -> "BIT_XOR_AGG(" + expression + ")";
      case OTHER -> throw new IllegalArgumentException("no row hash for this database");
    };
  }

  /** {@code LIMIT 1 OFFSET n} in the family's syntax. */
  public static String limitOneOffset(Family family, long offset) {
    return family == Family.OTHER ? " OFFSET " + offset + " ROWS FETCH NEXT 1 ROWS ONLY" : " LIMIT 1 OFFSET " + offset;
  }

  /** {@code LIMIT n} in the family's syntax. */
  public static String limit(Family family, int rows) {
    return family == Family.OTHER ? " FETCH FIRST " + rows + " ROWS ONLY" : " LIMIT " + rows;
  }

  /**
   * A column's canonical text in the primary and in Dolt, as {@link String#format} patterns with one
   * {@code %s} for the quoted column name.
   */
  public record ColumnText(String primary, String dolt) {

    public String primary(String quotedColumn) {
      return String.format(Locale.ROOT, primary, quotedColumn);
    }

    public String dolt(String quotedColumn) {
      return String.format(Locale.ROOT, dolt, quotedColumn);
    }
  }
}
