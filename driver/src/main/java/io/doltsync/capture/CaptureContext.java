package io.doltsync.capture;

import io.doltsync.jdbc.wrapper.ParameterValues;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.sql.ValueSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link TableEffect} works with while one statement (or batch entry) runs: the primary
 * connection inside the application's transaction, the bound values, and the transaction's capture.
 */
public final class CaptureContext {

  private final Connection connection;
  private final SourceDialect dialect;
  private final TransactionCapture capture;

  public CaptureContext(Connection connection, SourceDialect dialect, TransactionCapture capture) {
    this.connection = connection;
    this.dialect = dialect;
    this.capture = capture;
  }

  public TransactionCapture capture() {
    return capture;
  }

  public SourceDialect dialect() {
    return dialect;
  }

  /** The value a source stands for, or {@link ParameterValues#UNKNOWN} when the text alone cannot tell. */
  public static Object valueOf(ValueSource source, Object[] parameters) {
    return switch (source.type()) {
      case LITERAL -> source.literal();
      case PARAMETER -> ParameterValues.get(parameters, source.parameterIndex());
      default -> ParameterValues.UNKNOWN;
    };
  }

  /**
   * Runs a key query (the table's key columns first in its select list) with the given values bound,
   * typed as the given columns so strict primaries (PostgreSQL) compare like with like.
   */
  public List<RowKey> selectKeys(String sql, List<Object> values, List<ColumnSchema> types, int keyWidth)
      throws SQLException {
    List<RowKey> keys = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.size(); i++) {
        bind(select, i + 1, values.get(i), types == null ? null : types.get(i));
      }
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Object[] key = new Object[keyWidth];
          for (int c = 0; c < keyWidth; c++) {
            key[c] = rs.getObject(c + 1);
          }
          keys.add(new RowKey(key));
        }
      }
    }
    return keys;
  }

  /** Binds a value, typed by its column when known. */
  public static void bind(PreparedStatement statement, int index, Object value, ColumnSchema column)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, column == null ? java.sql.Types.NULL : column.jdbcType());
    } else if (column != null && value instanceof String) {
      statement.setObject(index, value, column.jdbcType());
    } else {
      statement.setObject(index, value);
    }
  }

  /** Quoted, comma-separated key column names qualified by {@code qualifier} (which may be null). */
  public String keyList(TableSchema table, String qualifier) {
    StringBuilder sb = new StringBuilder();
    for (String column : table.primaryKey()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      if (qualifier != null) {
        sb.append(qualifier).append('.');
      }
      sb.append(dialect.quoteIdentifier(column));
    }
    return sb.toString();
  }
}
