package io.doltsync.internal.capture.wal;

import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.journal.JournalCodec;
import io.doltsync.internal.journal.JournalEntry;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.TableSchema;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One committed transaction read from the slot, turned into the table changes the applier applies: per mirrored
 * table, the final image of every row it touched (keyed tables), the copies added and removed (keyless tables,
 * which need {@code REPLICA IDENTITY FULL}), or the whole content after a {@code TRUNCATE}; and what doltsync's
 * connections said about it in {@link WalMessages} (author, message, lineage, the tables a DDL statement
 * reshaped or dropped, at their place among the row changes).
 */
public final class WalTransaction {

  /** Where the reader learns a relation's table: its schema, or {@code null} when it is not mirrored. */
  public interface Tables {
    /** The mirrored table of a relation, its columns in the relation's order; {@code null}: not mirrored. */
    MirroredTable of(PgOutput.Relation relation) throws SQLException;

    /** A table's schema changed at this point (a DDL message): later relations of it are read with this one. */
    void reshaped(TableSchema schema);

    /** A table was dropped. */
    void dropped(String table);
  }

  /**
   * A mirrored table as a relation describes it.
   *
   * @param schema  the table's schema with its columns in the relation's order
   * @param create  the schema to create the table from when Dolt lacks it (equal to {@code schema} when the
   *                catalog agrees with the relation), or {@code null}
   */
  public record MirroredTable(TableSchema schema, TableSchema create) {}

  /** Reads what Dolt holds before the transaction: a keyed row (for unchanged TOAST values), a keyless table's rows. */
  public interface StoredRows {
    Object[] row(String doltTable, TableSchema schema, Object[] key) throws SQLException;

    /** Every row of the table, canonical, its columns in the schema's order. */
    List<Object[]> all(String doltTable, TableSchema schema) throws SQLException;

    /**
     * A row as Dolt holds it once mirrored (a value Dolt cannot store is NULL there under
     * {@code doltsync.unmappableValues=null}), so that a row the WAL removed is found among Dolt's.
     */
    Object[] asStored(TableSchema schema, Object[] row) throws SQLException;
  }

  private final Tables tables;
  private final TextRows text;
  private final StoredRows stored;
  private final long commitLsn;
  private final Instant committedAt;
  private final int xid;
  private final Map<Integer, PgOutput.Relation> relations;
  private final Map<String, TableState> states = new LinkedHashMap<>();
  /** Keyed rows this transaction wrote before its table's state was flushed, by Dolt table: for unchanged TOAST values. */
  private final Map<String, Map<TextKey, Row>> flushedImages = new java.util.HashMap<>();
  /**
   * The transaction's changes so far, in order: announced {@link TableChange}s, and the {@link TableState}s flushed
   * before them, computed only at the end (a later announcement of the table supersedes them unread).
   */
  private final List<Object> pending = new ArrayList<>();
  /** Keyless tables whose whole content an earlier change of this transaction computed: that content, by Dolt table. */
  private final Map<String, List<Object[]>> keylessContent = new java.util.HashMap<>();
  /** Keyless rows earlier changes of this transaction added to Dolt's content (not yet read), by Dolt table. */
  private final Map<String, List<Object[]>> keylessAdded = new java.util.HashMap<>();
  private String authorName;
  private String authorEmail;
  private String message;
  private JournalEntry.Lineage lineage;
  private boolean allowEmpty;
  private boolean announced;
  /** The doltsync instance that announced something in the transaction ({@code null}: none did). */
  private String instance;

  public WalTransaction(PgOutput.Begin begin, Map<Integer, PgOutput.Relation> relations, Tables tables,
      TextRows text, StoredRows stored) {
    this.commitLsn = begin.finalLsn();
    this.committedAt = begin.committedAt();
    this.xid = begin.xid();
    this.relations = relations;
    this.tables = tables;
    this.text = text;
    this.stored = stored;
  }

  public long commitLsn() {
    return commitLsn;
  }

  public Instant committedAt() {
    return committedAt;
  }

