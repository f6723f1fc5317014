package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.mirror.SchemaCatalog;
import io.doltsync.internal.mirror.TableFilter;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.testing.PrimaryKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The key form of the commit-time image read ({@link KeyForm}) per primary: it makes the primary look the keys
 * up in the primary-key index, and it reads the same rows as the OR-of-conjunctions form it replaces.
 *
 * <p>What each primary did with the old form, {@code (w = ? AND d = ? AND o = ? AND n = ?) OR ...}, on a
 * 250k-row table with a four-column key (EXPLAIN ANALYZE; best of 20 runs on a loaded 2-core machine):
 * H2 2.5 scanned the whole table from two keys on (10 keys 96 ms, 100 keys 1.1 s, 500 keys 4.1–6.8 s) and
 * looks {@code (w, d, o, n) IN ((?, ?, ?, ?), ...)} up in the primary key (0.2 / 3.1 / 17.6 ms); PostgreSQL
 * used a BitmapOr of one index scan per key (500 keys: 91 ms, mostly planning) where {@code IN (VALUES ...)}
 * is a nested loop of primary-key index scans (2.7 ms); MariaDB 10.11 used a primary-key range for both the
 * old form and row-value IN, the latter in less optimizer time (100 keys 1.4 → 0.7 ms, 500 keys 14 → 2.6 ms).
 */
class RowImageFormTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int INDEXED_ROWS = 200_000;

  /** The chosen form looks every key up in the primary-key index; on H2 and PostgreSQL (10 keys) the old form does not. */
  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void theChosenFormUsesThePrimaryKeyIndex(PrimaryKind kind) throws Exception {
    try (PrimaryKind.Space space = kind.createSpace("keyform"); Connection raw = space.connect()) {
      try (Statement s = raw.createStatement()) {
        s.execute("CREATE TABLE order_lines (w INT NOT NULL, d INT NOT NULL, o INT NOT NULL, n INT NOT NULL,"
            + " v VARCHAR(20), PRIMARY KEY (w, d, o, n))");
        String numbers = switch (kind) {
          case MARIADB -> "SELECT seq AS x FROM seq_0_to_" + (INDEXED_ROWS - 1);
          case POSTGRES -> "SELECT generate_series(0, " + (INDEXED_ROWS - 1) + ") AS x";
          case H2 -> "SELECT X - 1 AS x FROM SYSTEM_RANGE(1, " + INDEXED_ROWS + ")";
        };
        String div = kind == PrimaryKind.MARIADB ? " DIV " : " / ";
        s.execute("INSERT INTO order_lines SELECT 1, MOD(x, 10), x" + div + "100, MOD(x" + div + "10, 10), 'v' FROM ("
            + numbers + ") q");
        s.execute(kind == PrimaryKind.POSTGRES ? "ANALYZE order_lines" : "ANALYZE TABLE order_lines");
      }
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      TableSchema table = catalog(dialect, raw).table("order_lines").orElseThrow();
      RowImageReader reader = new RowImageReader(dialect);
      KeyForm chosen = KeyForm.of(dialect, RowImageReader.keyTypes(table));
      Random random = new Random(SEED);
      raw.setAutoCommit(false);
      for (int keys : new int[] {10, 100, RowImageReader.keysPerQuery(table)}) {
        List<RowKey> wanted = new ArrayList<>();
        Set<Integer> picked = new LinkedHashSet<>();
        while (picked.size() < keys) {
          picked.add(random.nextInt(INDEXED_ROWS));
        }
        for (int x : picked) {
          wanted.add(new RowKey(new Object[] {1, x % 10, x / 100, (x / 10) % 10}));
        }
        String plan = explain(kind, raw, reader.keyQuery(table, keys, chosen), table, wanted);
        raw.rollback();
        assertThat(usesKeyIndex(kind, plan, keys)).as("%s %s form, %d keys: %s", kind, chosen, keys, plan).isTrue();
        if (kind != PrimaryKind.MARIADB && keys == 10) { // H2 scans the table per OR read: one size is enough
          String old = explain(kind, raw, reader.keyQuery(table, keys, KeyForm.OR_OF_ANDS), table, wanted);
          raw.rollback();
          assertThat(usesKeyIndex(kind, old, keys)).as("%s OR form, %d keys: %s", kind, keys, old).isFalse();
        }
      }
    }
  }

  private static String explain(PrimaryKind kind, Connection raw, String query, TableSchema table, List<RowKey> keys)
      throws SQLException {
    String prefix = switch (kind) {
      case MARIADB -> "ANALYZE FORMAT=JSON ";
      case POSTGRES -> "EXPLAIN (ANALYZE, BUFFERS) ";
      case H2 -> "EXPLAIN ANALYZE ";
    };
    StringBuilder plan = new StringBuilder();
    try (PreparedStatement explain = raw.prepareStatement(prefix + query)) {
      RowImageReader.bindKeys(explain, 1, RowImageReader.keyTypes(table), keys);
      try (ResultSet rs = explain.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
    }
    return plan.toString();
  }

  /**
   * The plan reads the table only through its primary key, one lookup per key: H2 names the primary-key index
   * and no table scan; PostgreSQL index-scans the primary key without a BitmapOr of per-key arms; MariaDB
   * reads the table by {@code PRIMARY} (range or eq_ref) and never in full.
   */
  private static boolean usesKeyIndex(PrimaryKind kind, String plan, int keys) {
    return switch (kind) {
      case H2 -> plan.contains("PRIMARY_KEY") && !plan.contains("tableScan");
      case POSTGRES -> plan.contains("Index Scan using order_lines_pkey") && !plan.contains("BitmapOr")
          && !plan.contains("Seq Scan on order_lines");
      case MARIADB -> plan.contains("\"table_name\": \"order_lines\"") && mariaDbReadsLinesByPrimary(plan);
    };
  }

  private static boolean mariaDbReadsLinesByPrimary(String plan) {
    int at = plan.indexOf("\"table_name\": \"order_lines\"");
    String lines = plan.substring(at, Math.min(plan.length(), at + 400));
    return lines.contains("\"key\": \"PRIMARY\"")
        && (lines.contains("\"access_type\": \"range\"") || lines.contains("\"access_type\": \"eq_ref\"")
            || lines.contains("\"access_type\": \"const\""));
  }

  /** A key column kind: its SQL type per primary and generated values, some differing only in case or trailing spaces. */
  private enum Shape {
    INTEGER {
      @Override
      String type(PrimaryKind kind) {
        return "INT";
      }

      @Override
      Object value(int i, Random random) {
        return i * 7 - 50;
      }
    },
    TEXT {
      @Override
      String type(PrimaryKind kind) {
        return kind == PrimaryKind.H2 && (SEED & 1) == 0 ? "VARCHAR_IGNORECASE(30)" : "VARCHAR(30)";
      }

      @Override
      Object value(int i, Random random) {
        String[] parts = {"k'", "\"q", "é", "日本", "O'Brien", "a\\b", "x"};
        return parts[i % parts.length] + i + (i % 4 == 0 ? "  " : "");
      }
    },
    DECIMAL {
      @Override
      String type(PrimaryKind kind) {
        return "DECIMAL(9,3)";
      }

      @Override
      Object value(int i, Random random) {
        return BigDecimal.valueOf(i * 1001L - 3000, 3);
      }
    },
    DATE {
      @Override
      String type(PrimaryKind kind) {
        return "DATE";
      }

      @Override
      Object value(int i, Random random) {
        return Date.valueOf(java.time.LocalDate.of(2020, 1, 1).plusDays(i * 13L));
      }
    };

    abstract String type(PrimaryKind kind);

    abstract Object value(int i, Random random);

    /** A lookup value the primary may find equal to a stored one (other case, other trailing spaces), or the value. */
    Object variant(Object value, Random random) {
      if (!(value instanceof String text)) {
        return value;
      }
      return switch (random.nextInt(3)) {
        case 0 -> text.toUpperCase(Locale.ROOT);
        case 1 -> text.stripTrailing();
        default -> text + " ";
      };
    }
  }

  /**
   * Generated composite keys of every shape (integer, text with quotes, backslashes, unicode and trailing spaces,
   * decimal, date, mixed): the chosen form reads exactly the rows the OR form reads, for present keys, absent keys
   * and keys that differ from a stored one only in case or trailing spaces (which each primary's collation
   * decides, the same way for both forms).
   */
  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void generatedCompositeKeysReadTheSameRows(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED);
    try (PrimaryKind.Space space = kind.createSpace("keyform"); Connection raw = space.connect()) {
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      RowImageReader reader = new RowImageReader(dialect);
      for (int t = 0; t < 8; t++) {
        Shape[] shapes = new Shape[2 + random.nextInt(2)];
        for (int c = 0; c < shapes.length; c++) {
          shapes[c] = t < Shape.values().length ? (c == 0 ? Shape.values()[t] : Shape.INTEGER)
              : Shape.values()[random.nextInt(Shape.values().length)];
        }
        String name = "gen" + t;
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + name + " (");
        StringBuilder keyList = new StringBuilder();
        for (int c = 0; c < shapes.length; c++) {
          ddl.append("k").append(c).append(' ').append(shapes[c].type(kind)).append(" NOT NULL, ");
          keyList.append(c == 0 ? "" : ", ").append('k').append(c);
        }
        ddl.append("v VARCHAR(40), PRIMARY KEY (").append(keyList).append("))");
        try (Statement s = raw.createStatement()) {
          s.execute(ddl.toString());
        }
        int rows = 40 + random.nextInt(40);
        List<Object[]> stored = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        String marks = String.join(", ", java.util.Collections.nCopies(shapes.length + 1, "?"));
        try (PreparedStatement insert = raw.prepareStatement("INSERT INTO " + name + " VALUES (" + marks + ")")) {
          for (int r = 0; r < rows; r++) {
            Object[] key = new Object[shapes.length];
            for (int c = 0; c < shapes.length; c++) {
              key[c] = shapes[c].value(random.nextInt(rows), random);
            }
            if (!seen.add(Arrays.toString(key).toLowerCase(Locale.ROOT).replaceAll(" +(?=[,\\]])", ""))) {
              continue; // would collide under a case- or pad-insensitive collation
            }
            for (int c = 0; c < key.length; c++) {
              insert.setObject(c + 1, key[c]);
            }
            insert.setString(key.length + 1, "row " + r);
            insert.executeUpdate();
            stored.add(key);
          }
        }
        TableSchema table = catalog(dialect, raw).table(name).orElseThrow();
        List<RowKey> lookups = new ArrayList<>();
        for (Object[] key : stored) {
          if (random.nextInt(3) == 0) {
            Object[] lookup = key.clone();
            for (int c = 0; c < shapes.length; c++) {
              lookup[c] = random.nextInt(3) == 0 ? shapes[c].variant(lookup[c], random) : lookup[c];
            }
            lookups.add(new RowKey(lookup));
          }
        }
        for (int a = 0; a < 5; a++) {
          Object[] absent = new Object[shapes.length];
          for (int c = 0; c < shapes.length; c++) {
            absent[c] = shapes[c].value(1000 + random.nextInt(1000), random);
          }
          lookups.add(new RowKey(absent));
        }
        KeyForm chosen = KeyForm.of(dialect, RowImageReader.keyTypes(table));
        raw.setAutoCommit(false);
        Set<String> old = read(reader, raw, table, lookups, KeyForm.OR_OF_ANDS);
        Set<String> now = read(reader, raw, table, lookups, chosen);
        raw.rollback();
        raw.setAutoCommit(true);
        assertThat(now).as("%s %s (%s form, %d keys, seed %d)", kind, Arrays.toString(shapes), chosen,
            lookups.size(), SEED).isEqualTo(old);
        assertThat(old).as("the lookups find rows").isNotEmpty();
      }
    }
  }

  private static Set<String> read(RowImageReader reader, Connection raw, TableSchema table, List<RowKey> keys,
      KeyForm form) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement select = raw.prepareStatement(reader.keyQuery(table, keys.size(), form))) {
      RowImageReader.bindKeys(select, 1, RowImageReader.keyTypes(table), keys);
      try (ResultSet rs = select.executeQuery()) {
        reader.readRows(rs, table, rows);
      }
    }
    Set<String> images = new TreeSet<>();
    for (Object[] row : rows) {
      assertThat(images.add(Arrays.deepToString(row))).as("row read once: %s", Arrays.deepToString(row)).isTrue();
    }
    return images;
  }

  private static SchemaCatalog catalog(SourceDialect dialect, Connection raw) throws SQLException {
    SchemaCatalog catalog = new SchemaCatalog(dialect, new TableFilter(List.of("*"), List.of(), "doltsync_journal"));
    catalog.reload(raw);
    return catalog;
  }
}
