package io.doltsync.internal.capture;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the open primary transaction of one connection has touched so far: per mirrored table, the keys
 * of the rows it wrote (for a keyless table, the complete rows it inserted), or that the whole table must
 * be copied, or that its schema changed. Row values
 * are not kept here; they are read once at commit, so a row written many times costs one read, and a
 * rollback to a savepoint needs no bookkeeping (an extra key whose row did not change is harmless).
 * Not thread-safe: a connection is used by one thread at a time.
 */
public final class TransactionCapture {

  private final Map<String, TableTouch> tables = new LinkedHashMap<>();

  /** The touch record of a table (its key), created on first use. */
  public TableTouch table(String tableKey) {
    forgetCreatedEmpty(); // anything recorded after a CREATE TABLE may have written the new table
    return tables.computeIfAbsent(tableKey.toLowerCase(Locale.ROOT), TableTouch::new);
  }

  /**
   * No table created by this transaction is known to be empty any more: the transaction went on after the
   * {@code CREATE TABLE} (a statement doltsync did not capture, such as a function call, may have filled it).
   */
  public void forgetCreatedEmpty() {
    for (TableTouch touch : tables.values()) {
      touch.createdEmpty = false;
      touch.dropped = false;
    }
  }

  public boolean isEmpty() {
    return tables.isEmpty();
  }

  /** True when the transaction ran DDL on a mirrored table. */
  public boolean hasSchemaChange() {
    return tables.values().stream().anyMatch(TableTouch::isSchemaChanged);
  }

  public Collection<TableTouch> touched() {
    return tables.values();
  }

  public void clear() {
    tables.clear();
  }

  /**
   * A rollback to a savepoint: row deltas recorded since may have been undone, and a delta (unlike a key)
   * is wrong when it did not happen, so every table with deltas is copied whole instead.
   */
  public void forgetRowDeltas() {
    for (TableTouch touch : tables.values()) {
      if (touch.rowDeltasRecorded) {
        touch.markWholeTable();
      }
      touch.readKnownImagesAgain();
    }
  }

  /** What one transaction did to one table. */
  public static final class TableTouch {
    private final String tableKey;
    private final Set<RowKey> keys = new LinkedHashSet<>();
    private final List<Object[]> insertedRows = new ArrayList<>();
    private final List<Object[]> removedRows = new ArrayList<>();
    /**
     * Row deltas were recorded in this transaction, even if they cancelled out since (a row inserted, then
     * deleted): a rollback to a savepoint may undo only the later one, so the net lists alone cannot tell.
     */
    private boolean rowDeltasRecorded;
    /** Final images by key; a {@code null} image is a row the transaction deleted (from the statement's returned keys). */
    private final Map<RowKey, Object[]> knownImages = new LinkedHashMap<>();
    /** The known images came from rows the primary returned ({@link #addReturnedRow}), not from statement values. */
    private boolean returnedImages;
    /** The table's schema the known images were made with (their columns, in order). */
    private io.doltsync.spi.TableSchema knownSchema;
    private boolean wholeTable;
    private boolean copiedEvenUnwritten;
    private boolean schemaChanged;
    private boolean createdEmpty;
    private boolean dropped;
    /**
     * Rows changed in place by UPDATEs by key whose images are not read ({@link ColumnChange}s by column index),
     * kept while nothing else touches the table in this transaction; their schema is {@link #knownSchema}.
     */
    private final Map<RowKey, java.util.TreeMap<Integer, ColumnChange>> changedRows = new LinkedHashMap<>();

    TableTouch(String tableKey) {
      this.tableKey = tableKey;
    }

    public String tableKey() {
      return tableKey;
    }

    public void addKey(RowKey key) {
      if (!wholeTable) {
        readKnownImagesAgain();
        keys.add(key);
      }
    }

    /**
     * The complete, canonical image of a row the statement itself determines (a full-row INSERT): kept
     * instead of a key while nothing else touches the table, so it is not read at commit. Once anything
     * else does, every such row is read at commit like any other key (values from different statements
     * need not compare equal as keys, so the two are never mixed).
     */
    public void addKnownImage(RowKey key, Object[] image, io.doltsync.spi.TableSchema schema) {
      if (wholeTable) {
        return;
      }
      if (keys.isEmpty() && !returnedImages && changedRows.isEmpty() && sameSchema(schema)) {
        knownSchema = schema;
        knownImages.put(key, image);
      } else {
        readKnownImagesAgain();
        keys.add(key);
      }
    }

