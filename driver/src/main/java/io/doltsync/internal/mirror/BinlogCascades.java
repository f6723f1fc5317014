package io.doltsync.internal.mirror;

import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.ForeignKeySchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The foreign key actions binlog capture must redo in Dolt: InnoDB runs {@code ON DELETE CASCADE} and {@code SET
 * NULL} inside the storage engine, and the binary log does not hold the child rows they change (Dolt's tables have no
 * foreign keys, on purpose). After a transaction that deleted rows of a parent table, or changed them, the applier
 * deletes (cascade) or sets {@code NULL} (set null) in every mirrored child table the rows whose key no longer has a
 * parent row, repeated until nothing changes (cascades of cascades); before that, an update of a parent's referenced
 * columns moves ({@code ON UPDATE CASCADE}) or nulls ({@code SET NULL}) the child rows that referenced the old values,
 * in log order. Exact as long as the primary enforces its foreign keys (a child row is an orphan on the primary only
 * with {@code foreign_key_checks=0}); {@code SET DEFAULT} (which InnoDB does not support) is not redone.
 */
final class BinlogCascades {

  /** A foreign key of a mirrored child table whose action changes child rows. */
  private record Edge(String child, TableSchema schema, ForeignKeySchema key) {}

  /** A row gone from a table at a place of the transaction: its values by lower-case column name. */
  private record Removed(String table, Map<String, Object> values, int sequence) {}

  private final Map<String, List<Edge>> byParent = new HashMap<>();

  private BinlogCascades() {}

  /** The cascading foreign keys among the mirrored tables of the primary's schema. */
  static BinlogCascades read(Connection primary, SourceDialect dialect, TableFilter filter) throws SQLException {
    BinlogCascades cascades = new BinlogCascades();
    for (String table : dialect.listTables(primary)) {
      if (filter.isMirrored(table)) {
        cascades.reshaped(dialect.readListedTable(primary, table));
      }
    }
    return cascades;
  }

  /** A table's schema changed (or it was created): its foreign keys replace those it had. */
  void reshaped(TableSchema schema) {
    String child = DoltDdl.doltName(schema.name());
    dropped(child);
    for (ForeignKeySchema key : schema.foreignKeys()) {
      if (key.onDelete().changesChildRows() || key.onUpdate().changesChildRows()) {
        byParent.computeIfAbsent(DoltDdl.doltName(key.referencedTable()).toLowerCase(Locale.ROOT),
            p -> new ArrayList<>()).add(new Edge(child, schema, key));
      }
    }
  }

  void dropped(String table) {
    for (List<Edge> edges : byParent.values()) {
      edges.removeIf(edge -> edge.child().equalsIgnoreCase(table));
    }
  }

  /** Redoes in Dolt the actions a transaction's changes of parent tables set off. */
  void apply(Connection dolt, DoltWriter writer, List<TableChange> changes,
      io.doltsync.internal.capture.binlog.BinlogTransaction transaction) throws SQLException {
    if (byParent.isEmpty()) {
      return;
    }
    boolean parentChanged = false;
    for (TableChange change : changes) {
      parentChanged |= byParent.containsKey(change.table().toLowerCase(Locale.ROOT));
    }
    if (!parentChanged) {
      return;
    }
    writer.flush(dolt);
    for (List<Edge> edges : byParent.values()) {
      for (Edge edge : edges) {
        writer.touchedElsewhere(edge.child());
      }
    }
    removed(dolt, transaction);
    for (io.doltsync.internal.capture.binlog.BinlogTransaction.Update update : transaction.updates()) {
      for (Edge edge : byParent.getOrDefault(update.doltTable().toLowerCase(Locale.ROOT), List.of())) {
        if (edge.key().onUpdate().changesChildRows()) {
          moved(dolt, edge, update);
        }
      }
    }
    Set<String> changed = new HashSet<>();
    for (TableChange change : changes) {
      changed.add(change.table().toLowerCase(Locale.ROOT));
    }
    for (int round = 0; round < 32 && !changed.isEmpty(); round++) {
      Set<String> next = new HashSet<>();
      for (String parent : changed) {
        for (Edge edge : byParent.getOrDefault(parent, List.of())) {
          if (repair(dolt, edge) > 0) {
            next.add(edge.child().toLowerCase(Locale.ROOT));
          }
        }
      }
      changed = next;
    }
  }

