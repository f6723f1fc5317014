package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.mirror.SchemaCatalog;
import io.doltsync.internal.mirror.TableFilter;
import io.doltsync.spi.SourceDialect;
import io.doltsync.sql.SqlDialect;
import io.doltsync.sql.StatementClassifier;
import io.doltsync.sql.WriteAnalyzer;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An INSERT that leaves columns out journals the image its own values determine only when every column left
 * out is certainly stored as NULL (nullable, no default or {@code DEFAULT NULL}, not generated); any other
 * default (a literal, {@code CURRENT_TIMESTAMP}, a sequence, a domain's default, an expression, NOT NULL with a
 * default) keeps the read at commit. Generated tables (keyed and keyless) × sets of columns left out × default
 * kinds, per primary: the planner's choice is asserted for every statement, each statement runs through doltsync,
 * and after every transaction Dolt holds exactly the primary's rows.
 */
class OmittedColumnInsertsTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TABLES = Integer.getInteger("doltsync.test.omittedColumnTables", 6);

  /** How a column that statements may leave out gets its value; {@code safe}: certainly NULL when left out. */
  private enum DefaultKind {
    NULLABLE(true), DEFAULT_NULL(true), INT_LITERAL(false), TEXT_LITERAL(false), NOW(false), NOT_NULL_DEFAULT(false),
    SEQUENCE(false), DOMAIN_OR_EXPRESSION(false);

    final boolean safe;

    DefaultKind(boolean safe) {
      this.safe = safe;
    }

    String type(PrimaryKind kind) {
      return switch (this) {
        case NULLABLE -> "INT";
        case DEFAULT_NULL -> "VARCHAR(20) DEFAULT NULL";
        case INT_LITERAL -> "INT DEFAULT 7";
        case TEXT_LITERAL -> "VARCHAR(20) DEFAULT 'it''s '";
        case NOW -> kind == PrimaryKind.MARIADB ? "DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3)"
            : "TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP";
        case NOT_NULL_DEFAULT -> "DECIMAL(6,2) NOT NULL DEFAULT 3.5";
        case SEQUENCE -> kind == PrimaryKind.POSTGRES ? "BIGINT DEFAULT nextval('omit_seq')"
            : "BIGINT DEFAULT NEXT VALUE FOR omit_seq";
        case DOMAIN_OR_EXPRESSION -> switch (kind) {
          case MARIADB -> "INT DEFAULT (1 + 1)";
          case POSTGRES -> "omit_base"; // a domain over a domain is not mapped to Dolt
          case H2 -> "omit_nested";
        };
      };
    }

    Object value(int i) {
      return switch (this) {
        case NULLABLE, INT_LITERAL, SEQUENCE, DOMAIN_OR_EXPRESSION -> i * 3;
        case DEFAULT_NULL, TEXT_LITERAL -> "v'" + i;
        case NOW -> throw new IllegalStateException("never given");
        case NOT_NULL_DEFAULT -> new java.math.BigDecimal("12.25");
      };
    }
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void anInsertLeavingColumnsOutIsMirroredExactly(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED);
    String doltDb = DoltDatabases.newName("omitcol");
    try (PrimaryKind.Space space = kind.createSpace("omitcol")) {
      List<Table> tables = new ArrayList<>();
      try (Connection raw = space.connect(); Statement s = raw.createStatement()) {
        s.execute("CREATE SEQUENCE omit_seq");
        if (kind != PrimaryKind.MARIADB) {
          s.execute("CREATE DOMAIN omit_base AS INT DEFAULT 5");
          if (kind == PrimaryKind.H2) {
            s.execute("CREATE DOMAIN omit_nested AS omit_base");
          }
        }
        for (int t = 0; t < TABLES; t++) {
          List<DefaultKind> kinds = new ArrayList<>();
          int extra = 2 + random.nextInt(3);
          for (int c = 0; c < extra; c++) {
            kinds.add(t < 2 ? (c % 2 == 0 ? DefaultKind.NULLABLE : DefaultKind.DEFAULT_NULL)
                : DefaultKind.values()[random.nextInt(DefaultKind.values().length)]);
          }
          Table table = new Table("omit" + t, t % 3 != 2, kinds);
          s.execute(table.ddl(kind));
          tables.add(table);
        }
      }
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDb), kind.credentials());
          Connection planning = space.connect()) {
        SourceDialect dialect = SourceDialects.forUrl(space.url());
        SchemaCatalog catalog = new SchemaCatalog(dialect, new TableFilter(List.of("*"), List.of(), "doltsync_journal"));
        catalog.reload(planning);
        SqlDialect lexical = SourceDialects.sqlDialect(dialect);
        WritePlanner planner = new WritePlanner(new StatementClassifier(lexical), new WriteAnalyzer(lexical), catalog,
            dialect);
        app.setAutoCommit(false);
        int id = 0;
        int predicted = 0;
        long copiesAtStart = MirrorComparison.metric(doltDb, "WholeTableCopies");
        long expectedCopies = 0;
        for (int transaction = 0; transaction < 10; transaction++) {
          boolean keyedRead = false;
          java.util.Set<String> keylessCopies = new java.util.HashSet<>();
          long selectsBefore = kind == PrimaryKind.MARIADB ? selects(app) : 0;
          int statements = 1 + random.nextInt(3);
          for (int st = 0; st < statements; st++) {
            Table table = tables.get(random.nextInt(tables.size()));
            List<Integer> given = new ArrayList<>();
            boolean safe = true;
            for (int c = 0; c < table.kinds.size(); c++) {
              // NOW and domain columns are always left out: a value given to them may be read back anyway (a
              // date-time's stored form, a domain's constraints), which is not what this test is about
              DefaultKind columnKind = table.kinds.get(c);
              if (columnKind != DefaultKind.NOW && columnKind != DefaultKind.DOMAIN_OR_EXPRESSION && random.nextBoolean()) {
                given.add(c);
              } else {
                safe &= table.kinds.get(c).safe;
              }
            }
            int rows = 1 + random.nextInt(2);
            StringBuilder sql = new StringBuilder("INSERT INTO " + table.name + " (id, v");
            given.forEach(c -> sql.append(", c").append(c));
            sql.append(") VALUES ");
            for (int r = 0; r < rows; r++) {
              sql.append(r == 0 ? "(" : ", (").append("?, ?").append(", ?".repeat(given.size())).append(')');
            }
            String expected = table.keyed ? (safe ? "InsertedImages" : "KnownKeys") : (safe ? "InsertedRows" : "WholeTable");
            Plan plan = planner.plan(sql.toString(), () -> catalog.reload(planning));
            assertThat(((WritePlan) plan).effects()).as("%s %s with %s (seed %d)", kind, sql, table.kinds, SEED)
                .singleElement().extracting(e -> e.getClass().getSimpleName()).isEqualTo(expected);
            predicted += safe ? 1 : 0;
            keyedRead |= table.keyed && !safe;
            // PostgreSQL and MariaDB 10.5+ (the servers here): the insert returns its rows, nothing is copied
            if (!table.keyed && !safe && kind == PrimaryKind.H2) {
              keylessCopies.add(table.name);
            }
            try (PreparedStatement insert = app.prepareStatement(sql.toString())) {
              int p = 1;
              for (int r = 0; r < rows; r++) {
                insert.setInt(p++, ++id);
                insert.setString(p++, "row " + id);
                for (int c : given) {
                  insert.setObject(p++, table.kinds.get(c).value(id));
                }
              }
              assertThat(insert.executeUpdate()).isEqualTo(rows);
            }
          }
          app.commit();
          if (kind == PrimaryKind.MARIADB) {
            long selects = selects(app) - selectsBefore;
            assertThat(selects > 0).as("rows read at commit (%d SELECTs) exactly when an insert left a column out to"
                + " a default that is not certainly NULL (seed %d)", selects, SEED)
                .isEqualTo(keyedRead || !keylessCopies.isEmpty());
          }
          expectedCopies += keylessCopies.size();
          app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
          MirrorComparison.assertSameRows(space, doltDb, tables.stream().map(t -> t.name).toArray(String[]::new));
        }
        assertThat(predicted).as("statements whose images were predicted (seed %d)", SEED).isPositive();
        assertThat(MirrorComparison.metric(doltDb, "WholeTableCopies") - copiesAtStart)
            .as("keyless tables copied whole: those given an uncertain default, once per transaction (seed %d)", SEED)
            .isEqualTo(expectedCopies);
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  /** The SELECTs MariaDB has run in the session so far (the status query itself is not one). */
  private static long selects(Connection app) throws java.sql.SQLException {
    try (Statement s = app.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Com_select'")) {
      rs.next();
      return rs.getLong(2);
    }
  }

  /** A generated table: key {@code id} (or none), a given column {@code v}, and columns {@code c0...} of {@code kinds}. */
  private record Table(String name, boolean keyed, List<DefaultKind> kinds) {
    String ddl(PrimaryKind kind) {
      StringBuilder ddl = new StringBuilder("CREATE TABLE " + name + " (id INT" + (keyed ? " PRIMARY KEY" : "")
          + ", v VARCHAR(30)");
      for (int c = 0; c < kinds.size(); c++) {
        ddl.append(", c").append(c).append(' ').append(kinds.get(c).type(kind));
      }
      return ddl.append(')').toString();
    }
  }
}
