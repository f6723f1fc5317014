package io.doltsync.internal.mirror;

import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.dialect.DoltValueLimits;
import io.doltsync.internal.dialect.UnreadableValue;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import io.doltsync.internal.logging.DoltSyncLoggers;

/**
 * Makes sure every value of a transaction's row images can be stored in Dolt before the primary commits
 * ({@link DoltValueLimits}): NaN and infinite floating-point numbers, decimals with more integer digits than
 * their Dolt column, dates outside Dolt's years, text with unpaired surrogates, values the primary's
 * driver cannot even read. Per {@code doltsync.unmappableValues}, such a value fails the commit with a
 * {@link SQLDataException} naming table, column and value ({@code error}), or, in a nullable column
 * outside the primary key, is mirrored as NULL with a warning ({@code null}); never is it handed to Dolt to
 * be refused there, which would stop the mirror.
 */
final class ValueCheck {

  private static final Logger LOG = DoltSyncLoggers.get(ValueCheck.class);

  /** What to do with a value Dolt cannot store. */
  enum Policy {
    ERROR, NULL;

    static Policy of(String option) {
      return "null".equalsIgnoreCase(option) ? NULL : ERROR;
    }
  }

  private final SourceDialect dialect;
  private final boolean textFallback;
  private final Policy policy;
  private final SchemaMemo<List<String>> doltTypes = new SchemaMemo<>();
  /** Per schema: which columns are key columns, and the column index of each key column (key order). */
  private final SchemaMemo<KeyColumns> keyColumns = new SchemaMemo<>();

  /** A schema's key columns: a flag per column, and each key column's index in the schema. */
  private record KeyColumns(boolean[] flags, int[] indexes) {}

  ValueCheck(SourceDialect dialect, boolean textFallback, Policy policy) {
    this.dialect = dialect;
    this.textFallback = textFallback;
    this.policy = policy;
  }

  /** The changes with every value storable in Dolt (unstorable ones NULL under the {@code null} policy). */
  List<TableChange> check(List<TableChange> changes) throws SQLException {
    List<TableChange> checked = new ArrayList<>(changes.size());
    for (TableChange change : changes) {
      checked.add(change.schema() == null || change.kind() == TableChange.Kind.DROP ? change : check(change));
    }
    return checked;
  }

  private TableChange check(TableChange change) throws SQLException {
    TableSchema schema = change.schema();
    List<String> types = typesOf(schema);
    KeyColumns keys = keyColumnsOf(schema);
    boolean[] key = keys.flags();
    List<Object[]> upserts = new ArrayList<>(change.upserts().size());
    boolean replaced = false;
    for (Object[] row : change.upserts()) {
      Object[] storable = checkRow(schema, types, key, row, "the transaction is not committed");
      replaced |= storable != row;
      upserts.add(storable);
    }
    List<Object[]> deletedKeys = change.deletedKeys();
    if (change.kind() == TableChange.Kind.MULTISET) {
      // complete rows of a keyless table: checked like added rows, so a removal matches the copy Dolt holds
      deletedKeys = new ArrayList<>(change.deletedKeys().size());
      for (Object[] row : change.deletedKeys()) {
        Object[] storable = checkRow(schema, types, key, row, "the transaction is not committed");
        replaced |= storable != row;
        deletedKeys.add(storable);
      }
    } else {
      int[] keyIndexes = change.keyColumns().equals(schema.primaryKey()) ? keys.indexes() : null;
      for (Object[] deleted : change.deletedKeys()) {
        for (int k = 0; k < deleted.length; k++) {
          int column = keyIndexes != null ? keyIndexes[k] : indexOf(schema, change.keyColumns().get(k));
          refuseOrNull(schema, types.get(column), column, true, deleted[k], "the transaction is not committed");
        }
      }
    }
    return replaced ? new TableChange(change.table(), change.kind(), schema, change.columns(), change.keyColumns(),
        upserts, deletedKeys) : change;
  }