  /**
   * Each row the transaction deleted (a REPLACE's delete too, whose row the transaction writes again): the child rows
   * that referenced it and that the transaction did not write after it are deleted or nulled, as InnoDB did at that
   * place; deleted child rows cascade further.
   */
  private void removed(Connection dolt, io.doltsync.internal.capture.binlog.BinlogTransaction transaction)
      throws SQLException {
    java.util.ArrayDeque<Removed> queue = new java.util.ArrayDeque<>();
    for (io.doltsync.internal.capture.binlog.BinlogTransaction.Delete delete : transaction.deletes()) {
      if (!byParent.containsKey(delete.doltTable().toLowerCase(Locale.ROOT))) {
        continue;
      }
      Map<String, Object> values = new HashMap<>();
      for (int i = 0; i < delete.schema().columns().size(); i++) {
        values.put(delete.schema().columns().get(i).name().toLowerCase(Locale.ROOT), delete.row()[i]);
      }
      queue.add(new Removed(delete.doltTable(), values, delete.sequence()));
    }
    for (int guard = 0; !queue.isEmpty() && guard < 100_000; guard++) {
      Removed gone = queue.poll();
      for (Edge edge : byParent.getOrDefault(gone.table().toLowerCase(Locale.ROOT), List.of())) {
        ForeignKeySchema key = edge.key();
        if (!key.onDelete().changesChildRows()) {
          continue;
        }
        Object[] referenced = new Object[key.referencedColumns().size()];
        boolean complete = true;
        for (int i = 0; i < referenced.length; i++) {
          referenced[i] = gone.values().get(key.referencedColumns().get(i).toLowerCase(Locale.ROOT));
          complete &= referenced[i] != null;
        }
        if (!complete) {
          continue;
        }
        for (Map<String, Object> child : children(dolt, edge, referenced)) {
          List<String> primaryKey = edge.schema().primaryKey();
          Integer written;
          StringBuilder where = new StringBuilder();
          List<Object> parameters = new ArrayList<>();
          if (primaryKey.isEmpty()) {
            written = transaction.lastWriteOfTable(edge.child());
            for (int i = 0; i < key.columns().size(); i++) {
              where.append(i == 0 ? "" : " AND ").append(DoltDdl.quote(DoltDdl.doltName(key.columns().get(i))))
                  .append(" = ?");
              parameters.add(referenced[i]);
            }
          } else {
            Object[] childKey = new Object[primaryKey.size()];
            for (int i = 0; i < childKey.length; i++) {
              childKey[i] = child.get(primaryKey.get(i).toLowerCase(Locale.ROOT));
              where.append(i == 0 ? "" : " AND ").append(DoltDdl.quote(DoltDdl.doltName(primaryKey.get(i))))
                  .append(" = ?");
              parameters.add(childKey[i]);
            }
            written = transaction.lastWrite(edge.child(), canonicalKey(edge, childKey));
          }
          if (written != null && written > gone.sequence()) {
            continue; // the transaction wrote the row after the parent's delete: its image is the final one
          }
          StringBuilder sql = new StringBuilder();
          if (key.onDelete() == ForeignKeySchema.Action.CASCADE) {
            sql.append("DELETE FROM ").append(DoltDdl.quote(edge.child())).append(" WHERE ").append(where);
            queue.add(new Removed(edge.child(), child, gone.sequence()));
          } else {
            sql.append("UPDATE ").append(DoltDdl.quote(edge.child())).append(" SET ");
            for (int i = 0; i < key.columns().size(); i++) {
              sql.append(i == 0 ? "" : ", ").append(DoltDdl.quote(DoltDdl.doltName(key.columns().get(i))))
                  .append(" = NULL");
            }
            sql.append(" WHERE ").append(where);
          }
          try (java.sql.PreparedStatement statement = dolt.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
              statement.setObject(i + 1, parameters.get(i));
            }
            statement.executeUpdate();
          }
          if (primaryKey.isEmpty()) {
            break; // one statement took every copy
          }
        }
      }
    }
  }

  /** A child key as Dolt returned it, in the canonical form the transaction's rows use (integers as longs). */
  private static Object[] canonicalKey(Edge edge, Object[] key) {
    Object[] canonical = key.clone();
    for (int i = 0; i < canonical.length; i++) {
      if (canonical[i] instanceof Integer || canonical[i] instanceof Short || canonical[i] instanceof Byte) {
        canonical[i] = ((Number) canonical[i]).longValue();
      }
    }
    return canonical;
  }

  /** The child rows of one foreign key that reference the given values, by lower-case column name. */
  private static List<Map<String, Object>> children(Connection dolt, Edge edge, Object[] referenced)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT * FROM ").append(DoltDdl.quote(edge.child())).append(" WHERE ");
    for (int i = 0; i < referenced.length; i++) {
      sql.append(i == 0 ? "" : " AND ").append(DoltDdl.quote(DoltDdl.doltName(edge.key().columns().get(i))))
          .append(" = ?");
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    try (java.sql.PreparedStatement select = dolt.prepareStatement(sql.toString())) {
      for (int i = 0; i < referenced.length; i++) {
        select.setObject(i + 1, referenced[i]);
      }
      try (java.sql.ResultSet rs = select.executeQuery()) {
        java.sql.ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new HashMap<>();
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            row.put(meta.getColumnLabel(c).toLowerCase(Locale.ROOT), rs.getObject(c));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /**
   * A parent row's referenced columns changed: {@code ON UPDATE CASCADE} moves the child rows that referenced the old
   * values to the new ones, {@code SET NULL} nulls them (in log order, so a chain of key moves follows through).
   */
  private static void moved(Connection dolt, Edge edge,
      io.doltsync.internal.capture.binlog.BinlogTransaction.Update update) throws SQLException {
    ForeignKeySchema key = edge.key();
    List<String> parentColumns = update.schema().columns().stream().map(c -> c.name().toLowerCase(Locale.ROOT))
        .toList();
    Object[] before = new Object[key.referencedColumns().size()];
    Object[] after = new Object[before.length];
    boolean changed = false;
    for (int i = 0; i < before.length; i++) {
      int index = parentColumns.indexOf(key.referencedColumns().get(i).toLowerCase(Locale.ROOT));
      if (index < 0) {
        return;
      }
      before[i] = update.before()[index];
      after[i] = update.after()[index];
      changed |= !io.doltsync.internal.dialect.CanonicalValues.same(before[i], after[i]);
    }
    if (!changed) {
      return;
    }
    StringBuilder set = new StringBuilder();
    StringBuilder where = new StringBuilder();
    for (int i = 0; i < before.length; i++) {
      String column = DoltDdl.quote(DoltDdl.doltName(key.columns().get(i)));
      set.append(i == 0 ? "" : ", ").append(column).append(key.onUpdate() == ForeignKeySchema.Action.CASCADE
          ? " = ?" : " = NULL");
      where.append(i == 0 ? "" : " AND ").append(column).append(" = ?");
    }
    try (java.sql.PreparedStatement statement = dolt.prepareStatement("UPDATE " + DoltDdl.quote(edge.child())
        + " SET " + set + " WHERE " + where)) {
      int parameter = 1;
      if (key.onUpdate() == ForeignKeySchema.Action.CASCADE) {
        for (Object value : after) {
          statement.setObject(parameter++, value);
        }
      }
      for (Object value : before) {
        statement.setObject(parameter++, value);
      }
      statement.executeUpdate();
    }
  }

  /** Deletes or nulls the child rows of one foreign key whose parent row is gone; returns how many. */
  private static int repair(Connection dolt, Edge edge) throws SQLException {
    ForeignKeySchema key = edge.key();
    String child = DoltDdl.quote(edge.child());
    String parent = DoltDdl.quote(DoltDdl.doltName(key.referencedTable()));
    StringBuilder present = new StringBuilder();
    StringBuilder matches = new StringBuilder();
    StringBuilder nulls = new StringBuilder();
    for (int i = 0; i < key.columns().size(); i++) {
      String column = child + "." + DoltDdl.quote(DoltDdl.doltName(key.columns().get(i)));
      present.append(i == 0 ? "" : " AND ").append(column).append(" IS NOT NULL");
      matches.append(i == 0 ? "" : " AND ").append("p.").append(DoltDdl.quote(DoltDdl.doltName(
          key.referencedColumns().get(i)))).append(" = ").append(column);
      nulls.append(i == 0 ? "" : ", ").append(column).append(" = NULL");
    }
    String orphans = present + " AND NOT EXISTS (SELECT 1 FROM " + parent + " p WHERE " + matches + ")";
    String sql = switch (key.onDelete()) {
      case CASCADE -> "DELETE FROM " + child + " WHERE " + orphans;
      case SET_NULL -> "UPDATE " + child + " SET " + nulls + " WHERE " + orphans;
      default -> null;
    };
    if (sql == null) {
      return 0;
    }
    try (Statement statement = dolt.createStatement()) {
      return statement.executeUpdate(sql);
    }
  }
}
