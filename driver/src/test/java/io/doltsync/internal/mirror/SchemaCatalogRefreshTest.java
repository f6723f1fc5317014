package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.capture.Plan;
import io.doltsync.internal.capture.TableEffect;
import io.doltsync.internal.capture.WritePlan;
import io.doltsync.internal.capture.WritePlanner;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.sql.SqlDialect;
import io.doltsync.sql.StatementClassifier;
import io.doltsync.sql.WriteAnalyzer;
import io.doltsync.testing.PrimaryKind;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The schema catalog after DDL re-reads only the tables the DDL named (and the tables referencing them):
 * generated DDL sequences (create, child tables with cascading foreign keys, added and renamed columns,
 * indexes, renamed and dropped tables) leave it equal to a full re-read after every statement, and a
 * schema script costs a bounded number of table reads per statement instead of one per table.
 */
class SchemaCatalogRefreshTest {

  private static final int TABLES = 4;

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void afterEveryGeneratedDdlTheCatalogEqualsAFullReread(PrimaryKind kind) throws Exception {
    long seed = Long.getLong("doltsync.catalogSeed", System.nanoTime());
    int statements = Integer.getInteger("doltsync.catalogStatements", 40);
    try (PrimaryKind.Space space = kind.createSpace("catalog"); Connection connection = space.connect()) {
      Fixture fixture = new Fixture(space, connection, null);
      SplittableRandom random = new SplittableRandom(seed);
      int applied = 0;
      for (int i = 0; i < statements; i++) {
        String ddl = DdlGenerator.next(kind, random, i);
        if (!fixture.run(ddl)) {
          continue;
        }
        applied++;
        SchemaCatalog full = new SchemaCatalog(SourceDialects.forUrl(space.url()), fixture.filter);
        full.reload(connection);
        assertThat(sorted(fixture.catalog.tables())).as("seed %d, after %s", seed, ddl)
            .isEqualTo(sorted(full.tables()));
        for (int t = 0; t < TABLES + 2; t++) {
          assertThat(fixture.catalog.hasPrimaryTable("t" + t)).as("seed %d, t%d after %s", seed, t, ddl)
              .isEqualTo(full.hasPrimaryTable("t" + t));
          assertThat(fixture.catalog.dependents("t" + t, RowChanges.DELETE))
              .as("seed %d, dependents of t%d after %s", seed, t, ddl).isEqualTo(full.dependents("t" + t, RowChanges.DELETE));
        }
      }
      // some generated sequences leave few statements the primary accepts (seed 40213622563485: 8 of 40 on every primary)
      assertThat(applied).as("seed %d: DDL statements the primary ran", seed).isGreaterThanOrEqualTo(statements / 8);
    }
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void aSchemaScriptReadsEachTableAboutOncePerStatementThatNamesIt(PrimaryKind kind) throws Exception {
    int tables = 12;
    try (PrimaryKind.Space space = kind.createSpace("catalogcost"); Connection connection = space.connect()) {
      AtomicInteger reads = new AtomicInteger();
      Fixture fixture = new Fixture(space, connection, reads);
      int statements = 0;
      for (int t = 0; t < tables; t++) {
        fixture.run("CREATE TABLE s" + t + " (id INT PRIMARY KEY, v VARCHAR(20)"
            + (t > 0 ? ", parent INT REFERENCES s" + (t - 1) + " (id)" : "") + ")");
        fixture.run("CREATE INDEX s" + t + "_v ON s" + t + " (v)");
        statements += 2;
      }
      // each statement re-reads its table, and each index also the next child of nothing yet: at most 2 per statement;
      // re-reading every table after every DDL would take tables * (tables + 1) = 156
      assertThat(reads.get()).isLessThanOrEqualTo(2 * statements);
      assertThat(fixture.catalog.tables()).hasSize(tables);
    }
  }

  private static List<TableSchema> sorted(java.util.Collection<TableSchema> tables) {
    List<TableSchema> list = new ArrayList<>(tables);
    list.sort(Comparator.comparing(TableSchema::key));
    return list;
  }

  /** A catalog and a planner over a real primary, invalidated the way a mirror is after each DDL. */
  private static final class Fixture {
    final TableFilter filter = new TableFilter(List.of("*"), List.of(), "doltsync_journal");
    final SchemaCatalog catalog;
    final WritePlanner planner;
    final Connection connection;

    Fixture(PrimaryKind.Space space, Connection connection, AtomicInteger reads) throws SQLException {
      this.connection = connection;
      SourceDialect real = SourceDialects.forUrl(space.url());
      SourceDialect dialect = reads == null ? real : counting(real, reads);
      catalog = new SchemaCatalog(dialect, filter);
      catalog.reload(connection);
      SqlDialect lexical = SourceDialects.sqlDialect(real);
      planner = new WritePlanner(new StatementClassifier(lexical), new WriteAnalyzer(lexical), catalog, real);
      planner.learnIdentifierCase(connection.getMetaData()); // as the mirror does at start
    }

    /** Plans and runs the DDL, then invalidates and refreshes the catalog; false when the primary refused it. */
    boolean run(String ddl) throws SQLException {
      catalog.ensureLoaded(connection);
      Plan plan = planner.plan(ddl, () -> catalog.ensureLoaded(connection));
      try (Statement statement = connection.createStatement()) {
        statement.execute(ddl);
      } catch (SQLException refused) {
        return false;
      }
      List<String> named = plan instanceof WritePlan write
          ? write.effects().stream().filter(e -> e instanceof TableEffect.SchemaChange).map(TableEffect::tableKey).toList()
          : List.of();
      catalog.invalidate(named);
      catalog.ensureLoaded(connection);
      return true;
    }

    private static SourceDialect counting(SourceDialect real, AtomicInteger reads) {
      return (SourceDialect) Proxy.newProxyInstance(SourceDialect.class.getClassLoader(),
          new Class<?>[] {SourceDialect.class}, (proxy, method, args) -> {
            if (method.getName().equals("readTable")) {
              reads.incrementAndGet();
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }

  /** Random DDL over tables t0..t5 in each primary's syntax; some statements are refused, which is fine. */
  private static final class DdlGenerator {
    static String next(PrimaryKind kind, SplittableRandom random, int counter) {
      String t = "t" + random.nextInt(TABLES);
      String other = "t" + random.nextInt(TABLES);
      return switch (random.nextInt(9)) {
        case 0, 1 -> "CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(20))";
        case 2 -> "CREATE TABLE " + t + " (id INT PRIMARY KEY, p INT, FOREIGN KEY (p) REFERENCES " + other
            + " (id) ON DELETE CASCADE)";
        case 3 -> "ALTER TABLE " + t + " ADD COLUMN c" + counter + " INT";
        case 4 -> "CREATE INDEX i" + counter + " ON " + t + " (id)";
        case 5 -> kind == PrimaryKind.MARIADB ? "DROP TABLE " + t : "DROP TABLE " + t + " CASCADE";
        case 6 -> "ALTER TABLE " + t + " RENAME TO t" + (TABLES + random.nextInt(2));
        case 7 -> "ALTER TABLE " + t + " RENAME COLUMN id TO id" + counter;
        default -> "ALTER TABLE t" + (TABLES + random.nextInt(2)) + " RENAME TO " + t;
      };
    }
  }
}