  /** Takes in one message of the transaction. */
  public void accept(PgOutput.Message message) throws SQLException, IOException {
    if (message instanceof PgOutput.Relation relation) {
      PgOutput.Relation before = relations.put(relation.oid(), relation);
      if (before != null && !before.columns().equals(relation.columns())) {
        flush(); // rows read under the old columns are written before the new ones arrive
      }
    } else if (message instanceof PgOutput.Insert insert) {
      TableState state = state(insert.relation());
      if (state != null) {
        state.insert(insert.row().values());
      }
    } else if (message instanceof PgOutput.Update update) {
      TableState state = state(update.relation());
      if (state != null) {
        state.update(update.old(), update.oldIsKey(), update.row().values());
      }
    } else if (message instanceof PgOutput.Delete delete) {
      TableState state = state(delete.relation());
      if (state != null) {
        state.delete(delete.old(), delete.oldIsKey());
      }
    } else if (message instanceof PgOutput.Truncate truncate) {
      for (int oid : truncate.relations()) {
        TableState state = state(oid);
        if (state != null) {
          state.truncate();
        }
      }
    } else if (message instanceof PgOutput.Logical logical) {
      if (logical.transactional() && WalMessages.isAnnouncement(logical.prefix())) { // the applier's own mirror's
        announcement(JournalCodec.decode(logical.content()));
      }
    }
    // Begin, Commit, Origin, Type: nothing to take in
  }

  /** What a doltsync connection said inside the transaction: metadata, and the tables its DDL changed. */
  private void announcement(JournalEntry said) throws SQLException {
    announced = true;
    instance = said.instance() != null && !said.instance().isBlank() ? said.instance() : instance;
    if (!said.changes().isEmpty()) {
      flush();
      // the announced content is each table's state at this point, after every earlier row change of it
      java.util.Set<String> announcedTables = new java.util.HashSet<>();
      for (TableChange change : said.changes()) {
        announcedTables.add(change.table().toLowerCase(java.util.Locale.ROOT));
      }
      pending.removeIf(change -> announcedTables.contains(tableOf(change).toLowerCase(java.util.Locale.ROOT)));
      for (TableChange change : said.changes()) {
        pending.add(change);
        if (change.kind() == TableChange.Kind.DROP) {
          tables.dropped(change.table());
        } else if (change.schema() != null) {
          tables.reshaped(change.schema());
        }
      }
      states.clear();
    }
    authorName = said.authorName() != null ? said.authorName() : authorName;
    authorEmail = said.authorEmail() != null ? said.authorEmail() : authorEmail;
    message = said.message() != null ? said.message() : message;
    lineage = said.lineage() != null ? said.lineage() : lineage;
    allowEmpty |= said.allowEmpty();
  }

  /** The transaction's table changes, in order; empty when it changed no mirrored table. */
  public List<TableChange> changes() throws SQLException {
    flush();
    keylessContent.clear();
    keylessAdded.clear();
    List<TableChange> changes = new ArrayList<>(pending.size());
    for (Object change : pending) {
      TableChange computed = change instanceof TableState state ? state.change() : (TableChange) change;
      if (computed != null) {
        changes.add(computed);
      }
    }
    return changes;
  }

  private static String tableOf(Object change) {
    return change instanceof TableState state ? state.doltTable : ((TableChange) change).table();
  }

  /** The commit metadata doltsync's connection announced ({@code null} fields: the defaults). */
  public io.doltsync.spi.CommitMetadata announcedMetadata() {
    return authorName == null && authorEmail == null && message == null ? null
        : new io.doltsync.spi.CommitMetadata(authorName, authorEmail, message);
  }

  public JournalEntry.Lineage lineage() {
    return lineage;
  }

  /** True when a doltsync connection asked for a commit even without changes ({@code DOLT_COMMIT --allow-empty}). */
  public boolean allowEmpty() {
    return allowEmpty;
  }

  /**
   * The doltsync instance ({@code doltsync.instance}) whose connection wrote the transaction, when that connection
   * announced something in it; {@code null} otherwise (the WAL does not say which client wrote a transaction).
   */
  public String writingInstance() {
    return instance;
  }

  /** True when a doltsync connection said something inside the transaction. */
  public boolean announced() {
    return announced;
  }

  /** The transaction id in the commit trailer: the primary's xid and the commit's LSN, unique per primary. */
  public String transactionId() {
    return "pg-" + Integer.toUnsignedString(xid) + "-" + Long.toHexString(commitLsn);
  }

