package io.doltsync.internal.dialect;

import io.doltsync.spi.ColumnSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL table's columns from {@code pg_attribute} as pgjdbc's {@code DatabaseMetaData.getColumns} reports them
 * (the same JDBC types, type names, sizes, digits, nullability, auto-increment and defaults, from the driver's own type
 * cache), without the relation lock that {@code getColumns} takes: it decodes each default with
 * {@code pg_get_expr(adbin, adrelid)}, which opens the table and so waits behind another session's uncommitted
 * {@code ALTER}, {@code DROP} or {@code RENAME} of it, where the raw driver's statements on other tables do not wait.
 * A default holds no column reference, so {@link #QUERY} decodes it without the table ({@code pg_get_expr(adbin, 0)},
 * the same text); a generated column's expression, which does reference columns, is not decoded (its default is
 * reported as {@link ColumnSchema#GENERATED} either way). Needs pgjdbc and PostgreSQL 12 or later
 * ({@link #usable}); the table is that of {@code current_schema()}.
 */
final class PostgresCatalogColumns {

  /** One row per column in table order: the rows pgjdbc's {@code getColumns} query reads, minus its lock. */
  static final String QUERY = "SELECT a.attname, a.atttypid, a.attnotnull OR (t.typtype = 'd' AND t.typnotnull),"
      + " a.atttypmod, t.typtypmod, nullif(a.attidentity, ''), nullif(a.attgenerated, ''),"
      + " CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, 0) END, t.typbasetype, t.typtype"
      + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
      + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
      + " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
      + " WHERE n.nspname = current_schema() AND c.relname = ? AND c.relkind IN ('r', 'p')"
      + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";

  private final org.postgresql.core.TypeInfo types;

  private PostgresCatalogColumns(org.postgresql.core.TypeInfo types) {
    this.types = types;
  }

  /** The reader for a pgjdbc connection to PostgreSQL 12 or later, or {@code null} (then {@code getColumns} is read). */
  static PostgresCatalogColumns usable(Connection connection) {
    try {
      if (!connection.isWrapperFor(org.postgresql.core.BaseConnection.class)
          || connection.getMetaData().getDatabaseMajorVersion() < 12) {
        return null;
      }
      return new PostgresCatalogColumns(connection.unwrap(org.postgresql.core.BaseConnection.class).getTypeInfo());
    } catch (SQLException | LinkageError e) {
      return null;
    }
  }

  /**
   * The columns of the table's {@link #QUERY} rows, or {@code null} when the application's pgjdbc lacks a method of its
   * type cache that this reader calls (then {@code getColumns} is read).
   */
  List<ColumnSchema> columns(List<Row> rows) throws SQLException {
    List<ColumnSchema> columns = new ArrayList<>(rows.size());
    try {
      for (Row row : rows) {
        columns.add(column(row));
      }
    } catch (LinkageError e) {
      return null;
    }
    return columns;
  }

  /** One {@link #QUERY} row, read before {@link #column} asks the driver's type cache (which may query the server). */
  record Row(String name, int typeOid, boolean notNull, int typeMod, int domainTypeMod, String identity,
      String generated, String defaultValue, int baseTypeOid, String typtype) {

    static Row of(ResultSet rs) throws SQLException {
      return new Row(rs.getString(1), (int) rs.getLong(2), rs.getBoolean(3), rs.getInt(4), rs.getInt(5),
          rs.getString(6), rs.getString(7), rs.getString(8), (int) rs.getLong(9), rs.getString(10));
    }
  }

  /** The column of one {@link #QUERY} row, as pgjdbc's {@code getColumns} computes it from the same row. */
  private ColumnSchema column(Row row) throws SQLException {
    int sqlType = switch (row.typtype() == null ? "" : row.typtype()) {
      case "c" -> Types.STRUCT;
      case "d" -> Types.DISTINCT;
      case "e" -> Types.VARCHAR;
      default -> types.getSQLType(row.typeOid());
    };
    String typeName = types.getPGType(row.typeOid());
    boolean sequenced = row.defaultValue() != null && row.defaultValue().contains("nextval(");
    if (sequenced) {
      typeName = switch (typeName == null ? "" : typeName) {
        case "int4" -> "serial";
        case "int8" -> "bigserial";
        case "int2" -> "smallserial";
        default -> typeName;
      };
    }
    int typeMod = row.typeMod();
    int digits;
    int size;
    if (sqlType == Types.DISTINCT) {
      int base = row.baseTypeOid();
      digits = types.getScale(base, typeMod);
      if (row.domainTypeMod() == -1) {
        size = types.getPrecision(base, typeMod);
      } else if (base == org.postgresql.core.Oid.NUMERIC) {
        digits = types.getScale(base, row.domainTypeMod());
        size = types.getPrecision(base, row.domainTypeMod());
      } else {
        size = row.domainTypeMod();
      }
    } else {
      digits = types.getScale(row.typeOid(), typeMod);
      size = types.getPrecision(row.typeOid(), typeMod);
      if (sqlType != Types.NUMERIC && size == 0) {
        size = types.getDisplaySize(row.typeOid(), typeMod);
      }
    }
    Integer scale = (sqlType == Types.NUMERIC || sqlType == Types.DECIMAL) && typeMod == -1 ? null : digits;
    return new ColumnSchema(row.name(), sqlType, typeName, size, scale, !row.notNull(),
        sequenced || row.identity() != null, row.generated() != null ? ColumnSchema.GENERATED : row.defaultValue());
  }
}
