package io.doltsync.internal.capture.wal;

import io.doltsync.internal.dialect.UnreadableValue;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.core.BaseStatement;
import org.postgresql.core.Field;
import org.postgresql.core.Tuple;

/**
 * Turns rows of {@code pgoutput} text values into the canonical values {@link SourceDialect#readValue} gives for
 * the same columns, with no type system of its own: the text values become a result set of pgjdbc (the one a
 * query of those columns would return, each field typed with the column's oid and modifier) on a connection to
 * the primary, which the dialect then reads exactly as it reads a query's rows.
 */
public final class TextRows implements AutoCloseable {

  private final SourceDialect dialect;
  private final Statement statement;
  private final BaseStatement driverStatement;

  public TextRows(SourceDialect dialect, Connection primary) throws SQLException {
    this.dialect = dialect;
    this.statement = primary.createStatement();
    this.driverStatement = statement.unwrap(BaseStatement.class);
  }

  /**
   * The canonical values of rows of one relation.
   *
   * @param relation the relation message describing the text values' columns
   * @param schema   the table's columns in the relation's order (the dialect reads each by its schema)
   * @param rows     text rows; {@link PgOutput#UNCHANGED} values must have been filled in before
   */
  public List<Object[]> read(PgOutput.Relation relation, List<ColumnSchema> schema, List<byte[][]> rows)
      throws SQLException {
    Field[] fields = new Field[relation.columns().size()];
    for (int i = 0; i < fields.length; i++) {
      PgOutput.Column column = relation.columns().get(i);
      fields[i] = new Field(column.name(), column.typeOid(), (short) 0, column.typeModifier());
    }
    List<Tuple> tuples = new ArrayList<>(rows.size());
    for (byte[][] row : rows) {
      tuples.add(new Tuple(row));
    }
    List<Object[]> values = new ArrayList<>(rows.size());
    try (ResultSet rs = driverStatement.createDriverResultSet(fields, tuples)) {
      while (rs.next()) {
        Object[] row = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
          row[i] = UnreadableValue.read(dialect, rs, i + 1, schema.get(i));
        }
        values.add(row);
      }
    }
    return values;
  }

  @Override
  public void close() throws SQLException {
    statement.close();
  }
}