    /**
     * A row as the primary returned it from the statement that changed it ({@code UPDATE ... RETURNING}: its
     * image after the statement, read like a commit-time image), or {@code null} for a row the statement
     * deleted ({@code DELETE ... RETURNING} its key). The statement's row lock keeps the row so until the
     * transaction ends, so it is the row's final image unless a later statement touches the table: kept
     * while only such returned rows are known for the table (a later returned row of the same key replaces
     * it); mixed with keys or with images from statement values, every row is read at commit instead.
     */
    public void addReturnedRow(RowKey key, Object[] image, io.doltsync.spi.TableSchema schema) {
      if (wholeTable) {
        return;
      }
      if (keys.isEmpty() && (returnedImages || knownImages.isEmpty()) && changedRows.isEmpty() && sameSchema(schema)) {
        returnedImages = true;
        knownSchema = schema;
        knownImages.put(key, image);
      } else {
        readKnownImagesAgain();
        keys.add(key);
      }
    }

    /**
     * A row the transaction deleted by its whole key, known from the statement's update count (MySQL/MariaDB's
     * {@code TableEffect.DeletedKey}; the key canonical as the primary stores it): kept as a deletion like a
     * returned one ({@link #addReturnedRow} with no image), so that the table is not read at commit while nothing
     * else touches it.
     */
    public void addKnownDeletion(RowKey key, io.doltsync.spi.TableSchema schema) {
      addReturnedRow(key, null, schema);
    }

    /**
     * Column changes of a row by key, made by an UPDATE whose new values (or exact amounts added) the statement
     * determines ({@code TableEffect.ChangedColumns}): kept, with those of earlier such UPDATEs of the row combined,
     * while nothing else touches the table; otherwise, or where two changes of a column do not combine exactly, the
     * row is read at commit like any other key.
     *
     * @param key     the row's key, canonical as the primary stores it
     * @param changes the changes, at most one per column
     */
    public void addColumnChanges(RowKey key, List<ColumnChange> changes, io.doltsync.spi.TableSchema schema) {
      if (wholeTable) {
        return;
      }
      if (!keys.isEmpty() || !knownImages.isEmpty() || !sameSchema(schema)) {
        readKnownImagesAgain();
        keys.add(key);
        return;
      }
      java.util.TreeMap<Integer, ColumnChange> row = changedRows.get(key);
      java.util.TreeMap<Integer, ColumnChange> combined = row == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(row);
      for (ColumnChange change : changes) {
        ColumnChange earlier = combined.get(change.column());
        ColumnChange next = earlier == null ? change : earlier.then(change);
        if (next == null) {
          readKnownImagesAgain();
          keys.add(key);
          return;
        }
        combined.put(change.column(), next);
      }
      knownSchema = schema;
      changedRows.put(key, combined);
    }

    /** Turns the known images (and known deletions) and column changes back into keys, to be read at commit. */
    void readKnownImagesAgain() {
      keys.addAll(knownImages.keySet());
      keys.addAll(changedRows.keySet());
      knownImages.clear();
      changedRows.clear();
      returnedImages = false;
      knownSchema = null;
    }

    /** True when no image or column change is known yet, or the known ones were made with this schema. */
    private boolean sameSchema(io.doltsync.spi.TableSchema schema) {
      return (knownImages.isEmpty() && changedRows.isEmpty()) || knownSchema == schema || knownSchema.equals(schema);
    }

    /** The rows changed in place, by key: their column changes in column order (when nothing else touched the table). */
    public Map<RowKey, java.util.TreeMap<Integer, ColumnChange>> changedRows() {
      return changedRows;
    }

    /**
     * Before the images are journaled with the table's current schema: images made with another one (a plan
     * prepared before the table changed, e.g. a column added since) are read at commit instead.
     */
    void keepKnownImagesOnlyFor(io.doltsync.spi.TableSchema current) {
      if ((!knownImages.isEmpty() || !changedRows.isEmpty()) && !sameSchema(current)) {
        readKnownImagesAgain();
      }
    }

    /** Rows whose final image the statements determined, when no other statement touched the table. */
    public java.util.Collection<Object[]> knownImages() {
      // only returned rows mark deletions (null images)
      return returnedImages ? knownImages.values().stream().filter(java.util.Objects::nonNull).toList()
          : knownImages.values();
    }

