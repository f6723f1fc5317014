package io.doltsync.export;

import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Orders tables so that every table comes after the tables its foreign keys reference (parents first), and
 * finds the tables that take part in a reference cycle (a self-reference included), which no order serves.
 */
final class ForeignKeyOrder {

  private final List<String> order;
  private final Set<String> cyclic;

  private ForeignKeyOrder(List<String> order, Set<String> cyclic) {
    this.order = order;
    this.cyclic = cyclic;
  }

  /**
   * @param parents each table's referenced tables (names compared case-insensitively; tables outside the map are ignored)
   */
  static ForeignKeyOrder of(Map<String, Set<String>> parents) {
    Map<String, String> byKey = new LinkedHashMap<>();
    parents.keySet().forEach(t -> byKey.put(t.toLowerCase(Locale.ROOT), t));
    List<String> order = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    Set<String> cyclic = new LinkedHashSet<>();
    for (String table : parents.keySet()) {
      visit(table.toLowerCase(Locale.ROOT), parents, byKey, done, new ArrayList<>(), order, cyclic);
    }
    return new ForeignKeyOrder(List.copyOf(order), Set.copyOf(cyclic));
  }

  private static void visit(String key, Map<String, Set<String>> parents, Map<String, String> byKey, Set<String> done,
      List<String> path, List<String> order, Set<String> cyclic) {
    int onPath = path.indexOf(key);
    if (onPath >= 0) {
      path.subList(onPath, path.size()).forEach(k -> cyclic.add(byKey.get(k)));
      return;
    }
    if (!done.add(key)) {
      return;
    }
    path.add(key);
    for (String parent : parents.get(byKey.get(key))) {
      String parentKey = parent.toLowerCase(Locale.ROOT);
      if (byKey.containsKey(parentKey)) {
        if (done.contains(parentKey) && !path.contains(parentKey)) {
          continue;
        }
        visit(parentKey, parents, byKey, done, path, order, cyclic);
      }
    }
    path.remove(path.size() - 1);
    order.add(byKey.get(key));
  }

  /** Every table, parents before children (tables in a cycle in an arbitrary order among themselves). */
  List<String> parentsFirst() {
    return order;
  }

  /** Every table, children before parents. */
  List<String> childrenFirst() {
    List<String> reversed = new ArrayList<>(order);
    java.util.Collections.reverse(reversed);
    return reversed;
  }

  /** The tables in a reference cycle or referencing themselves. */
  Set<String> cyclic() {
    return cyclic;
  }

  /** Refuses when one of {@code tables} is in a cycle: its rows cannot be written in an order its keys allow. */
  void refuseCycles(Set<String> tables, String why) throws SQLFeatureNotSupportedException {
    List<String> refused = tables.stream().filter(cyclic::contains).sorted().toList();
    if (!refused.isEmpty()) {
      throw new SQLFeatureNotSupportedException("cannot " + why + " " + String.join(", ", refused)
          + ": their foreign keys form a cycle (or reference their own table), so no row order satisfies them", "0A000");
    }
  }
}
