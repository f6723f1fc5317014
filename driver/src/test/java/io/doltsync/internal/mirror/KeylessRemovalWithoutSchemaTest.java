package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A keyless table's removals ({@link TableChange.Kind#MULTISET}) applied by a writer that knows no schema of the
 * table: the journal entry does not carry it (the mirror journaled it once before) and the writer never applied one
 * (it was reset by a retry or a reconnect, another applier applied the entry that carried it, the Dolt database was
 * adopted as is). Rows of a float, a double and a JSON column, whose Dolt {@code <=>} against the bound canonical
 * value misses (a float with no short decimal form, a double at its extremes, every JSON value), are generated and
 * stored in the primary, read back exactly, copied into Dolt, then random copies are removed and added through a
 * writer given the mirror's {@link PrimarySchemas}, which reads the primary's catalog through a connection of its own.
 * Dolt must hold the model's multiset after every round; without the primary's schema the removal fell back to every
 * column's {@code <=>}, matched nothing, and the entry was quarantined.
 */
class KeylessRemovalWithoutSchemaTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int ROUNDS = 12;

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void removalsMatchDoltsRowsThroughThePrimarysSchema(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED);
    String database = TestServers.createDoltDatabase("floatread2_kr");
    try (PrimaryKind.Space space = kind.createSpace("floatread2_kr")) {
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      List<Object[]> pool;
      TableSchema schema;
      try (Connection primary = space.connect()) {
        try (Statement s = primary.createStatement()) {
          s.execute("CREATE TABLE kr (g INT, r " + (kind == PrimaryKind.MARIADB ? "FLOAT" : "REAL") + ", d DOUBLE"
              + (kind == PrimaryKind.MARIADB ? "" : " PRECISION") + ", j "
              + (kind == PrimaryKind.POSTGRES ? "JSONB" : "JSON") + ")");
        }
        String json = switch (kind) {
          case POSTGRES -> "CAST(? AS jsonb)";
          case H2 -> "? FORMAT JSON";
          default -> "?";
        };
        try (PreparedStatement insert = primary.prepareStatement("INSERT INTO kr VALUES (?, ?, ?, " + json + ")")) {
          for (int i = 0; i < 12; i++) {
            insert.setInt(1, random.nextInt(3));
            insert.setFloat(2, aFloat(random));
            insert.setDouble(3, aDouble(random));
            insert.setString(4, pick(random, "{\"b\": [1, 2.50], \"a\": \"x\"}", "[]", "{\"k\": null, \"t\": true}",
                "\"s\"", "7"));
            insert.executeUpdate();
          }
        }
        schema = dialect.readTable(primary, dialect.listTables(primary).stream().filter("kr"::equalsIgnoreCase)
            .findFirst().orElseThrow());
        pool = primaryRows(primary, dialect, schema);
      }
      String table = DoltDdl.doltName(schema.name());
      List<String> columns = schema.columns().stream().map(ColumnSchema::name).toList();
      SchemaCatalog catalog = new SchemaCatalog(dialect, new TableFilter(List.of(), List.of(), "doltsync_journal"));
      try (Connection dolt = TestServers.dolt(database)) {
        dolt.setAutoCommit(false);
        DoltWriter copier = new DoltWriter(dialect, false);
        copier.apply(dolt, new TableChange(table, TableChange.Kind.RESHAPE, schema, columns, List.of(), pool,
            List.of()));
        copier.commit(dolt, "copy", "test", "test@example.com", Instant.now(), true);
        List<Object[]> model = new ArrayList<>(pool);
        DoltWriter writer = new DoltWriter(dialect, false, new ApplyProfile(), false,
            PrimarySchemas.of(catalog, space::connect));
        for (int round = 0; round < ROUNDS; round++) {
          List<Object[]> removed = new ArrayList<>();
          Collections.shuffle(model, random);
          for (int i = 1 + random.nextInt(Math.max(1, model.size() / 2)); i > 0 && !model.isEmpty(); i--) {
            removed.add(model.remove(model.size() - 1));
          }
          List<Object[]> added = new ArrayList<>();
          for (int i = random.nextInt(4); i > 0; i--) {
            added.add(pool.get(random.nextInt(pool.size())));
          }
          model.addAll(added);
          writer.apply(dolt, new TableChange(table, TableChange.Kind.MULTISET, null, columns, List.of(), added,
              removed));
          writer.commit(dolt, "round " + round, "test", "test@example.com", Instant.now(), true);
          assertThat(doltRows(dolt, dialect, schema, table)).as("%s round %d (seed %d)", kind, round, SEED)
              .isEqualTo(shown(model));
          if (random.nextInt(3) == 0) {
            writer.reset(); // as after a failed attempt or a reconnect: it forgets what it applied
          }
        }
      }
    } finally {
      DoltDatabases.drop(database);
    }
  }

  /** The primary's rows, read exactly as the capture reads them. */
  private static List<Object[]> primaryRows(Connection primary, SourceDialect dialect, TableSchema schema)
      throws Exception {
    List<Object[]> rows = new ArrayList<>();
    try (Statement s = primary.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT " + dialect.selectColumns(schema.columns()) + " FROM " + dialect.quoteIdentifier(schema.name()))) {
      while (rs.next()) {
        Object[] row = new Object[schema.columns().size()];
        for (int c = 0; c < row.length; c++) {
          row[c] = dialect.readValue(rs, c + 1, schema.columns().get(c));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static List<String> doltRows(Connection dolt, SourceDialect dialect, TableSchema schema, String table)
      throws Exception {
    List<Object[]> rows = new ArrayList<>();
    try (Statement s = dolt.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM `" + table + "`")) {
      while (rs.next()) {
        Object[] row = new Object[schema.columns().size()];
        for (int c = 0; c < row.length; c++) {
          row[c] = dialect.readDoltValue(rs, c + 1, schema.columns().get(c));
        }
        rows.add(row);
      }
    }
    return shown(rows);
  }

  /** Rows as sorted texts: floating-point values by their exact double value, other numbers by numeric value. */
  private static List<String> shown(List<Object[]> rows) {
    List<String> shown = new ArrayList<>();
    for (Object[] row : rows) {
      StringBuilder text = new StringBuilder();
      for (Object value : row) {
        text.append(text.length() == 0 ? "" : " | ");
        if (value instanceof Float || value instanceof Double) {
          text.append(new BigDecimal(((Number) value).doubleValue()).toString());
        } else if (value instanceof Number n) {
          text.append(new BigDecimal(n.toString()).stripTrailingZeros().toPlainString());
        } else {
          text.append(value);
        }
      }
      shown.add(text.toString());
    }
    Collections.sort(shown);
    return shown;
  }

  /** A float with no short decimal form (random normal bits), a short one, or one near the largest. */
  private static float aFloat(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> 0.1f;
      case 1 -> 3.4e38f; // near the largest (Float.MAX_VALUE's shortest text parses above it as a double)
      default -> {
        float f;
        do {
          f = Float.intBitsToFloat(random.nextInt());
        } while (!Float.isFinite(f) || Math.abs(f) < Float.MIN_NORMAL || Math.abs(f) == Float.MAX_VALUE);
        yield f;
      }
    };
  }

  /** A double at its extremes, a short one, or one of many digits. */
  private static double aDouble(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> 1.7976931348623157e308;
      case 1 -> 4.9e-300;
      case 2 -> 0.1;
      default -> random.nextGaussian() * 1e6;
    };
  }

  private static String pick(Random random, String... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