  private TableState state(int oid) throws SQLException {
    PgOutput.Relation relation = relations.get(oid);
    if (relation == null) {
      throw new SQLException("pgoutput sent a change of relation " + oid + " before describing it", "XX000");
    }
    MirroredTable table = tables.of(relation);
    if (table == null) {
      return null;
    }
    String doltTable = DoltDdl.doltName(table.schema().name());
    TableState state = states.get(doltTable);
    if (state != null && state.relation != relation && state.relation.columns().equals(relation.columns())) {
      state.relation = relation; // described again (a relcache invalidation), unchanged: the rows stay
    }
    if (state == null || state.relation != relation) {
      if (state != null) {
        flush();
      }
      state = new TableState(doltTable, relation, table);
      states.put(doltTable, state);
    }
    return state;
  }

  /** Writes every table's pending rows as changes, in the order the tables were first touched. */
  private void flush() throws SQLException {
    for (TableState state : states.values()) {
      if (state.keyed()) {
        flushedImages.computeIfAbsent(state.doltTable, t -> new LinkedHashMap<>()).putAll(state.rows);
      }
      pending.add(state); // computed at the end, after earlier states of the table
    }
    states.clear();
  }

  /** A row in text form, with values filled in from elsewhere (unchanged TOAST values read from Dolt). */
  private record Row(byte[][] text, Object[] filled) {}

  /** Rows compared by their text values (the primary prints equal values of one column type alike). */
  private record TextKey(byte[][] values) {
    @Override
    public boolean equals(Object other) {
      return other instanceof TextKey key && Arrays.deepEquals(values, key.values);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(values);
    }
  }

  /** What the transaction did so far to one table, under one relation description. */
  private final class TableState {
    private final String doltTable;
    private PgOutput.Relation relation;
    private final MirroredTable table;
    private final int[] keyIndexes;
    /** Keyed: final row by key, {@code null} for deleted. */
    private final Map<TextKey, Row> rows = new LinkedHashMap<>();
    /** Keyless: copies added (positive) or removed (negative) by row. */
    private final Map<TextKey, Integer> copies = new LinkedHashMap<>();
    private boolean replaced;

    TableState(String doltTable, PgOutput.Relation relation, MirroredTable table) throws SQLException {
      this.doltTable = doltTable;
      this.relation = relation;
      this.table = table;
      List<String> key = table.schema().primaryKey();
      this.keyIndexes = new int[key.size()];
      List<ColumnSchema> columns = table.schema().columns();
      for (int k = 0; k < keyIndexes.length; k++) {
        keyIndexes[k] = -1;
        for (int i = 0; i < columns.size(); i++) {
          if (columns.get(i).name().equalsIgnoreCase(key.get(k))) {
            keyIndexes[k] = i;
          }
        }
        if (keyIndexes[k] < 0) {
          throw new SQLException("the key column " + key.get(k) + " of " + doltTable + " is not in the relation pgoutput"
              + " described", "XX000");
        }
      }
    }

    boolean keyed() {
      return keyIndexes.length > 0;
    }

    TextKey keyOf(byte[][] values) {
      byte[][] key = new byte[keyIndexes.length][];
      for (int k = 0; k < key.length; k++) {
        key[k] = values[keyIndexes[k]];
      }
      return new TextKey(key);
    }

    void insert(byte[][] values) throws SQLException {
      if (keyed()) {
        rows.put(keyOf(values), new Row(values, null));
      } else {
        copies.merge(new TextKey(values), 1, Integer::sum);
      }
    }

    void update(PgOutput.Tuple old, boolean oldIsKey, byte[][] values) throws SQLException {
      if (!keyed()) {
        if (old == null || oldIsKey) {
          throw new SQLException(noFullIdentity(), "XX000");
        }
        byte[][] filled = fillFrom(values, old.values());
        copies.merge(new TextKey(old.values()), -1, Integer::sum);
        copies.merge(new TextKey(filled), 1, Integer::sum);
        return;
      }
      Row row;
      if (old != null && !oldIsKey) {
        row = new Row(fillFrom(values, old.values()), null);
      } else {
        // the unchanged values are those of the row as it was: under its old key when the update moved it
        row = unchanged(values) ? fillUnchanged(values, old != null ? old.values() : values) : new Row(values, null);
      }
      TextKey newKey = keyOf(row.text());
      if (old != null) {
        TextKey oldKey = keyOf(old.values());
        if (!oldKey.equals(newKey)) {
          rows.put(oldKey, null);
        }
      }
      rows.remove(newKey); // the key's entry moves to the end: applied after the old key's delete
      rows.put(newKey, row);
    }

