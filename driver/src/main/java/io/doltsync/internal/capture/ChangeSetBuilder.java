package io.doltsync.internal.capture;

import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.internal.mirror.SchemaCatalog;
import io.doltsync.internal.mirror.SchemaReads;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a transaction's {@link TransactionCapture} into the table changes of its journal entry, reading
 * row images (and, after DDL, schemas) on the committing connection just before it commits.
 */
public final class ChangeSetBuilder {

  private final SourceDialect dialect;
  private final SchemaCatalog catalog;
  private final RowImageReader images;
  private final CombinedImageRead combined;
  private final WholeTableCopies copies;
  /** The column names of the table last journaled from stated images (one hot table saves a list per commit). */
  private volatile ColumnNames lastColumnNames;

  public ChangeSetBuilder(SourceDialect dialect, SchemaCatalog catalog) {
    this(dialect, catalog, true, new io.doltsync.internal.dialect.PrimaryFlavour(dialect), null);
  }

  /** @param flavour the mirror's probe of which primary and driver this is */
  public ChangeSetBuilder(SourceDialect dialect, SchemaCatalog catalog, io.doltsync.internal.dialect.PrimaryFlavour flavour) {
    this(dialect, catalog, true, flavour, null);
  }

  /**
   * @param flavour   the mirror's probe of which primary and driver this is
   * @param orderLock PostgreSQL: the journal's order lock, which whole-table copies take instead of share locks on
   *                  the copied tables ({@link WholeTableCopies}); {@code null}: copies lock their tables
   */
  public ChangeSetBuilder(SourceDialect dialect, SchemaCatalog catalog, io.doltsync.internal.dialect.PrimaryFlavour flavour,
      io.doltsync.internal.journal.JournalOrderLock orderLock) {
    this(dialect, catalog, true, flavour, orderLock);
  }

  /** @param combineReads whether images of several tables may be read in one round trip ({@link CombinedImageRead}) */
  ChangeSetBuilder(SourceDialect dialect, SchemaCatalog catalog, boolean combineReads) {
    this(dialect, catalog, combineReads, new io.doltsync.internal.dialect.PrimaryFlavour(dialect), null);
  }

  private ChangeSetBuilder(SourceDialect dialect, SchemaCatalog catalog, boolean combineReads,
      io.doltsync.internal.dialect.PrimaryFlavour flavour, io.doltsync.internal.journal.JournalOrderLock orderLock) {
    this.dialect = dialect;
    this.catalog = catalog;
    this.images = new RowImageReader(dialect);
    this.combined = new CombinedImageRead(dialect, images, combineReads, flavour);
    this.copies = new WholeTableCopies(dialect, images, orderLock);
  }

  /** The table changes, in capture order; empty when nothing mirrored changed. */
  public List<TableChange> build(Connection connection, TransactionCapture capture) throws SQLException {
    return build(new SchemaReads(dialect, connection), capture);
  }

  /**
   * The table changes, reading the schemas of DDL-touched tables through {@code reads} (which the catalog's
   * refresh of the same commit shares, so each such table is read once).
   */
  public List<TableChange> build(SchemaReads reads, TransactionCapture capture) throws SQLException {
    return build(reads, capture, false);
  }

  /**
   * As {@link #build(SchemaReads, TransactionCapture)}; with {@code unlocked} (a DDL statement that committed on
   * its own, before any transaction of doltsync's began) only when no row needs a locking read: each touched
   * table was dropped (its removal) or created new and empty by the statement (its schema and no rows, exact
   * only once the journal entry's transaction has found it still empty under a lock, see
   * {@link io.doltsync.internal.journal.JournalTable#appendIfEmpty}); {@code null} when some table needs a read.
   */
  public List<TableChange> build(SchemaReads reads, TransactionCapture capture, boolean unlocked) throws SQLException {
    if (unlocked) {
      List<TableChange> changes = new ArrayList<>();
      for (TransactionCapture.TableTouch touch : capture.touched()) {
        if (!touch.isSchemaChanged()) {
          return null;
        }
        Optional<TableSchema> current = reads.find(touch.tableKey());
        if (current.isPresent() && !touch.isCreatedEmpty()) {
          return null;
        }
        changes.add(current.isPresent() ? emptyTable(current.get()) : TableChange.drop(DoltDdl.doltName(touch.tableKey())));
      }
      return changes;
    }
    Connection connection = reads.connection();
    for (TransactionCapture.TableTouch touch : capture.touched()) {
      if (touch.hasKnownRows() || touch.hasChangedRows()) {
        catalog.table(touch.tableKey()).ifPresent(touch::keepKnownImagesOnlyFor);
      }
    }
    java.util.Map<String, TableChange> read = readKeyedTogether(connection, capture);
    List<TableChange> changes = new ArrayList<>();
    WholeTableCopies.Batch copied = copies.batch(connection);
    for (TransactionCapture.TableTouch touch : capture.touched()) {
      if (touch.isSchemaChanged()) {
        Optional<TableSchema> current = reads.find(touch.tableKey()); // as the transaction sees it now
        if (current.isEmpty()) {
          changes.add(TableChange.drop(DoltDdl.doltName(touch.tableKey())));
        } else if (touch.isCreatedEmpty() && !dialect.ddlCommitsImplicitly()) {
          // created by this transaction's last statement, no other session sees it before the commit: no rows
          changes.add(emptyTable(current.get()));
        } else {
          changes.add(images.wholeTable(connection, current.get(), true));
        }
        continue;
      }
      Optional<TableSchema> table = catalog.table(touch.tableKey());
      if (table.isEmpty()) {
        continue;
      }
      if (touch.isWholeTable()) {
        // read at the end, after every locking read of the transaction
        copied.add(changes, table.get(), touch.isCopiedEvenUnwritten());
      } else if (read.containsKey(touch.tableKey())) {
        changes.add(read.get(touch.tableKey()));
      } else if (!touch.keys().isEmpty()) {
        changes.add(images.keyedRows(connection, table.get(), touch.keys()));
      } else if (touch.hasChangedRows()) {
        changes.addAll(columnChanges(table.get(), touch.changedRows()));
      } else if (touch.hasKnownRows()) {
        changes.add(new TableChange(DoltDdl.doltName(table.get().name()), TableChange.Kind.ROWS, table.get(),
            columnNames(table.get()), table.get().primaryKey(),
            List.copyOf(touch.knownImages()), touch.knownDeletions()));
      } else if (!touch.insertedRows().isEmpty() || !touch.removedRows().isEmpty()) {
        changes.add(TableChange.multiset(DoltDdl.doltName(table.get().name()), table.get(), touch.insertedRows(),
            touch.removedRows()));
      }
    }
    copied.read(changes);
    return changes;
  }

