package io.doltsync.internal.capture.binlog;

import io.doltsync.internal.dialect.CanonicalValues;
import io.doltsync.internal.journal.JournalEntry;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.CommitMetadata;
import io.doltsync.spi.TableSchema;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One committed transaction read from the binary log, turned into the table changes the applier applies: per
 * mirrored table, the final image of every row it touched (keyed tables) or the copies added and removed (keyless
 * tables, a multiset), from canonical values; and what doltsync's connections announced in it
 * ({@link BinlogAnnouncements}: author, message, lineage, the tables a DDL statement reshaped or dropped, at their
 * place among the row changes).
 */
public final class BinlogTransaction {

  /** Reads what Dolt holds before the transaction: a keyless table's rows. */
  public interface StoredRows {
    /** Every row of the table, canonical, its columns in the schema's order. */
    List<Object[]> all(String doltTable, TableSchema schema) throws SQLException;
  }

  /** Where the transaction tells that a DDL announcement reshaped or dropped a table. */
  public interface Schemas {
    void reshaped(TableSchema schema);

    void dropped(String table);
  }

  private final String gtid;
  private final Instant committedAt;
  private final StoredRows stored;
  private final Schemas schemas;
  private final Map<String, TableState> states = new LinkedHashMap<>();
  /** The changes so far, in order: announced {@link TableChange}s and the {@link TableState}s flushed before them. */
  private final List<Object> pending = new ArrayList<>();
  private final List<Long> announcementIds = new ArrayList<>();
  private final List<Update> updates = new ArrayList<>();
  private final List<Delete> deletes = new ArrayList<>();
  /** Rows written so far, counted: a row change's place in the transaction. */
  private int sequence;
  private String authorName;
  private String authorEmail;
  private String message;
  private JournalEntry.Lineage lineage;
  private boolean allowEmpty;
  private long endPosition;

  public BinlogTransaction(String gtid, Instant committedAt, StoredRows stored, Schemas schemas) {
    this.gtid = gtid;
    this.committedAt = committedAt;
    this.stored = stored;
    this.schemas = schemas;
  }

  /** The transaction id in the commit trailer: {@code mdb-<domain>-<server>-<sequence>}, MariaDB's GTID. */
  public String transactionId() {
    return "mdb-" + gtid;
  }

  public Instant committedAt() {
    return committedAt;
  }

  /** The log position right after the transaction's commit event ({@link BinlogSource.Position#asLong()}). */
  public long endPosition() {
    return endPosition;
  }

  public void ended(long position) {
    this.endPosition = position;
  }

  /** Rows of a mirrored table the transaction inserted, canonical, columns in the schema's order. */
  public void inserted(String doltTable, TableSchema schema, List<Object[]> rows) throws SQLException {
    TableState state = state(doltTable, schema);
    for (Object[] row : rows) {
      state.insert(row);
    }
  }

  /** A row update as the log has it: the table, its schema, the row before and after, in log order. */
  public record Update(String doltTable, TableSchema schema, Object[] before, Object[] after) {}

  /** A row delete as the log has it (also a REPLACE's): the table, its schema, the row, and its place. */
  public record Delete(String doltTable, TableSchema schema, Object[] row, int sequence) {}

  /** Every row delete of a mirrored table in this transaction, in log order (for foreign key actions). */
  public List<Delete> deletes() {
    return deletes;
  }

  /**
   * The place of the transaction's last write of a keyed row ({@code null}: it did not write it), given the row's
   * primary key values.
   */
  public Integer lastWrite(String doltTable, Object[] key) {
    TableState state = states.get(doltTable);
    Integer found = state == null ? null : state.lastWrite.get(new Values(key));
    for (Object change : pending) {
      if (found == null && change instanceof TableState flushed && flushed.doltTable.equals(doltTable)) {
        found = flushed.lastWrite.get(new Values(key));
      }
    }
    return found;
  }

  /** The place of the transaction's last write of any row of a table ({@code null}: none). */
  public Integer lastWriteOfTable(String doltTable) {
    Integer last = null;
    for (TableState state : states.values()) {
      if (state.doltTable.equals(doltTable)) {
        last = state.lastTableWrite;
      }
    }
    for (Object change : pending) {
      if (change instanceof TableState flushed && flushed.doltTable.equals(doltTable) && flushed.lastTableWrite != null
          && (last == null || flushed.lastTableWrite > last)) {
        last = flushed.lastTableWrite;
      }
    }
    return last;
  }

  /** Every row update of a mirrored table in this transaction, in log order (for foreign key actions). */
  public List<Update> updates() {
    return updates;
  }

  public void updated(String doltTable, TableSchema schema, List<Object[][]> beforeAfter) throws SQLException {
    TableState state = state(doltTable, schema);
    for (Object[][] pair : beforeAfter) {
      updates.add(new Update(doltTable, schema, pair[0], pair[1]));
      state.update(pair[0], pair[1]);
    }
  }