    void delete(PgOutput.Tuple old, boolean oldIsKey) throws SQLException {
      if (keyed()) {
        TextKey key = keyOf(old.values());
        rows.remove(key);
        rows.put(key, null);
      } else {
        if (oldIsKey) {
          throw new SQLException(noFullIdentity(), "XX000");
        }
        copies.merge(new TextKey(old.values()), -1, Integer::sum);
      }
    }

    void truncate() {
      rows.clear();
      copies.clear();
      replaced = true;
    }

    private String noFullIdentity() {
      return "the keyless table " + doltTable + " changed without its old rows in the WAL: it needs REPLICA IDENTITY FULL"
          + " (doltsync sets it at mirror start and after DDL through its connections)";
    }

    private boolean unchanged(byte[][] values) {
      for (byte[] value : values) {
        if (value == PgOutput.UNCHANGED) {
          return true;
        }
      }
      return false;
    }

    private byte[][] fillFrom(byte[][] values, byte[][] old) {
      if (!unchanged(values)) {
        return values;
      }
      byte[][] filled = values.clone();
      for (int i = 0; i < filled.length; i++) {
        if (filled[i] == PgOutput.UNCHANGED) {
          filled[i] = old[i];
        }
      }
      return filled;
    }

    /** Unchanged TOAST values: from the row's earlier image in this transaction, else from Dolt (the state before it). */
    private Row fillUnchanged(byte[][] values, byte[][] was) throws SQLException {
      TextKey wasKey = keyOf(was);
      Row earlier = rows.get(wasKey);
      if (earlier == null && !rows.containsKey(wasKey)) {
        Row flushed = flushedImages.getOrDefault(doltTable, Map.of()).get(wasKey);
        if (flushed != null && flushed.text().length == values.length) {
          earlier = flushed;
        }
      }
      if (earlier != null) {
        byte[][] filled = values.clone();
        Object[] overrides = earlier.filled() == null ? null : earlier.filled().clone();
        for (int i = 0; i < filled.length; i++) {
          if (filled[i] == PgOutput.UNCHANGED) {
            filled[i] = earlier.text()[i];
          } else if (overrides != null) {
            overrides[i] = null;
          }
        }
        return new Row(filled, overrides);
      }
      byte[][] keyOnly = new byte[values.length][];
      for (int index : keyIndexes) {
        keyOnly[index] = was[index];
      }
      Object[] keyRow = text.read(relation, table.schema().columns(), java.util.Collections.singletonList(keyOnly)).get(0);
      Object[] key = new Object[keyIndexes.length];
      for (int k = 0; k < key.length; k++) {
        key[k] = keyRow[keyIndexes[k]];
      }
      Object[] current = stored.row(doltTable, table.schema(), key);
      if (current == null) {
        throw new SQLException("an update of " + doltTable + " left a TOASTed value unchanged, and Dolt has no row"
            + " with its key to take it from", "XX000");
      }
      byte[][] filled = values.clone();
      Object[] overrides = new Object[values.length];
      for (int i = 0; i < filled.length; i++) {
        if (filled[i] == PgOutput.UNCHANGED) {
          filled[i] = null;
          overrides[i] = current[i];
        }
      }
      return new Row(filled, overrides);
    }

