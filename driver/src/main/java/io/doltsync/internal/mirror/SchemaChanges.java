package io.doltsync.internal.mirror;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The DDL one transaction ran, until it ends: the tables its statements' schema-change effects named, or that one
 * named none (then it may have changed any table). Not thread-safe; one per session.
 */
final class SchemaChanges {

  private final Set<String> tables = new LinkedHashSet<>();
  private boolean any;
  private boolean unnamed;

  /** A DDL statement ran that changes these tables (keys); none: it did not name them. */
  void ran(Collection<String> tableKeys) {
    any = true;
    if (tableKeys.isEmpty()) {
      unnamed = true;
    }
    tables.addAll(tableKeys);
  }

  boolean any() {
    return any;
  }

  /** The tables the transaction's DDL changed, or {@code null} when a statement did not name them (any table). */
  Collection<String> tables() {
    return unnamed ? null : Set.copyOf(tables);
  }

  void clear() {
    tables.clear();
    any = false;
    unnamed = false;
  }
}
