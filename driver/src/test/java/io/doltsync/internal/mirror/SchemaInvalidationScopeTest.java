package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.jdbc.wrapper.ConnectionWrapper;
import io.doltsync.spi.SourceDialect;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DDL that names its tables makes the mirror read again only those tables' schemas (and the mirrored tables whose
 * foreign keys reference them), not every table's, even when the tables it names are not mirrored or, as
 * PostgreSQL's {@code DROP INDEX name}, it names an index. Random sequences of such DDL, each followed by a write
 * through the same doltsync connection: the table schemas the catalog read for it are counted (load-independent), and
 * after each the catalog must hold what a fresh read of every table gives.
 */
class SchemaInvalidationScopeTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int MIRRORED = 6;

  @ParameterizedTest
  @EnumSource(value = PrimaryKind.class, names = {"MARIADB", "POSTGRES"})
  void ddlNamingItsTablesRereadsOnlyThose(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("invscope");
    try (PrimaryKind.Space space = kind.createSpace("pgcatalog_invscope")) {
      try (Connection c = space.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE x_ref (id INT PRIMARY KEY, v INT)");
        for (int t = 0; t < MIRRORED; t++) {
          s.execute("CREATE TABLE m" + t + " (id INT PRIMARY KEY, w INT, x_id INT"
              + (t == MIRRORED - 1 ? " REFERENCES x_ref (id)" : "") + ")");
          s.execute("CREATE INDEX m" + t + "_w ON m" + t + " (w)");
        }
      }
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), doltDb), "doltsync.exclude", "x_*");
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      List<String> counted = new ArrayList<>();
      try (Connection app = DriverManager.getConnection(url, kind.credentials()); Connection plain = space.connect()) {
        SchemaCatalog catalog = ((MirrorSession) app.unwrap(ConnectionWrapper.class).session()).mirror().catalog();
        int id = 1;
        write(app, id++);
        List<Integer> indexed = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
        for (int step = 0; step < 10; step++) {
          String ddl;
          int expected;
          switch (random.nextInt(indexed.isEmpty() ? 4 : 5)) {
            case 0 -> {
              ddl = "ALTER TABLE x_ref ADD COLUMN c" + step + " INT";
              expected = 1; // m5's foreign key references x_ref: it is read with it
            }
            case 1 -> {
              ddl = "CREATE TABLE x_new" + step + " (id INT PRIMARY KEY)";
              expected = 0;
            }
            case 2 -> {
              ddl = "CREATE INDEX x_ref_i" + step + " ON x_ref (v)";
              expected = 1;
            }
            case 3 -> {
              ddl = "CREATE TABLE x_tmp" + step + " (id INT)";
              expected = 0;
              run(app, ddl);
              ddl = "DROP TABLE x_tmp" + step;
            }
            default -> {
              int t = indexed.remove(random.nextInt(indexed.size()));
              ddl = "DROP INDEX m" + t + "_w" + (kind == PrimaryKind.POSTGRES ? "" : " ON m" + t);
              expected = 1;
            }
          }
          long before = catalog.tablesRead();
          run(app, ddl);
          write(app, id++);
          long read = catalog.tablesRead() - before;
          counted.add(ddl + ": " + read);
          assertThat(read).as("seed %d: tables read after %s (%s)", SEED, ddl, counted).isLessThanOrEqualTo(expected);
          for (String table : dialect.listTables(plain)) {
            if (table.toLowerCase(java.util.Locale.ROOT).startsWith("m")) {
              assertThat(catalog.table(table)).as("seed %d: catalog's %s after %s", SEED, table, ddl)
                  .contains(dialect.readListedTable(plain, table));
            }
          }
        }
      }
      System.out.printf("[invalidation-scope] %s (seed %d): %s%n", kind, SEED, counted);
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static void write(Connection app, int id) throws SQLException {
    run(app, "INSERT INTO m0 (id, w) VALUES (" + id + ", " + id + ")");
  }

  private static void run(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }
}
