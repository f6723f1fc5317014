package io.doltsync.internal.dialect;

import io.doltsync.internal.capture.CaptureContext;
import io.doltsync.internal.dialect.CanonicalSql.Family;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Writes canonical values (as {@link SourceDialect#readDoltValue} returns them) into a primary's statements:
 * the placeholder a column needs and how its value is bound. The canonical forms are text for JSON, arrays
 * (a JSON array), UUIDs, enums and other types without a plain Java value, and UTC date-times for instants;
 * each primary is given them in a form it converts itself: MySQL and MariaDB convert any string, PostgreSQL
 * and H2 get an explicit cast (PostgreSQL arrays are rebuilt from the JSON array's elements).
 */
public final class PrimaryBinding {

  /** PostgreSQL types a string binds to without a cast. */
  private static final java.util.Set<String> TEXT_TYPES =
      java.util.Set.of("varchar", "character varying", "text", "name", "bpchar", "char", "character");

  private final SourceDialect dialect;
  private final Family family;

  public PrimaryBinding(SourceDialect dialect) {
    this.dialect = dialect;
    this.family = CanonicalSql.familyOf(dialect);
  }

  /** The placeholder for a value of the column, {@code ?} or a cast around it. */
  public String placeholder(ColumnSchema column) {
    ValueKind kind = kind(column);
    String type = column.typeName() == null ? "" : column.typeName();
    if (family == Family.POSTGRESQL) {
      if (kind == ValueKind.ARRAY && type.startsWith("_")) {
        return "(SELECT CASE WHEN x.j IS NULL THEN NULL ELSE CAST(ARRAY(SELECT jsonb_array_elements_text(x.j)) AS "
            + type.substring(1) + "[]) END FROM (SELECT CAST(? AS jsonb) AS j) x)";
      }
      if (kind == ValueKind.JSON || kind == ValueKind.STRING && !isCharacter(column)) {
        return "CAST(? AS " + type + ")";
      }
    }
    if (family == Family.H2) {
      if (kind == ValueKind.JSON) {
        return "? FORMAT JSON";
      }
      if (type.equalsIgnoreCase("uuid")) {
        return "CAST(? AS UUID)";
      }
    }
    return "?";
  }

  /** Binds a canonical value for the column at {@code index} (of a {@link #placeholder}). */
  public void bind(PreparedStatement statement, int index, Object value, ColumnSchema column) throws SQLException {
    if (value == null) {
      CaptureContext.bind(statement, index, null, column);
      return;
    }
    ValueKind kind = kind(column);
    if (value instanceof String text && kind == ValueKind.ARRAY && family == Family.H2) {
      statement.setObject(index, JsonArrays.parse(text));
    } else if (value instanceof String text) {
      statement.setString(index, text);
    } else if (value instanceof byte[] bytes) {
      statement.setBytes(index, bytes);
    } else if (value instanceof LocalDateTime time && (kind == ValueKind.DATETIME_UTC || kind == ValueKind.TIMESTAMP_UTC)
        && family != Family.MYSQL) {
      statement.setObject(index, OffsetDateTime.of(time, ZoneOffset.UTC));
    } else if (value instanceof LocalTime time && kind == ValueKind.TIME_UTC && family != Family.MYSQL) {
      statement.setObject(index, OffsetTime.of(time, ZoneOffset.UTC));
    } else if (value instanceof Boolean flag && column.jdbcType() != Types.BOOLEAN && column.jdbcType() != Types.BIT) {
      statement.setInt(index, flag ? 1 : 0);
    } else {
      CaptureContext.bind(statement, index, value, column);
    }
  }

  private ValueKind kind(ColumnSchema column) {
    return dialect instanceof JdbcMetadataDialect jdbc ? jdbc.kind(column) : ValueKind.STRING;
  }

  private static boolean isCharacter(ColumnSchema column) {
    return switch (column.jdbcType()) {
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB,
          Types.NCLOB -> true;
      default -> column.typeName() != null && TEXT_TYPES.contains(column.typeName().toLowerCase(Locale.ROOT));
    };
  }
}