  /**
   * The row as Dolt holds it once mirrored: under the {@code null} policy each value Dolt cannot store in a nullable
   * non-key column is NULL; every other value as it is (nothing is logged or refused: a row to find among Dolt's, such
   * as a keyless row the WAL removed).
   */
  Object[] storedForm(TableSchema schema, Object[] row) throws SQLException {
    if (policy != Policy.NULL) {
      return row;
    }
    List<String> types = typesOf(schema);
    boolean[] key = keyColumnsOf(schema).flags();
    Object[] result = row;
    for (int i = 0; i < row.length; i++) {
      Object value = row[i];
      if (value != null && !key[i] && schema.columns().get(i).nullable()
          && (value instanceof UnreadableValue || DoltValueLimits.check(types.get(i), value) != null)) {
        if (result == row) {
          result = row.clone();
        }
        result[i] = null;
      }
    }
    return result;
  }

  /** One row of a bootstrap copy, checked the same way; the row itself when every value is storable. */
  Object[] checkRow(TableSchema schema, Object[] row) throws SQLException {
    return checkRow(schema, typesOf(schema), keyColumnsOf(schema).flags(), row, "the bootstrap copy stops");
  }

  private Object[] checkRow(TableSchema schema, List<String> types, boolean[] key, Object[] row, String consequence)
      throws SQLException {
    Object[] result = row;
    for (int i = 0; i < row.length; i++) {
      Object value = row[i];
      if (value != null && refuseOrNull(schema, types.get(i), i, key[i], value, consequence)) {
        if (result == row) {
          result = row.clone();
        }
        result[i] = null;
      }
    }
    return result;
  }

  /** True when the value must be mirrored as NULL; throws when it cannot be mirrored at all. */
  private boolean refuseOrNull(TableSchema schema, String doltType, int column, boolean key, Object value,
      String consequence) throws SQLException {
    String reason;
    String sqlState;
    String shown;
    if (value instanceof UnreadableValue unreadable) {
      reason = "the primary's driver cannot read it (" + unreadable.reason() + ")";
      sqlState = "22000";
      shown = DoltValueLimits.describe(unreadable.text());
    } else {
      DoltValueLimits.Refusal refusal = DoltValueLimits.check(doltType, value);
      if (refusal == null) {
        return false;
      }
      reason = refusal.reason();
      sqlState = refusal.sqlState();
      shown = DoltValueLimits.describe(value);
    }
    ColumnSchema columnSchema = schema.columns().get(column);
    String where = schema.name() + "." + columnSchema.name();
    if (policy == Policy.NULL && columnSchema.nullable() && !key) {
      LOG.warn("doltsync mirrors the value {} of {} as NULL: {} (doltsync.unmappableValues=null)", shown, where, reason);
      return true;
    }
    throw new SQLDataException("doltsync cannot mirror the value " + shown + " of " + where + ": " + reason + "; "
        + consequence + (policy == Policy.NULL ? " (a key or NOT NULL column cannot be mirrored as NULL)"
        : " (doltsync.unmappableValues=null mirrors such values of nullable columns as NULL)"), sqlState);
  }

  private List<String> typesOf(TableSchema schema) throws SQLException {
    List<String> types = doltTypes.get(schema);
    if (types == null) {
      // lower-cased once here, not per value by DoltValueLimits.check (which lower-cases what it is given)
      types = DoltDdl.columnTypes(schema, dialect, textFallback).stream().map(t -> t.toLowerCase(Locale.ROOT))
          .toList();
      doltTypes.put(schema, types);
    }
    return types;
  }

  private KeyColumns keyColumnsOf(TableSchema schema) {
    KeyColumns known = keyColumns.get(schema);
    if (known == null) {
      boolean[] flags = new boolean[schema.columns().size()];
      int[] indexes = new int[schema.primaryKey().size()];
      for (int k = 0; k < indexes.length; k++) {
        indexes[k] = indexOf(schema, schema.primaryKey().get(k));
        flags[indexes[k]] = true;
      }
      known = new KeyColumns(flags, indexes);
      keyColumns.put(schema, known);
    }
    return known;
  }

  private static int indexOf(TableSchema schema, String column) {
    List<ColumnSchema> columns = schema.columns();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    throw new IllegalStateException("column " + column + " not in " + schema.name());
  }
}
