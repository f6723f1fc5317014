package io.doltsync.mirror;

import io.doltsync.spi.ForeignKeySchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The schemas of the mirrored primary tables, and which tables a write to one table can change behind
 * its back: foreign-key children with cascading actions, and tables named in its triggers (all tables
 * when a trigger's body cannot be read, as with H2's Java triggers). Loaded from the primary's metadata
 * once, and again after DDL.
 */
public final class SchemaCatalog {

  private static final Pattern IDENTIFIER_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}_$]+");

  private final SourceDialect dialect;
  private final TableFilter filter;
  private volatile Snapshot snapshot;
  /** Bumped by {@link #invalidate}: a snapshot read before the bump is stale. */
  private final AtomicLong generation = new AtomicLong();

  public SchemaCatalog(SourceDialect dialect, TableFilter filter) {
    this.dialect = dialect;
    this.filter = filter;
  }

  /** Loads the catalog unless it is loaded and current. */
  public void ensureLoaded(Connection connection) throws SQLException {
    Snapshot current = snapshot;
    if (current == null || current.generation != generation.get()) {
      reload(connection);
    }
  }

  /**
   * Re-reads every mirrored table's schema (after DDL). Reads on the caller's connection without holding a
   * lock of the catalog: that connection may be inside a transaction holding table locks (DDL, TRUNCATE)
   * that another session's metadata queries wait for, and a catalog-wide lock would close that circle
   * into a deadlock the database cannot see. Concurrent reloads each publish; the newest generation wins.
   */
  public void reload(Connection connection) throws SQLException {
    long readGeneration = generation.get();
    Map<String, TableSchema> tables = new LinkedHashMap<>();
    Set<String> primaryTables = new LinkedHashSet<>();
    for (String name : dialect.listTables(connection)) {
      primaryTables.add(name.toLowerCase(Locale.ROOT));
      if (filter.isMirrored(name)) {
        TableSchema schema = dialect.readTable(connection, name);
        tables.put(schema.key(), schema);
      }
    }
    Snapshot fresh = new Snapshot(readGeneration, tables, primaryTables, cascadeEdges(tables),
        triggerEdges(tables));
    synchronized (this) {
      if (snapshot == null || snapshot.generation <= readGeneration) {
        snapshot = fresh;
      }
    }
  }

  /**
   * Marks the loaded schemas stale; the next {@link #ensureLoaded} reads them again. Until then they stay
   * readable, so sessions planning concurrently never find the catalog empty.
   */
  public void invalidate() {
    generation.incrementAndGet();
  }

  /** The mirrored table of that name (case-insensitive), if any. */
  public Optional<TableSchema> table(String name) {
    return Optional.ofNullable(current().tables.get(name.toLowerCase(Locale.ROOT)));
  }

  public Collection<TableSchema> tables() {
    return current().tables.values();
  }

  /**
   * True when the primary has a table of that name (case-insensitive) in its current schema, mirrored or
   * not: a {@code dolt_*} name it has is its own, not Dolt's system table.
   */
  public boolean hasPrimaryTable(String name) {
    return current().primaryTables.contains(name.toLowerCase(Locale.ROOT));
  }

  /** True when the table would be mirrored if it existed (it passes the include/exclude filter). */
  public boolean isMirroredName(String name) {
    return filter.isMirrored(name);
  }

  /**
   * The other tables (keys) whose rows a write to {@code table} can change, transitively: through its
   * triggers always, and through cascading foreign keys of child tables when {@code deletesOrUpdatesKeys}
   * (a DELETE, an UPDATE, a REPLACE or an upsert; a plain INSERT cascades nothing).
   */
  public Set<String> dependents(String table, boolean deletesOrUpdatesKeys) {
    Snapshot current = current();
    String key = table.toLowerCase(Locale.ROOT);
    Set<String> seeds = new LinkedHashSet<>(current.triggerEdges.getOrDefault(key, Set.of()));
    if (deletesOrUpdatesKeys) {
      seeds.addAll(current.cascadeEdges.getOrDefault(key, Set.of()));
    }
    Set<String> reached = new LinkedHashSet<>();
    Deque<String> queue = new ArrayDeque<>(seeds);
    while (!queue.isEmpty()) {
      String next = queue.poll();
      if (reached.add(next)) {
        queue.addAll(current.triggerEdges.getOrDefault(next, Set.of()));
        queue.addAll(current.cascadeEdges.getOrDefault(next, Set.of()));
      }
    }
    reached.remove(key);
    return reached;
  }

  private Snapshot current() {
    Snapshot current = snapshot;
    if (current == null) {
      throw new IllegalStateException("schema catalog not loaded");
    }
    return current;
  }

  private static Map<String, Set<String>> cascadeEdges(Map<String, TableSchema> tables) {
    Map<String, Set<String>> edges = new HashMap<>();
    for (TableSchema child : tables.values()) {
      for (ForeignKeySchema fk : child.foreignKeys()) {
        if (fk.onDelete().changesChildRows() || fk.onUpdate().changesChildRows()) {
          edges.computeIfAbsent(fk.referencedTable().toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>())
              .add(child.key());
        }
      }
    }
    return edges;
  }

  private static Map<String, Set<String>> triggerEdges(Map<String, TableSchema> tables) {
    Map<String, Set<String>> edges = new HashMap<>();
    for (TableSchema table : tables.values()) {
      for (String source : table.triggerSources()) {
        Set<String> named = edges.computeIfAbsent(table.key(), k -> new LinkedHashSet<>());
        if (isOpaqueTrigger(source)) {
          named.addAll(tables.keySet());
        } else {
          for (String word : IDENTIFIER_SEPARATORS.split(source)) {
            String key = word.toLowerCase(Locale.ROOT);
            if (tables.containsKey(key)) {
              named.add(key);
            }
          }
        }
      }
    }
    return edges;
  }

  /** A trigger given as a class name (H2 Java trigger) rather than SQL: its effects cannot be read. */
  private static boolean isOpaqueTrigger(String source) {
    String trimmed = source.trim();
    return !trimmed.isEmpty() && !trimmed.contains(" ") && trimmed.contains(".");
  }

  private record Snapshot(long generation, Map<String, TableSchema> tables, Set<String> primaryTables,
      Map<String, Set<String>> cascadeEdges, Map<String, Set<String>> triggerEdges) {
    Snapshot {
      tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
      primaryTables = Set.copyOf(primaryTables);
      cascadeEdges = Map.copyOf(cascadeEdges);
      triggerEdges = Map.copyOf(triggerEdges);
    }
  }

  /** All table keys, for callers that must fall back to every table. */
  public List<String> tableKeys() {
    return List.copyOf(current().tables.keySet());
  }
}