  public void deleted(String doltTable, TableSchema schema, List<Object[]> rows) throws SQLException {
    TableState state = state(doltTable, schema);
    for (Object[] row : rows) {
      deletes.add(new Delete(doltTable, schema, row, sequence + 1));
      state.delete(row);
    }
  }

  /** A doltsync connection's announcement (a row of the announcement table, its id). */
  public void announced(long id, JournalEntry said) {
    announcementIds.add(id);
    if (!said.changes().isEmpty()) {
      flush();
      Set<String> announcedTables = new HashSet<>();
      for (TableChange change : said.changes()) {
        announcedTables.add(change.table().toLowerCase(Locale.ROOT));
      }
      pending.removeIf(change -> announcedTables.contains(tableOf(change).toLowerCase(Locale.ROOT)));
      for (TableChange change : said.changes()) {
        pending.add(change);
        if (change.kind() == TableChange.Kind.DROP) {
          schemas.dropped(change.table());
        } else if (change.schema() != null) {
          schemas.reshaped(change.schema());
        }
      }
    }
    authorName = said.authorName() != null ? said.authorName() : authorName;
    authorEmail = said.authorEmail() != null ? said.authorEmail() : authorEmail;
    message = said.message() != null ? said.message() : message;
    lineage = said.lineage() != null ? said.lineage() : lineage;
    allowEmpty |= said.allowEmpty();
  }

  /** The ids of the announcement rows this transaction carried (deleted once it is applied). */
  public List<Long> announcementIds() {
    return announcementIds;
  }

  public CommitMetadata announcedMetadata() {
    return authorName == null && authorEmail == null && message == null ? null
        : new CommitMetadata(authorName, authorEmail, message);
  }

  public JournalEntry.Lineage lineage() {
    return lineage;
  }

  public boolean allowEmpty() {
    return allowEmpty;
  }

  /** The transaction's table changes, in order; empty when it changed no mirrored table. */
  public List<TableChange> changes() throws SQLException {
    flush();
    Map<String, List<Object[]>> keylessContent = new HashMap<>();
    Map<String, List<Object[]>> keylessAdded = new HashMap<>();
    List<TableChange> changes = new ArrayList<>(pending.size());
    for (Object change : pending) {
      TableChange computed;
      if (change instanceof TableState state) {
        computed = state.change(keylessContent, keylessAdded);
      } else {
        computed = (TableChange) change;
        keylessContent.remove(computed.table());
        keylessAdded.remove(computed.table());
        if (computed.kind() == TableChange.Kind.REPLACE_ALL || computed.kind() == TableChange.Kind.RESHAPE) {
          if (computed.keyColumns() == null || computed.keyColumns().isEmpty()) {
            keylessContent.put(computed.table(), new ArrayList<>(computed.upserts()));
          }
        }
      }
      if (computed != null) {
        changes.add(computed);
      }
    }
    return changes;
  }

  private static String tableOf(Object change) {
    return change instanceof TableState state ? state.doltTable : ((TableChange) change).table();
  }

  private TableState state(String doltTable, TableSchema schema) throws SQLException {
    TableState state = states.get(doltTable);
    if (state != null && !state.schema.columns().equals(schema.columns())) {
      flush();
      state = null;
    }
    if (state == null) {
      state = new TableState(doltTable, schema);
      states.put(doltTable, state);
    }
    return state;
  }

  private void flush() {
    pending.addAll(states.values());
    states.clear();
  }

