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

  /**
   * pgjdbc's {@code Field(name, oid, length, modifier)}: its length is a {@code short} in pgjdbc 42.7.5 and later, an
   * {@code int} before (an application such as BenchBase brings 42.7.4: a direct call failed there with
   * {@code NoSuchMethodError}, so the applier in its JVM applied nothing).
   */
  private static final java.lang.invoke.MethodHandle NEW_FIELD = fieldConstructor();

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
      fields[i] = field(column.name(), column.typeOid(), column.typeModifier());
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

  private static java.lang.invoke.MethodHandle fieldConstructor() {
    java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.publicLookup();
    try {
      return lookup.findConstructor(Field.class,
          java.lang.invoke.MethodType.methodType(void.class, String.class, int.class, short.class, int.class));
    } catch (NoSuchMethodException | IllegalAccessException shortLength) {
      try {
        return lookup.findConstructor(Field.class,
            java.lang.invoke.MethodType.methodType(void.class, String.class, int.class, int.class, int.class));
      } catch (NoSuchMethodException | IllegalAccessException e) {
        throw new IllegalStateException("this pgjdbc has no Field(name, oid, length, modifier) constructor", e);
      }
    }
  }

  private static Field field(String name, int oid, int modifier) throws SQLException {
    try {
      return NEW_FIELD.type().parameterType(2) == short.class
          ? (Field) NEW_FIELD.invoke(name, oid, (short) 0, modifier)
          : (Field) NEW_FIELD.invoke(name, oid, 0, modifier);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new SQLException("pgjdbc's Field constructor failed: " + e, "XX000", e);
    }
  }

  @Override
  public void close() throws SQLException {
    statement.close();
  }
}
