package io.doltsync.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * DDL and writes to tables the workload created. Knows which scratch tables and added columns exist from
 * the states the run observes, so most DDL it generates can succeed (some still fails, like any DDL).
 */
final class SchemaStatements {

  static final String SCRATCH_PREFIX = "scratch";
  static final String ADDED_COLUMN_PREFIX = "x";
  private static final List<String> ALTERABLE = List.of("item", "stock", "customer", "event_log");
  private static final int MAX_SCRATCH_TABLES = 2;
  private static final int MAX_ADDED_COLUMNS = 2;

  private final Random random;
  private final List<String> scratchTables = new ArrayList<>();
  private final Map<String, Integer> addedColumns = new TreeMap<>();
  private List<String> savedTables = List.of();
  private Map<String, Integer> savedColumns = Map.of();
  private int nextName = 1;

  SchemaStatements(Random random) {
    this.random = random;
  }

  /** Learns the current scratch tables and added columns from the primary's state. */
  void observe(DatabaseState state) {
    scratchTables.clear();
    addedColumns.clear();
    for (TableState table : state.tables().values()) {
      if (table.name().startsWith(SCRATCH_PREFIX)) {
        scratchTables.add(table.name());
      }
      int added = (int) table.columns().stream().filter(c -> c.matches(ADDED_COLUMN_PREFIX + "\\d+")).count();
      addedColumns.put(table.name(), added);
    }
  }

  /**
   * Remembers the scratch tables and added columns as they are now: the transaction sets a savepoint here. Only
   * where DDL is transactional (PostgreSQL); where it commits implicitly the savepoint does not survive it.
   */
  void markSavepoint() {
    savedTables = List.copyOf(scratchTables);
    savedColumns = Map.copyOf(addedColumns);
  }

  /** Forgets the schema statements made since {@link #markSavepoint}: the transaction rolls back to it. */
  void rollbackToSavepoint() {
    scratchTables.clear();
    scratchTables.addAll(savedTables);
    addedColumns.clear();
    addedColumns.putAll(savedColumns);
  }

  Operation make(OpKind kind) {
    return switch (kind) {
      case ADD_COLUMN -> addColumn();
      case CREATE_TABLE -> scratchTables.size() < MAX_SCRATCH_TABLES ? createTable() : dropTable();
      case DROP_TABLE -> scratchTables.isEmpty() ? createTable() : dropTable();
      case SCRATCH_WRITE -> scratchTables.isEmpty() ? createTable() : scratchWrite();
      default -> throw new IllegalArgumentException(kind.name());
    };
  }

  private Operation addColumn() {
    List<String> candidates = ALTERABLE.stream().filter(t -> addedColumns.getOrDefault(t, 0) < MAX_ADDED_COLUMNS).toList();
    if (candidates.isEmpty()) {
      return scratchTables.isEmpty() ? createTable() : dropTable();
    }
    String table = candidates.get(random.nextInt(candidates.size()));
    int n = nextName++;
    addedColumns.merge(table, 1, Integer::sum);
    String definition = random.nextBoolean() ? " VARCHAR(20) DEFAULT 'd" + n + "'" : " INT";
    return Sql.plain(OpKind.ADD_COLUMN, "ALTER TABLE " + table + " ADD COLUMN " + ADDED_COLUMN_PREFIX + n + definition);
  }

  private Operation createTable() {
    String name = SCRATCH_PREFIX + nextName++;
    scratchTables.add(name);
    return Sql.plain(OpKind.CREATE_TABLE, "CREATE TABLE " + name + " (id INT NOT NULL PRIMARY KEY, label VARCHAR(20))");
  }

  private Operation dropTable() {
    String name = scratchTables.remove(random.nextInt(scratchTables.size()));
    return Sql.plain(OpKind.DROP_TABLE, "DROP TABLE " + name);
  }

  private Operation scratchWrite() {
    String table = scratchTables.get(random.nextInt(scratchTables.size()));
    return switch (random.nextInt(3)) {
      case 0 -> Sql.update(OpKind.SCRATCH_WRITE, "INSERT INTO " + table + " (id, label) VALUES (?, ?)",
          random.nextInt(30), "l" + random.nextInt(100));
      case 1 -> Sql.update(OpKind.SCRATCH_WRITE, "UPDATE " + table + " SET label = ? WHERE id < ?",
          "u" + random.nextInt(100), random.nextInt(30));
      default -> Sql.update(OpKind.SCRATCH_WRITE, "DELETE FROM " + table + " WHERE id = ?", random.nextInt(30));
    };
  }
}