  /** Canonical values compared as values (arrays by content). */
  private record Values(Object[] values) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Values v && Arrays.deepEquals(values, v.values);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(values);
    }
  }

  /** What the transaction did to one table. */
  private final class TableState {
    private final String doltTable;
    private final TableSchema schema;
    private final int[] keyIndexes;
    /** Keyed: final row by key, {@code null} for deleted. */
    private final Map<Values, Object[]> rows = new LinkedHashMap<>();
    /** Keyless: copies added (positive) or removed (negative) by row. */
    private final Map<Values, Integer> copies = new LinkedHashMap<>();
    /** Keyed: the place of the last write of each key. */
    private final Map<Values, Integer> lastWrite = new HashMap<>();
    private Integer lastTableWrite;

    private void wrote(Values key) {
      sequence++;
      lastTableWrite = sequence;
      if (key != null) {
        lastWrite.put(key, sequence);
      }
    }

    TableState(String doltTable, TableSchema schema) throws SQLException {
      this.doltTable = doltTable;
      this.schema = schema;
      List<String> key = schema.primaryKey();
      this.keyIndexes = new int[key.size()];
      List<ColumnSchema> columns = schema.columns();
      for (int k = 0; k < keyIndexes.length; k++) {
        keyIndexes[k] = -1;
        for (int i = 0; i < columns.size(); i++) {
          if (columns.get(i).name().equalsIgnoreCase(key.get(k))) {
            keyIndexes[k] = i;
          }
        }
        if (keyIndexes[k] < 0) {
          throw new SQLException("the key column " + key.get(k) + " of " + doltTable + " is not in the binary log's"
              + " row", "XX000");
        }
      }
    }

    boolean keyed() {
      return keyIndexes.length > 0;
    }

    Values keyOf(Object[] row) {
      Object[] key = new Object[keyIndexes.length];
      for (int k = 0; k < key.length; k++) {
        key[k] = row[keyIndexes[k]];
      }
      return new Values(key);
    }

    void insert(Object[] row) {
      wrote(keyed() ? keyOf(row) : null);
      if (keyed()) {
        Values key = keyOf(row);
        rows.remove(key);
        rows.put(key, row);
      } else {
        copies.merge(new Values(row), 1, Integer::sum);
      }
    }

    void update(Object[] before, Object[] after) {
      if (keyed()) {
        wrote(keyOf(before));
        lastWrite.put(keyOf(after), sequence);
      } else {
        wrote(null);
      }
      if (!keyed()) {
        copies.merge(new Values(before), -1, Integer::sum);
        copies.merge(new Values(after), 1, Integer::sum);
        return;
      }
      Values oldKey = keyOf(before);
      Values newKey = keyOf(after);
      if (!oldKey.equals(newKey)) {
        rows.remove(oldKey);
        rows.put(oldKey, null);
      }
      rows.remove(newKey); // the key's entry moves to the end: applied after the old key's delete
      rows.put(newKey, after);
    }

    void delete(Object[] row) {
      wrote(keyed() ? keyOf(row) : null);
      if (keyed()) {
        Values key = keyOf(row);
        rows.remove(key);
        rows.put(key, null);
      } else {
        copies.merge(new Values(row), -1, Integer::sum);
      }
    }

    TableChange change(Map<String, List<Object[]>> keylessContent, Map<String, List<Object[]>> keylessAdded)
        throws SQLException {
      List<String> columns = schema.columns().stream().map(ColumnSchema::name).toList();
      if (keyed()) {
        List<Object[]> upserts = new ArrayList<>();
        List<Object[]> deletedKeys = new ArrayList<>();
        for (Map.Entry<Values, Object[]> entry : rows.entrySet()) {
          if (entry.getValue() == null) {
            deletedKeys.add(entry.getKey().values());
          } else {
            upserts.add(entry.getValue());
          }
        }
        if (upserts.isEmpty() && deletedKeys.isEmpty()) {
          return null;
        }
        return new TableChange(doltTable, TableChange.Kind.ROWS, schema, columns, schema.primaryKey(), upserts,
            deletedKeys);
      }
      List<Object[]> added = new ArrayList<>();
      List<Object[]> removed = new ArrayList<>();
      for (Map.Entry<Values, Integer> entry : copies.entrySet()) {
        int count = entry.getValue();
        for (int i = 0; i < Math.abs(count); i++) {
          (count > 0 ? added : removed).add(entry.getKey().values());
        }
      }
      if (added.isEmpty() && removed.isEmpty()) {
        return null;
      }
      if (removed.isEmpty()) {
        List<Object[]> content = keylessContent.get(doltTable);
        (content != null ? content : keylessAdded.computeIfAbsent(doltTable, t -> new ArrayList<>())).addAll(added);
        return new TableChange(doltTable, TableChange.Kind.MULTISET, schema, columns, List.of(), added, List.of());
      }
      // Dolt cannot find a copy to remove by comparing every column (a float, a JSON document compare unequal to the
      // bound value): the copies are removed here from Dolt's rows, compared as canonical values, and the table
      // written whole (as wal capture does)
      List<Object[]> content;
      if (keylessContent.containsKey(doltTable)) {
        content = new ArrayList<>(keylessContent.get(doltTable));
      } else {
        content = new ArrayList<>(stored.all(doltTable, schema));
        content.addAll(keylessAdded.getOrDefault(doltTable, List.of()));
      }
      for (Object[] gone : removed) {
        boolean found = false;
        for (Iterator<Object[]> it = content.iterator(); it.hasNext() && !found; ) {
          if (sameRow(it.next(), gone)) {
            it.remove();
            found = true;
          }
        }
        if (!found) {
          throw new SQLException("a row the binary log removed from the keyless table " + doltTable + " is not in"
              + " Dolt: " + Arrays.deepToString(gone), "XX000");
        }
      }
      content.addAll(added);
      keylessContent.put(doltTable, content);
      keylessAdded.remove(doltTable);
      return new TableChange(doltTable, TableChange.Kind.REPLACE_ALL, schema, columns, List.of(), List.copyOf(content),
          List.of());
    }

    private static boolean sameRow(Object[] a, Object[] b) {
      for (int i = 0; i < a.length; i++) {
        if (!CanonicalValues.same(a[i], b[i])) {
          return false;
        }
      }
      return true;
    }
  }
}
