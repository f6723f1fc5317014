package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.CanonicalValues;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.internal.mirror.SchemaCatalog;
import io.doltsync.internal.mirror.SchemaReads;
import io.doltsync.internal.mirror.TableFilter;
import io.doltsync.spi.SourceDialect;
import io.doltsync.testing.PrimaryKind;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The images of several keyed tables read at commit in one round trip ({@link CombinedImageRead}) equal the
 * per-table reads, row for row and deleted key for deleted key, for generated transactions: 2 to 4 tables
 * of generated key shapes (integer, text, decimal, date, composite) and column types, with generated rows,
 * each touched at a random subset of its keys, some of them of rows that no longer exist. MariaDB and
 * PostgreSQL send one statement for all the tables, H2 one per table; MariaDB sessions in {@code sql_mode=ORACLE},
 * with {@code ANSI_QUOTES,NO_BACKSLASH_ESCAPES} or with server-side prepared statements get the same images.
 */
class CombinedImageReadTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TRANSACTIONS = 12;

  /** A key column shape: its SQL type and a value for row {@code i}. */
  private enum KeyShape {
    INTEGER("INT") {
      @Override
      Object value(int i, Random random) {
        return i * 7 - 50;
      }
    },
    TEXT("VARCHAR(20)") {
      @Override
      Object value(int i, Random random) {
        return "k'" + i + (i % 3 == 0 ? " é" : "") + (i % 5 == 0 ? "\\" : "");
      }
    },
    DECIMAL("DECIMAL(9,3)") {
      @Override
      Object value(int i, Random random) {
        return BigDecimal.valueOf(i * 1001L - 3000, 3);
      }
    },
    DATE("DATE") {
      @Override
      Object value(int i, Random random) {
        return Date.valueOf(java.time.LocalDate.of(2020, 1, 1).plusDays(i * 13L));
      }
    };

    final String sqlType;

    KeyShape(String sqlType) {
      this.sqlType = sqlType;
    }

    abstract Object value(int i, Random random);
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void combinedReadsEqualPerTableReads(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED);
    for (int t = 0; t < TRANSACTIONS; t++) {
      try (PrimaryKind.Space space = kind.createSpace("combread"); Connection raw = space.connect()) {
        List<GeneratedTable> tables = generateTables(random, raw, kind);
        SourceDialect dialect = SourceDialects.forUrl(space.url());
        SchemaCatalog catalog = new SchemaCatalog(dialect, new TableFilter(List.of("*"), List.of(), "doltsync_journal"));
        catalog.reload(raw);
        TransactionCapture capture = new TransactionCapture();
        for (GeneratedTable table : tables) {
          for (int i : table.touched) {
            capture.table(table.name).addKey(new RowKey(table.key(i)));
          }
        }
        raw.setAutoCommit(false);
        Counting separate = new Counting(raw);
        List<TableChange> perTable = new ChangeSetBuilder(dialect, catalog, false)
            .build(new SchemaReads(dialect, separate.connection), capture);
        Counting together = new Counting(raw);
        List<TableChange> combined = new ChangeSetBuilder(dialect, catalog)
            .build(new SchemaReads(dialect, together.connection), capture);
        raw.rollback();

        String context = kind + " transaction " + t + " over " + tables + " (seed " + SEED + ")";
        assertThat(separate.prepared.get()).as(context).isEqualTo(tables.size());
        assertThat(together.prepared.get()).as(context).isEqualTo(kind == PrimaryKind.H2 ? tables.size() : 1);
        assertSame(combined, perTable, context);
        for (int i = 0; i < tables.size(); i++) {
          GeneratedTable table = tables.get(i);
          assertThat(combined.get(i).upserts()).as(context + " " + table.name).hasSize(table.touchedPresent());
          assertThat(combined.get(i).deletedKeys()).as(context + " " + table.name)
              .hasSize(table.touched.size() - table.touchedPresent());
        }
      }
    }
  }

  /** More key values than one combined text binds: the tables are read one by one, with the same images. */
  @ParameterizedTest
  @EnumSource(value = PrimaryKind.class, names = {"MARIADB", "POSTGRES"})
  void aLargeReadGoesPerTable(PrimaryKind kind) throws Exception {
    int tables = 5;
    int keys = CombinedImageRead.MAX_BINDS / tables + 50;
    try (PrimaryKind.Space space = kind.createSpace("combread"); Connection raw = space.connect()) {
      try (Statement s = raw.createStatement()) {
        for (int t = 0; t < tables; t++) {
          s.execute("CREATE TABLE big" + t + " (id INT PRIMARY KEY, v INT)");
        }
      }
      TransactionCapture capture = new TransactionCapture();
      for (int t = 0; t < tables; t++) {
        try (PreparedStatement insert = raw.prepareStatement("INSERT INTO big" + t + " VALUES (?, ?)")) {
          for (int i = 0; i < keys; i++) {
            insert.setInt(1, i);
            insert.setInt(2, i * t);
            insert.addBatch();
            capture.table("big" + t).addKey(new RowKey(new Object[] {i}));
          }
          insert.executeBatch();
        }
      }
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      SchemaCatalog catalog = new SchemaCatalog(dialect, new TableFilter(List.of("*"), List.of(), "doltsync_journal"));
      catalog.reload(raw);
      raw.setAutoCommit(false);
      Counting counting = new Counting(raw);
      List<TableChange> changes = new ChangeSetBuilder(dialect, catalog)
          .build(new SchemaReads(dialect, counting.connection), capture);
      raw.rollback();
      assertThat(counting.prepared.get()).as(kind + ": %d tables of %d keys", tables, keys).isEqualTo(tables);
      assertThat(changes).extracting(TableChange::rowCount).containsOnly(keys);
    }
  }

  /** MariaDB session settings that change how SQL text is read or sent: the combined read gives the same images. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"sql_mode=ORACLE", "sql_mode=ANSI_QUOTES,NO_BACKSLASH_ESCAPES",
      "useServerPrepStmts=true"})
  void mariaDbSessionSettingsKeepTheImages(String setting) throws Exception {
    Random random = new Random(SEED);
    try (PrimaryKind.Space space = PrimaryKind.MARIADB.createSpace("combread");
        Connection raw = java.sql.DriverManager.getConnection(setting.startsWith("sql_mode") ? space.url()
            : space.url() + (space.url().contains("?") ? "&" : "?") + setting, PrimaryKind.MARIADB.credentials())) {
      List<GeneratedTable> tables = generateTables(random, raw, PrimaryKind.MARIADB);
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      SchemaCatalog catalog = new SchemaCatalog(dialect, new TableFilter(List.of("*"), List.of(), "doltsync_journal"));
      catalog.reload(raw);
      TransactionCapture capture = new TransactionCapture();
      for (GeneratedTable table : tables) {
        for (int i : table.touched) {
          capture.table(table.name).addKey(new RowKey(table.key(i)));
        }
      }
      raw.setAutoCommit(false);
      List<TableChange> expected = new ChangeSetBuilder(dialect, catalog, false)
          .build(new SchemaReads(dialect, raw), capture);
      if (setting.startsWith("sql_mode")) {
        try (Statement s = raw.createStatement()) {
          s.execute("SET SESSION sql_mode = '" + setting.substring("sql_mode=".length()) + "'");
        }
      }
      Counting counting = new Counting(raw);
      List<TableChange> combined = new ChangeSetBuilder(dialect, catalog)
          .build(new SchemaReads(dialect, counting.connection), capture);
      raw.rollback();
      assertSame(combined, expected, setting + " over " + tables + " (seed " + SEED + ")");
      assertThat(counting.prepared.get()).as(setting).isEqualTo(1);
    }
  }

  private static void assertSame(List<TableChange> actual, List<TableChange> expected, String context) {
    assertThat(actual).as(context).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      TableChange a = actual.get(i);
      TableChange e = expected.get(i);
      assertThat(a.table()).as(context).isEqualTo(e.table());
      assertThat(a.kind()).as(context).isEqualTo(e.kind());
      assertThat(a.columns()).as(context).isEqualTo(e.columns());
      assertRows(a.upserts(), e.upserts(), context + " " + e.table() + " rows");
      assertRows(a.deletedKeys(), e.deletedKeys(), context + " " + e.table() + " deleted keys");
    }
  }

  private static void assertRows(List<Object[]> actual, List<Object[]> expected, String context) {
    assertThat(actual).as(context).hasSameSizeAs(expected);
    for (Object[] row : expected) {
      assertThat(actual.stream().anyMatch(candidate -> sameRow(candidate, row)))
          .as(context + ": " + java.util.Arrays.toString(row)).isTrue();
    }
  }

  private static boolean sameRow(Object[] a, Object[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (!CanonicalValues.same(a[i], b[i]) || (a[i] == null) != (b[i] == null)) {
        return false;
      }
    }
    return true;
  }

  /** 2 to 4 tables of generated key shapes and columns, loaded with generated rows, some of them deleted again. */
  private static List<GeneratedTable> generateTables(Random random, Connection raw, PrimaryKind kind) throws Exception {
    int count = 2 + random.nextInt(3);
    List<GeneratedTable> tables = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      int keyColumns = 1 + random.nextInt(3);
      List<KeyShape> shapes = new ArrayList<>();
      for (int k = 0; k < keyColumns; k++) {
        shapes.add(KeyShape.values()[random.nextInt(KeyShape.values().length)]);
      }
      GeneratedTable table = new GeneratedTable("t" + n, shapes, random);
      table.create(raw, kind);
      tables.add(table);
    }
    return tables;
  }

  /** A generated table: its key shapes, the rows it holds, and the keys a transaction touched. */
  private static final class GeneratedTable {
    final String name;
    final List<KeyShape> shapes;
    final Random random;
    final int rows;
    final List<Integer> touched = new ArrayList<>();
    final java.util.Set<Integer> deleted = new java.util.HashSet<>();

    GeneratedTable(String name, List<KeyShape> shapes, Random random) {
      this.name = name;
      this.shapes = shapes;
      this.random = random;
      this.rows = 5 + random.nextInt(40);
    }

    Object[] key(int i) {
      Object[] key = new Object[shapes.size()];
      for (int k = 0; k < key.length; k++) {
        key[k] = shapes.get(k).value(i + k, random);
      }
      return key;
    }

    int touchedPresent() {
      return (int) touched.stream().filter(i -> !deleted.contains(i)).count();
    }

    void create(Connection raw, PrimaryKind kind) throws Exception {
      StringBuilder ddl = new StringBuilder("CREATE TABLE " + name + " (");
      List<String> keyNames = new ArrayList<>();
      for (int k = 0; k < shapes.size(); k++) {
        ddl.append("k").append(k).append(' ').append(shapes.get(k).sqlType).append(" NOT NULL, ");
        keyNames.add("k" + k);
      }
      String text = kind == PrimaryKind.MARIADB ? "MEDIUMTEXT" : kind == PrimaryKind.H2 ? "CLOB" : "TEXT";
      ddl.append("amount DECIMAL(12,2), note VARCHAR(40), body ").append(text).append(", at TIMESTAMP NULL, ")
          .append("PRIMARY KEY (").append(String.join(", ", keyNames)).append("))");
      try (Statement s = raw.createStatement()) {
        s.execute(ddl.toString());
      }
      try (PreparedStatement insert = raw.prepareStatement("INSERT INTO " + name + " VALUES ("
          + "?, ".repeat(shapes.size()) + "?, ?, ?, ?)")) {
        for (int i = 0; i < rows; i++) {
          Object[] key = key(i);
          for (int k = 0; k < key.length; k++) {
            insert.setObject(k + 1, key[k]);
          }
          int at = key.length + 1;
          insert.setBigDecimal(at, random.nextInt(5) == 0 ? null : BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, 2));
          insert.setString(at + 1, random.nextInt(5) == 0 ? null : "n" + random.nextInt(1000) + "'\"");
          insert.setString(at + 2, "b".repeat(random.nextInt(300)));
          insert.setTimestamp(at + 3, random.nextInt(4) == 0 ? null
              : java.sql.Timestamp.valueOf(java.time.LocalDateTime.of(2024, 1 + random.nextInt(12), 1 + random.nextInt(28),
                  random.nextInt(24), random.nextInt(60), random.nextInt(60))));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      for (int i = 0; i < rows; i++) {
        if (random.nextInt(3) == 0) {
          touched.add(i);
        }
      }
      touched.add(rows + random.nextInt(10)); // a key no row has
      for (int i : touched) {
        if (i < rows && random.nextInt(4) == 0) {
          deleted.add(i);
        }
      }
      if (!deleted.isEmpty()) {
        for (int i : deleted) {
          StringBuilder delete = new StringBuilder("DELETE FROM " + name + " WHERE ");
          for (int k = 0; k < shapes.size(); k++) {
            delete.append(k == 0 ? "" : " AND ").append("k").append(k).append(" = ?");
          }
          try (PreparedStatement statement = raw.prepareStatement(delete.toString())) {
            Object[] key = key(i);
            for (int k = 0; k < key.length; k++) {
              statement.setObject(k + 1, key[k]);
            }
            statement.executeUpdate();
          }
        }
      }
      deleted.add(rows); // the keys past the last row have no row either
      for (int i = rows + 1; i < rows + 10; i++) {
        deleted.add(i);
      }
    }

    @Override
    public String toString() {
      return name + shapes + " " + rows + " rows, " + touched.size() + " touched";
    }
  }

  /** A real connection that counts the statements prepared on it. */
  private static final class Counting {
    final AtomicInteger prepared = new AtomicInteger();
    final Connection connection;

    Counting(Connection real) {
      this.connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
          new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement")) {
              prepared.incrementAndGet();
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }
}