  /** The change that re-creates the table with its schema and no rows. */
  private static TableChange emptyTable(TableSchema table) {
    return new TableChange(DoltDdl.doltName(table.name()), TableChange.Kind.RESHAPE, table,
        table.columns().stream().map(ColumnSchema::name).toList(), table.primaryKey(), List.of(), List.of());
  }

  /**
   * Rows changed in place ({@link TableChange.Kind#COLUMNS}): one table change per set of changed columns and their
   * kinds of change, each row its key then its values or amounts.
   */
  private static List<TableChange> columnChanges(TableSchema table,
      java.util.Map<RowKey, java.util.TreeMap<Integer, ColumnChange>> rows) {
    java.util.Map<List<Object>, List<Object[]>> byShape = new java.util.LinkedHashMap<>();
    for (java.util.Map.Entry<RowKey, java.util.TreeMap<Integer, ColumnChange>> row : rows.entrySet()) {
      List<Object> shape = new ArrayList<>();
      Object[] key = row.getKey().values();
      Object[] values = java.util.Arrays.copyOf(key, key.length + row.getValue().size());
      int v = key.length;
      for (ColumnChange change : row.getValue().values()) {
        shape.add(change.column());
        shape.add(change.add());
        values[v++] = change.value();
      }
      byShape.computeIfAbsent(shape, s -> new ArrayList<>()).add(values);
    }
    List<TableChange> changes = new ArrayList<>(byShape.size());
    String doltName = DoltDdl.doltName(table.name());
    byShape.forEach((shape, values) -> {
      List<String> columns = new ArrayList<>(table.primaryKey());
      Object[] kinds = new Object[shape.size() / 2];
      for (int i = 0; i < kinds.length; i++) {
        columns.add(table.columns().get((Integer) shape.get(2 * i)).name());
        kinds[i] = (Boolean) shape.get(2 * i + 1) ? ColumnChange.ADD : ColumnChange.SET;
      }
      changes.add(TableChange.columns(doltName, columns, table.primaryKey(), values, kinds));
    });
    return changes;
  }

  /** The schema's column names in table order, made once per schema instance (the catalog keeps its instances). */
  private List<String> columnNames(TableSchema table) {
    ColumnNames known = lastColumnNames;
    if (known == null || known.table() != table) {
      known = new ColumnNames(table, table.columns().stream().map(ColumnSchema::name).toList());
      lastColumnNames = known;
    }
    return known.names();
  }

  private record ColumnNames(TableSchema table, List<String> names) {}

  /**
   * The keyed tables' changes read in one round trip, by table key, when the transaction touched two or
   * more keyed tables and nothing that is copied whole or reshaped (those reads keep their own order); empty
   * when they are read one by one.
   */
  private java.util.Map<String, TableChange> readKeyedTogether(Connection connection, TransactionCapture capture)
      throws SQLException {
    int keyedTouches = 0;
    for (TransactionCapture.TableTouch touch : capture.touched()) {
      if (touch.isSchemaChanged() || touch.isWholeTable()) {
        return java.util.Map.of();
      }
      if (!touch.keys().isEmpty()) {
        keyedTouches++;
      }
    }
    if (keyedTouches < 2) {
      return java.util.Map.of(); // one table's keys (or none): nothing to read together
    }
    List<CombinedImageRead.Read> keyed = new ArrayList<>();
    List<String> tableKeys = new ArrayList<>();
    for (TransactionCapture.TableTouch touch : capture.touched()) {
      if (touch.isSchemaChanged() || touch.isWholeTable()) {
        return java.util.Map.of();
      }
      Optional<TableSchema> table = catalog.table(touch.tableKey());
      if (table.isPresent() && !touch.keys().isEmpty()) {
        keyed.add(new CombinedImageRead.Read(table.get(),
            RowImageReader.asStored(RowImageReader.keyTypes(table.get()), touch.keys())));
        tableKeys.add(touch.tableKey());
      }
    }
    List<TableChange> changes = combined.read(connection, keyed);
    if (changes == null) {
      return java.util.Map.of();
    }
    java.util.Map<String, TableChange> byTable = new java.util.HashMap<>();
    for (int i = 0; i < changes.size(); i++) {
      byTable.put(tableKeys.get(i), changes.get(i));
    }
    return byTable;
  }
}
