package io.doltsync.tck;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Every mirrored table's content at one moment, by lower-case table name. */
final class DatabaseState {

  private final Map<String, TableState> tables;

  DatabaseState(Map<String, TableState> tables) {
    this.tables = Collections.unmodifiableMap(new TreeMap<>(tables));
  }

  Map<String, TableState> tables() {
    return tables;
  }

  /** The table's state, or {@code null} when the table does not exist. */
  TableState table(String name) {
    return tables.get(name);
  }

  /** True when both have the same tables with the same content. */
  boolean sameAs(DatabaseState other) {
    return differencesFrom(other).isEmpty();
  }

  /** Readable differences from {@code actual} (what this state expects that the other lacks, and more). */
  List<String> differencesFrom(DatabaseState actual) {
    List<String> differences = new ArrayList<>();
    Set<String> names = new TreeSet<>(tables.keySet());
    names.addAll(actual.tables.keySet());
    for (String name : names) {
      TableState expected = tables.get(name);
      TableState found = actual.tables.get(name);
      if (expected == null) {
        differences.add("table " + name + " should not exist but has " + found.rows().size() + " rows");
      } else if (found == null) {
        differences.add("table " + name + " is missing (expected " + expected.rows().size() + " rows)");
      } else {
        differences.addAll(expected.differencesFrom(found));
      }
    }
    return differences;
  }
}