    /** The change this table's state amounts to, or {@code null} for none. */
    TableChange change() throws SQLException {
      TableSchema schema = table.schema();
      List<String> columns = schema.columns().stream().map(ColumnSchema::name).toList();
      if (keyed()) {
        List<Row> upserts = new ArrayList<>();
        List<Row> deleted = new ArrayList<>();
        for (Map.Entry<TextKey, Row> entry : rows.entrySet()) {
          if (entry.getValue() == null) {
            byte[][] keyOnly = new byte[relation.columns().size()][];
            for (int k = 0; k < keyIndexes.length; k++) {
              keyOnly[keyIndexes[k]] = entry.getKey().values()[k];
            }
            deleted.add(new Row(keyOnly, null));
          } else {
            upserts.add(entry.getValue());
          }
        }
        if (!replaced && upserts.isEmpty() && deleted.isEmpty()) {
          return null;
        }
        List<Object[]> upsertValues = values(upserts);
        if (replaced) {
          return new TableChange(doltTable, TableChange.Kind.REPLACE_ALL, table.create(), columns, schema.primaryKey(),
              upsertValues, List.of());
        }
        List<Object[]> deletedKeys = new ArrayList<>(deleted.size());
        for (Object[] row : values(deleted)) {
          Object[] key = new Object[keyIndexes.length];
          for (int k = 0; k < key.length; k++) {
            key[k] = row[keyIndexes[k]];
          }
          deletedKeys.add(key);
        }
        return new TableChange(doltTable, TableChange.Kind.ROWS, table.create(), columns, schema.primaryKey(),
            upsertValues, deletedKeys);
      }
      List<Row> added = new ArrayList<>();
      List<Row> removed = new ArrayList<>();
      for (Map.Entry<TextKey, Integer> entry : copies.entrySet()) {
        int count = entry.getValue();
        for (int i = 0; i < Math.abs(count); i++) {
          (count > 0 ? added : removed).add(new Row(entry.getKey().values(), null));
        }
      }
      if (replaced) {
        if (!removed.isEmpty()) {
          throw new SQLException("rows of " + doltTable + " were removed after its TRUNCATE that it never held", "XX000");
        }
        List<Object[]> content = new ArrayList<>(values(added));
        keylessContent.put(doltTable, content);
        keylessAdded.remove(doltTable);
        return new TableChange(doltTable, TableChange.Kind.REPLACE_ALL, table.create(), columns, List.of(),
            List.copyOf(content), List.of());
      }
      if (added.isEmpty() && removed.isEmpty()) {
        return null;
      }
      if (removed.isEmpty()) {
        List<Object[]> addedValues = values(added);
        List<Object[]> content = keylessContent.get(doltTable);
        (content != null ? content : keylessAdded.computeIfAbsent(doltTable, t -> new ArrayList<>())).addAll(addedValues);
        return new TableChange(doltTable, TableChange.Kind.MULTISET, table.create(), columns, List.of(), addedValues,
            List.of());
      }
      // Dolt cannot find a copy to remove by comparing every column (a float, a JSON document, a time with its
      // fraction compare unequal to the bound value): the copies are removed here from Dolt's rows, compared as
      // canonical values, and the table written whole. Its content is Dolt's before the transaction with what the
      // transaction's earlier changes of it did (a TRUNCATE or removal computed it, or rows were added to it)
      List<Object[]> rows;
      if (keylessContent.containsKey(doltTable)) {
        rows = new ArrayList<>(keylessContent.get(doltTable));
      } else {
        rows = new ArrayList<>(stored.all(doltTable, schema));
        rows.addAll(keylessAdded.getOrDefault(doltTable, List.of()));
      }
      for (Object[] gone : values(removed)) {
        boolean found = false;
        Object[] goneAsStored = stored.asStored(schema, gone);
        for (java.util.Iterator<Object[]> it = rows.iterator(); it.hasNext() && !found; ) {
          if (sameRow(stored.asStored(schema, it.next()), goneAsStored)) {
            it.remove();
            found = true;
          }
        }
        if (!found) {
          throw new SQLException("a row the WAL removed from the keyless table " + doltTable + " is not in Dolt: "
              + Arrays.deepToString(gone), "XX000");
        }
      }
      rows.addAll(values(added));
      keylessContent.put(doltTable, rows);
      keylessAdded.remove(doltTable);
      return new TableChange(doltTable, TableChange.Kind.REPLACE_ALL, table.create(), columns, List.of(),
          List.copyOf(rows), List.of());
    }

    private static boolean sameRow(Object[] a, Object[] b) {
      for (int i = 0; i < a.length; i++) {
        if (!io.doltsync.internal.dialect.CanonicalValues.same(a[i], b[i])) {
          return false;
        }
      }
      return true;
    }

    private List<Object[]> values(List<Row> rows) throws SQLException {
      if (rows.isEmpty()) {
        return List.of();
      }
      List<byte[][]> textRows = new ArrayList<>(rows.size());
      for (Row row : rows) {
        textRows.add(row.text());
      }
      List<Object[]> values = text.read(relation, table.schema().columns(), textRows);
      for (int r = 0; r < rows.size(); r++) {
        Object[] filled = rows.get(r).filled();
        if (filled != null) {
          for (int i = 0; i < filled.length; i++) {
            if (filled[i] != null) {
              values.get(r)[i] = filled[i];
            }
          }
        }
      }
      return values;
    }
  }
}
