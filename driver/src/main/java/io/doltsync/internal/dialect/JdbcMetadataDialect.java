package io.doltsync.internal.dialect;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.JdbcSourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.spi.UnmappableTypeException;
import io.doltsync.sql.SqlDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The part of the bundled dialects that goes beyond the public {@link JdbcSourceDialect}: type mapping
 * through a {@link TypeMapping} table, value reading by each column's {@link ValueKind}, and the grammar the
 * statement classifier knows them by.
 */
abstract class JdbcMetadataDialect extends JdbcSourceDialect {

  private final TypeMapping types;

  protected JdbcMetadataDialect(String name, String urlPrefix, TypeMapping types) {
    super(name, urlPrefix, sqlDialect(name).rules());
    this.types = types;
  }

  /** The built-in SQL dialect of the classifier: lexical rules and grammar. */
  SqlDialect sqlDialect() {
    return sqlDialect(name());
  }

  private static SqlDialect sqlDialect(String name) {
    return SqlDialect.forName(name);
  }

  @Override
  public String doltType(String table, ColumnSchema column) throws UnmappableTypeException {
    return types.map(table, column).sql();
  }

  /** The canonical value kind of a column (text for an unmappable column). */
  ValueKind kind(ColumnSchema column) {
    return types.kind(column);
  }

  /** True when the column's type maps to a Dolt type (it is not stored through the text fallback). */
  boolean isMapped(String table, ColumnSchema column) {
    try {
      types.map(table, column);
      return true;
    } catch (UnmappableTypeException e) {
      return false;
    }
  }

  @Override
  public Object readValue(ResultSet resultSet, int index, ColumnSchema column) throws SQLException {
    return types.kind(column).readPrimary(resultSet, index);
  }

  @Override
  public Object readDoltValue(ResultSet doltResultSet, int index, ColumnSchema column) throws SQLException {
    return types.kind(column).readDolt(doltResultSet, index);
  }

  /** The table as the JDBC metadata reads it ({@link #tableFromMetadata}), for comparing with a catalog reader. */
  TableSchema readTableFromMetadata(Connection connection, String table) throws SQLException {
    return tableFromMetadata(connection, table);
  }

  @Override
  public boolean ddlCommitsImplicitly() {
    return true;
  }
}
