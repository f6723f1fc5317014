package io.doltsync.internal.writeback;

import io.doltsync.spi.ForeignKeySchema;
import io.doltsync.spi.TableSchema;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Orders the tables a write-back changes so that a parent comes before its children: inserts and updates
 * run in this order, deletes in reverse. Only foreign keys between the changed tables matter. A cycle,
 * a self-reference included, is refused (the order of rows within a table would matter), naming the tables.
 */
final class ForeignKeyOrder {

  /** SQLState of a foreign-key cycle among the changed tables. */
  static final String CYCLE = "0A000";

  private ForeignKeyOrder() {}

  static List<TableSchema> parentsFirst(List<TableSchema> tables) throws SQLFeatureNotSupportedException {
    Map<String, TableSchema> byKey = new LinkedHashMap<>();
    tables.forEach(t -> byKey.put(t.key(), t));
    List<TableSchema> ordered = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    Set<String> visiting = new LinkedHashSet<>();
    for (TableSchema table : tables) {
      visit(table, byKey, done, visiting, ordered);
    }
    return ordered;
  }

  private static void visit(TableSchema table, Map<String, TableSchema> byKey, Set<String> done, Set<String> visiting,
      List<TableSchema> ordered) throws SQLFeatureNotSupportedException {
    if (done.contains(table.key())) {
      return;
    }
    if (!visiting.add(table.key())) {
      List<String> cycle = new ArrayList<>(visiting);
      cycle = cycle.subList(cycle.indexOf(table.key()), cycle.size());
      throw new SQLFeatureNotSupportedException("the changed tables reference each other in a cycle of foreign keys ("
          + String.join(" -> ", cycle) + " -> " + table.key() + "); write-back needs an order of tables in which"
          + " parents come first, so it refuses; nothing was written", CYCLE);
    }
    for (ForeignKeySchema key : table.foreignKeys()) {
      TableSchema parent = byKey.get(key.referencedTable().toLowerCase(Locale.ROOT));
      if (parent != null) {
        visit(parent, byKey, done, visiting, ordered);
      }
    }
    visiting.remove(table.key());
    done.add(table.key());
    ordered.add(table);
  }
}