    /** Keys of rows that statements' returned keys show deleted, when no other statement touched the table. */
    public List<Object[]> knownDeletions() {
      if (!returnedImages) {
        return List.of();
      }
      List<Object[]> deleted = new ArrayList<>();
      knownImages.forEach((key, image) -> {
        if (image == null) {
          deleted.add(key.values());
        }
      });
      return deleted;
    }

    /** True when some rows' final images or deletions are known without a read at commit. */
    public boolean hasKnownRows() {
      return !knownImages.isEmpty();
    }

    /** True when some rows are known by their column changes, not read at commit. */
    public boolean hasChangedRows() {
      return !changedRows.isEmpty();
    }

    /** Rows of a keyless table that the transaction inserted, complete and canonical, in table column order. */
    public void addInsertedRows(List<Object[]> rows) {
      if (!wholeTable) {
        rowDeltasRecorded |= !rows.isEmpty();
        for (Object[] row : rows) {
          if (!removeEqual(removedRows, row)) {
            insertedRows.add(row);
          }
        }
      }
    }

    /**
     * Complete rows of a keyless table that the transaction deleted (or updated away), in table column order.
     * A copy the transaction itself added earlier cancels out (copies of equal rows cannot be told apart), so
     * the change stays a net delta: removals that Dolt's table holds, then additions.
     */
    public void addRemovedRows(List<Object[]> rows) {
      if (!wholeTable) {
        rowDeltasRecorded |= !rows.isEmpty();
        for (Object[] row : rows) {
          if (!removeEqual(insertedRows, row)) {
            removedRows.add(row);
          }
        }
      }
    }

    /** The rows removed from a keyless table (one copy each), when it is not copied whole. */
    public List<Object[]> removedRows() {
      return removedRows;
    }

    private static boolean removeEqual(List<Object[]> rows, Object[] row) {
      for (java.util.Iterator<Object[]> it = rows.iterator(); it.hasNext(); ) {
        Object[] candidate = it.next();
        if (sameRow(candidate, row)) {
          it.remove();
          return true;
        }
      }
      return false;
    }

    private static boolean sameRow(Object[] a, Object[] b) {
      if (a.length != b.length) {
        return false;
      }
      for (int i = 0; i < a.length; i++) {
        if (!io.doltsync.internal.dialect.CanonicalValues.same(a[i], b[i])) {
          return false;
        }
      }
      return true;
    }

    /** The table's whole content must be copied at commit (keys could not be learned). */
    public void markWholeTable() {
      wholeTable = true;
      keys.clear();
      insertedRows.clear();
      removedRows.clear();
      knownImages.clear();
      changedRows.clear();
      returnedImages = false;
      knownSchema = null;
    }

    /** The rows added to a keyless table (a multiset), when it is not copied whole. */
    public List<Object[]> insertedRows() {
      return insertedRows;
    }

    /** The table was created, altered, renamed or dropped: its schema and whole content are copied at commit. */
    public void markSchemaChanged() {
      schemaChanged = true;
      markWholeTable();
    }

    public boolean isWholeTable() {
      return wholeTable;
    }

    /**
     * The table's whole content is copied at commit although the transaction does not write it (reconcile heals a
     * table that drifted): never left out as unchanged.
     */
    public void markCopiedEvenUnwritten() {
      markWholeTable();
      copiedEvenUnwritten = true;
    }

    public boolean isCopiedEvenUnwritten() {
      return copiedEvenUnwritten;
    }

    public boolean isSchemaChanged() {
      return schemaChanged;
    }

    /** The table was just created, new and empty, by the transaction's last captured statement. */
    public void markCreatedEmpty() {
      markSchemaChanged();
      createdEmpty = true;
    }

    /** The transaction's last captured statement dropped the table. */
    public void markDropped() {
      markSchemaChanged();
      dropped = true;
    }

    /**
     * True when the transaction's last captured statement dropped the table (a hint: the table is looked up at
     * commit all the same, a temporary table of the same name may have been the one dropped).
     */
    public boolean isDropped() {
      return dropped;
    }

    /**
     * True when the transaction's last captured statement created the table new and empty
     * ({@link TableEffect.SchemaChange#createsEmpty()}) and nothing was captured after it: at commit only its schema is read.
     */
    public boolean isCreatedEmpty() {
      return createdEmpty;
    }

    public Set<RowKey> keys() {
      return keys;
    }
  }
}
