package io.doltsync.internal.mirror;

import io.doltsync.spi.ForeignKeySchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * once; after DDL that names its tables only those tables (and the tables referencing them) are read
 * again, so that a schema script costs in proportion to its statements, not to statements times tables.
 */
public final class SchemaCatalog {

  private static final Pattern IDENTIFIER_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}_$]+");

  private final SourceDialect dialect;
  private final TableFilter filter;
  private volatile Snapshot snapshot;
  /** Bumped by {@link #invalidate}: a snapshot read before the bump is stale. */
  private final AtomicLong generation = new AtomicLong();
  /**
   * The tables each invalidation newer than the snapshot named; a generation missing here (up to the current
   * one) invalidated everything.
   */
  private final Map<Long, Set<String>> invalidated = new HashMap<>();
  /** Table schemas read from the primary since the catalog was made. */
  private final AtomicLong tablesRead = new AtomicLong();

  public SchemaCatalog(SourceDialect dialect, TableFilter filter) {
    this.dialect = dialect;
    this.filter = filter;
  }

  /** Loads the catalog unless it is loaded and current. */
  public void ensureLoaded(Connection connection) throws SQLException {
    Snapshot current = snapshot;
    if (current == null || current.generation != generation.get()) { // else no reads object for nothing
      ensureLoaded(new SchemaReads(dialect, connection));
    }
  }

  /**
   * Loads the catalog unless it is loaded and current, through {@code reads}: what it reads is then read for
   * the caller too (a committing transaction's change set reads its DDL-touched tables through the same).
   */
  public void ensureLoaded(SchemaReads reads) throws SQLException {
    Snapshot current = snapshot;
    if (current == null || current.generation != generation.get()) {
      refresh(reads);
    }
  }

  /**
   * Re-reads every mirrored table's schema. Reads on the caller's connection without holding a lock of the
   * catalog: that connection may be inside a transaction holding table locks (DDL, TRUNCATE) that another
   * session's metadata queries wait for, and a catalog-wide lock would close that circle into a deadlock the
   * database cannot see. Concurrent reloads each publish; the newest generation wins.
   */
  public void reload(Connection connection) throws SQLException {
    long readGeneration;
    synchronized (this) {
      readGeneration = generation.get();
    }
    publish(readGeneration, readAll(new SchemaReads(dialect, connection)));
  }

  /**
   * Brings the catalog up to date with the invalidations since its snapshot: when each named the tables its
   * DDL changed, only those tables (and the tables whose foreign keys reference them) are read again, plus
   * the list of the primary's tables (which finds tables created, dropped or renamed); otherwise everything.
   */
  private void refresh(SchemaReads reads) throws SQLException {
    Snapshot base;
    long readGeneration;
    Set<String> stale;
    synchronized (this) {
      base = snapshot;
      readGeneration = generation.get();
      stale = base == null ? null : staleSince(base.generation, readGeneration);
    }
    if (stale == null) {
      publish(readGeneration, readAll(reads));
      return;
    }
    Map<String, TableSchema> tables = new LinkedHashMap<>();
    Map<String, Connection> readers = new HashMap<>();
    Set<String> primaryTables = new LinkedHashSet<>();
    Set<String> reread = new LinkedHashSet<>(stale);
    for (TableSchema table : base.tables.values()) {
      for (ForeignKeySchema fk : table.foreignKeys()) {
        if (stale.contains(fk.referencedTable().toLowerCase(Locale.ROOT))) {
          reread.add(table.key());
        }
      }
    }
    for (String name : reads.listTables()) {
      String key = name.toLowerCase(Locale.ROOT);
      primaryTables.add(key);
      if (!filter.isMirrored(name)) {
        continue;
      }
      TableSchema known = base.tables.get(key);
      boolean keep = known != null && !reread.contains(key) && known.name().equals(name);
      TableSchema schema = keep ? known : readTable(reads, name);
      tables.put(schema.key(), schema);
      readers.put(schema.key(), keep ? base.readers.get(key) : reads.connection());
    }
    publish(readGeneration, new Snapshot(readGeneration, tables, primaryTables, cascadeEdges(tables),
        triggerEdges(tables), readers, reads.connection()));
  }

  /**
   * The tables invalidated after {@code since} up to {@code until}, or null when one of those invalidations
   * did not name its tables (everything must be read again). Called holding the catalog's lock.
   */
  private Set<String> staleSince(long since, long until) {
    Set<String> stale = new LinkedHashSet<>();
    for (long g = since + 1; g <= until; g++) {
      Set<String> tables = invalidated.get(g);
      if (tables == null) {
        return null;
      }
      stale.addAll(tables);
    }
    return stale;
  }

  private Snapshot readAll(SchemaReads reads) throws SQLException {
    long readGeneration = generation.get();
    Map<String, TableSchema> tables = new LinkedHashMap<>();
    Map<String, Connection> readers = new HashMap<>();
    Set<String> primaryTables = new LinkedHashSet<>();
    for (String name : reads.listTables()) {
      primaryTables.add(name.toLowerCase(Locale.ROOT));
      if (filter.isMirrored(name)) {
        TableSchema schema = readTable(reads, name);
        tables.put(schema.key(), schema);
        readers.put(schema.key(), reads.connection());
      }
    }
    return new Snapshot(readGeneration, tables, primaryTables, cascadeEdges(tables), triggerEdges(tables), readers,
        reads.connection());
  }

  private TableSchema readTable(SchemaReads reads, String name) throws SQLException {
    tablesRead.incrementAndGet();
    return reads.readTable(name);
  }

  /** How many table schemas the catalog has read from the primary (each DDL's re-reads count), for diagnostics. */
  public long tablesRead() {
    return tablesRead.get();
  }

  private synchronized void publish(long readGeneration, Snapshot fresh) {
    Snapshot published = new Snapshot(readGeneration, fresh.tables, fresh.primaryTables, fresh.cascadeEdges,
        fresh.triggerEdges, fresh.readers, fresh.listReader);
    if (snapshot == null || snapshot.generation <= readGeneration) {
      snapshot = published;
    }
    long oldest = snapshot.generation;
    invalidated.keySet().removeIf(g -> g <= oldest);
  }

  /**
   * Marks the loaded schemas stale; the next {@link #ensureLoaded} reads them all again. Until then they
   * stay readable, so sessions planning concurrently never find the catalog empty.
   */
  public synchronized void invalidate() {
    generation.incrementAndGet();
  }

  /**
   * Marks the schemas of these tables (keys, case-insensitive) stale after DDL that named them; the next
   * {@link #ensureLoaded} reads only them, the tables whose foreign keys reference them, and the list of
   * tables. Without a table it is {@link #invalidate()}.
   */
  public synchronized void invalidate(Collection<String> tableKeys) {
    if (tableKeys.isEmpty()) {
      invalidate();
      return;
    }
    Set<String> keys = new LinkedHashSet<>();
    for (String key : tableKeys) {
      keys.add(key.toLowerCase(Locale.ROOT));
    }
    invalidated.put(generation.incrementAndGet(), keys);
  }

  /**
   * A transaction that ran DDL on {@code connection} committed (on a primary whose DDL is transactional): the schemas
   * of {@code tableKeys} (every table when null, for DDL that named none) that another connection read are those
   * from before the commit (schema reads do not wait for the DDL's lock), so they are read again; the ones this
   * connection read, after its DDL, are the committed ones. Reads nothing when this connection read them all.
   */
  public synchronized void committedSchemaChange(Connection connection, Collection<String> tableKeys) {
    Snapshot current = snapshot;
    if (current == null) {
      return;
    }
    Set<String> stale = new LinkedHashSet<>();
    Collection<String> keys = tableKeys == null ? current.tables.keySet() : tableKeys;
    for (String key : keys) {
      String lower = key.toLowerCase(Locale.ROOT);
      boolean known = current.tables.containsKey(lower);
      if (known ? current.readers.get(lower) != connection : current.listReader != connection) {
        stale.add(lower);
      }
    }
    if (!stale.isEmpty()) {
      invalidated.put(generation.incrementAndGet(), stale);
    }
  }

  /**
   * A transaction that ran DDL on {@code connection} rolled back: what that connection read of the catalog may show
   * schemas the rollback undid, so those tables (and the table list, which every refresh reads) are read again; what
   * other connections read is the committed catalog.
   */
  public synchronized void rolledBackSchemaChange(Connection connection) {
    Snapshot current = snapshot;
    if (current == null) {
      return;
    }
    Set<String> stale = new LinkedHashSet<>();
    current.readers.forEach((key, reader) -> {
      if (reader == connection) {
        stale.add(key);
      }
    });
    if (!stale.isEmpty() || current.listReader == connection) { // any refresh reads the table list again
      invalidated.put(generation.incrementAndGet(), stale);
    }
  }

  /** Whether the catalog is loaded and no invalidation is newer: {@link #ensureLoaded} would read nothing. */
  public boolean isCurrent() {
    Snapshot current = snapshot;
    return current != null && current.generation == generation.get();
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
   * The tables (keys) whose rows a write to {@code table} can change behind its back, transitively, each
   * with what is done to its rows: through the written table's triggers always (anything, to every table a
   * trigger names), and through the foreign keys of child tables only where the referential action is
   * fired by what the write does: a delete fires {@code ON DELETE} actions (CASCADE deletes the child rows,
   * SET NULL / SET DEFAULT updates the child's foreign-key columns), an update fires {@code ON UPDATE}
   * actions only when it may set a referenced column. RESTRICT and NO ACTION change nothing. Each reached
   * table continues the chain with what is done to it. The written table itself is in the result only when
   * a chain comes back to it (a self-referencing cascade).
   */
  public Map<String, RowChanges> dependents(String table, RowChanges changes) {
    Snapshot current = current();
    String origin = table.toLowerCase(Locale.ROOT);
    Map<String, RowChanges> reached = new LinkedHashMap<>();
    Deque<Map.Entry<String, RowChanges>> queue = new ArrayDeque<>();
    queue.add(Map.entry(origin, changes));
    boolean first = true;
    while (!queue.isEmpty()) {
      Map.Entry<String, RowChanges> next = queue.poll();
      String written = next.getKey();
      RowChanges change = next.getValue();
      if (first || !change.isNone()) {
        for (String target : current.triggerEdges.getOrDefault(written, Set.of())) {
          offer(reached, queue, target, RowChanges.ANY);
        }
      }
      first = false;
      for (CascadeEdge edge : current.cascadeEdges.getOrDefault(written, List.of())) {
        RowChanges fired = fired(edge.foreignKey(), change);
        if (!fired.isNone()) {
          offer(reached, queue, edge.child(), fired);
        }
      }
    }
    return reached;
  }

  /** What a change of parent rows does to the child rows through one foreign key. */
  static RowChanges fired(ForeignKeySchema fk, RowChanges parent) {
    RowChanges child = RowChanges.NONE;
    if (parent.deletes()) {
      child = child.union(action(fk.onDelete(), fk, true));
    }
    if (parent.updatesAnyOf(fk.referencedColumns())) {
      child = child.union(action(fk.onUpdate(), fk, false));
    }
    return child;
  }

  private static RowChanges action(ForeignKeySchema.Action action, ForeignKeySchema fk, boolean onDelete) {
    return switch (action) {
      case CASCADE -> onDelete ? RowChanges.DELETE : RowChanges.updating(fk.columns());
      case SET_NULL, SET_DEFAULT -> RowChanges.updating(fk.columns());
      case NO_ACTION, RESTRICT -> RowChanges.NONE;
    };
  }

  private static void offer(Map<String, RowChanges> reached, Deque<Map.Entry<String, RowChanges>> queue,
      String table, RowChanges change) {
    RowChanges known = reached.get(table);
    RowChanges merged = known == null ? change : known.union(change);
    if (!merged.equals(known)) {
      reached.put(table, merged);
      queue.add(Map.entry(table, change));
    }
  }

  private Snapshot current() {
    Snapshot current = snapshot;
    if (current == null) {
      throw new IllegalStateException("schema catalog not loaded");
    }
    return current;
  }

  private static Map<String, List<CascadeEdge>> cascadeEdges(Map<String, TableSchema> tables) {
    Map<String, List<CascadeEdge>> edges = new HashMap<>();
    for (TableSchema child : tables.values()) {
      for (ForeignKeySchema fk : child.foreignKeys()) {
        if (fk.onDelete().changesChildRows() || fk.onUpdate().changesChildRows()) {
          edges.computeIfAbsent(fk.referencedTable().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
              .add(new CascadeEdge(child.key(), fk));
        }
      }
    }
    return edges;
  }

  /** A foreign key with a referential action that changes rows of {@code child}. */
  private record CascadeEdge(String child, ForeignKeySchema foreignKey) {}

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

  /**
   * The schemas as read, and through which connection each table's schema and the table list were read (a
   * connection inside a transaction with DDL sees its own uncommitted schemas; any other, the committed ones).
   */
  private record Snapshot(long generation, Map<String, TableSchema> tables, Set<String> primaryTables,
      Map<String, List<CascadeEdge>> cascadeEdges, Map<String, Set<String>> triggerEdges,
      Map<String, Connection> readers, Connection listReader) {
    Snapshot {
      tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
      primaryTables = Set.copyOf(primaryTables);
      cascadeEdges = Map.copyOf(cascadeEdges);
      triggerEdges = Map.copyOf(triggerEdges);
      readers = Collections.unmodifiableMap(new HashMap<>(readers));
    }
  }

  /** All table keys, for callers that must fall back to every table. */
  public List<String> tableKeys() {
    return List.copyOf(current().tables.keySet());
  }
}
