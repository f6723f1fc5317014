package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.MySqlClient;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Texts that a primary may read differently from doltsync's lexer, generated per class, run through a raw and a
 * doltsync connection (multi-statement texts allowed) against twin tables: executable comments of every version and
 * form ({@code /*!NNNNN}, {@code /*M!NNNNNN}, one comment inside, unclosed), optimizer hints; comment forms
 * ({@code #}, {@code -- } and {@code --x}, a line ended by a carriage return, nested block comments, comments between
 * tokens, Unicode spaces); strings and quoted names under each {@code sql_mode} that changes them
 * ({@code NO_BACKSLASH_ESCAPES}, {@code ANSI_QUOTES}, {@code ANSI}, {@code PIPES_AS_CONCAT}, set by every spelling,
 * and by the URL's {@code sessionVariables}), PostgreSQL's {@code E'..'}, {@code U&'..'}, dollar quotes and
 * {@code standard_conforming_strings=off}, H2's {@code $$..$$} and {@code //}; statement separators and trailing
 * {@code ;}, {@code DELIMITER}; Dolt's names and verbs inside strings, comments and quoted names. Now and then
 * another session holds the row a text names. Each text's outcome through doltsync (update counts and first
 * values of every result, or the error's SQLState, vendor code and message) must be the raw driver's, both
 * tables must hold the same rows, and Dolt (drained) must equal the primary after every text: no misroute, no write
 * Dolt misses, no lock wait the raw driver does not have. A text that sets the session's
 * {@code sql_mode}/{@code standard_conforming_strings} before statements it changes is refused by doltsync before
 * anything runs (its table must be unchanged; then its statements run one by one on both sides). A text of several
 * statements that fails part-way on MariaDB or H2 is rolled back whole by doltsync where the server committed the
 * statements before the failing one (a known limit): the raw side then runs it in a transaction it rolls back.
 */
class LexicalReadingTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int STEPS = Integer.getInteger("doltsync.test.lexicalSteps", 90);
  private static final int ROWS = 8;

  /** The primaries and drivers the texts run through. */
  enum Setup {
    MARIADB_CONNECTOR(PrimaryKind.MARIADB, MySqlClient.MARIADB_JAVA_CLIENT, ""),
    MYSQL_CONNECTOR_J(PrimaryKind.MARIADB, MySqlClient.CONNECTOR_J, ""),
    MARIADB_NO_BACKSLASH_URL(PrimaryKind.MARIADB, MySqlClient.MARIADB_JAVA_CLIENT,
        "sql_mode='STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES,ANSI_QUOTES'"),
    POSTGRES(PrimaryKind.POSTGRES, null, ""),
    H2(PrimaryKind.H2, null, "");

    final PrimaryKind kind;
    final MySqlClient client;
    final String sessionVariables;

    Setup(PrimaryKind kind, MySqlClient client, String sessionVariables) {
      this.kind = kind;
      this.client = client;
      this.sessionVariables = sessionVariables;
    }

    boolean mysql() {
      return kind == PrimaryKind.MARIADB;
    }

    String url(String spaceUrl) {
      if (!mysql()) {
        return spaceUrl;
      }
      String url = DoltSyncUrls.withParameter(client.url(spaceUrl), "allowMultiQueries", "true");
      return sessionVariables.isEmpty() ? url : url + "&sessionVariables=" + sessionVariables; // as written, not encoded
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Setup.class)
  void textsReadAsThePrimaryReadsThem(Setup setup) throws Exception {
    Random random = new Random(SEED + setup.ordinal());
    String doltDb = DoltDatabases.newName("lexical");
    try (PrimaryKind.Space space = setup.kind.createSpace("lexical")) {
      try (Connection c = space.connect(); Statement s = c.createStatement()) {
        for (String side : List.of("r", "d")) {
          s.execute("CREATE TABLE " + side + "_lex (id INT PRIMARY KEY, v INT NOT NULL, note VARCHAR(200))");
        }
      }
      String url = setup.url(space.url());
      try (Connection raw = DriverManager.getConnection(url, setup.kind.credentials());
          Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(url, doltDb), setup.kind.credentials());
          Connection observer = space.connect()) {
        for (int id = 1; id <= ROWS; id++) {
          run(raw, "INSERT INTO r_lex VALUES (" + id + ", " + id + ", 'n" + id + "')", "r_lex");
          run(app, "INSERT INTO d_lex VALUES (" + id + ", " + id + ", 'n" + id + "')", "d_lex");
        }
        String timeout = switch (setup.kind) {
          case MARIADB -> "SET innodb_lock_wait_timeout = 1";
          case POSTGRES -> "SET lock_timeout = '300ms'";
          case H2 -> "SET LOCK_TIMEOUT 300";
        };
        run(raw, timeout, "r_lex");
        run(app, timeout, "d_lex");
        DoltSyncConnection doltsync = app.unwrap(DoltSyncConnection.class);
        List<String> done = new ArrayList<>();
        int writesSeen = 0;
        int failedPartWay = 0;
        for (int step = 0; step < STEPS; step++) {
          Text text = Texts.generate(setup, random);
          done.add(text.toString());
          String context = "seed " + SEED + ", " + setup + ", after " + done.subList(Math.max(0, done.size() - 4),
              done.size());
          boolean lock = setup.kind != PrimaryKind.H2 && random.nextInt(6) == 0;
          if (lock) {
            lockRow(observer, text.id());
          }
          String expected;
          String actual;
          List<String> before = rows(observer, "d_lex");
          if (text.parts().isEmpty()) {
            actual = run(app, text.sql().replace("%t", "d_lex"), "d_lex");
            if (actual.contains("error ") && text.sql().contains(";") && setup.kind != PrimaryKind.POSTGRES) {
              // a text of several statements that failed part-way: doltsync ran it as one transaction and rolled it
              // back whole, where the server commits each statement before the failing one (README, Known limits).
              // The raw side runs it in a transaction rolled back likewise, so both tables stay twins
              assertThat(rows(observer, "d_lex")).as("rolled back whole, %s", context).isEqualTo(before);
              raw.setAutoCommit(false);
              expected = run(raw, text.sql().replace("%t", "r_lex"), "r_lex");
              raw.rollback();
              raw.setAutoCommit(true);
              failedPartWay++;
            } else {
              expected = run(raw, text.sql().replace("%t", "r_lex"), "r_lex");
            }
          } else {
            assertThat(run(app, text.sql().replace("%t", "d_lex"), "d_lex")).as("refused, %s", context)
                .startsWith("error 42000 0 doltsync reads a SQL text by the session's");
            assertThat(rows(observer, "d_lex")).as("nothing ran, %s", context).isEqualTo(before);
            StringBuilder rawParts = new StringBuilder();
            StringBuilder appParts = new StringBuilder();
            for (String part : text.parts()) {
              rawParts.append(run(raw, part.replace("%t", "r_lex"), "r_lex")).append(" | ");
              appParts.append(run(app, part.replace("%t", "d_lex"), "d_lex")).append(" | ");
            }
            expected = rawParts.toString();
            actual = appParts.toString();
          }
          if (lock) {
            observer.rollback();
            observer.setAutoCommit(true);
          }
          assertThat(actual).as("outcome through doltsync of %s, %s", text, context).isEqualTo(expected);
          List<String> primaryRows = rows(observer, "d_lex");
          assertThat(primaryRows).as("committed rows, %s", context).isEqualTo(rows(observer, "r_lex"));
          doltsync.awaitMirrored(Duration.ofSeconds(60));
          try (Connection dolt = TestServers.dolt(doltDb)) {
            assertThat(rows(dolt, "d_lex")).as("Dolt after %s, %s", text, context).isEqualTo(primaryRows);
          }
          if (expected.contains("count ")) {
            writesSeen++;
          }
        }
        assertThat(writesSeen).as("texts that wrote (seed %d, %s)", SEED, setup).isPositive();
        assertThat(failedPartWay).as("texts of several statements that failed part-way (seed %d, %s)", SEED, setup)
            .isLessThan(STEPS / 4);
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  /** Takes another session's lock on the row in both tables, so a text's read of it waits into its lock timeout. */
  private static void lockRow(Connection observer, int id) throws SQLException {
    observer.setAutoCommit(false);
    try (Statement s = observer.createStatement()) {
      s.executeQuery("SELECT * FROM r_lex WHERE id = " + id + " FOR UPDATE").close();
      s.executeQuery("SELECT * FROM d_lex WHERE id = " + id + " FOR UPDATE").close();
    }
  }

  /** Every result of the text (update counts, first values of result sets), then the error that ended it, if any. */
  private static String run(Connection connection, String sql, String table) {
    StringBuilder out = new StringBuilder();
    try (Statement s = connection.createStatement()) {
      boolean isResult = s.execute(sql);
      for (int i = 0; i < 20; i++) {
        if (isResult) {
          try (ResultSet rs = s.getResultSet()) {
            out.append("rows ").append(rs.next() ? String.valueOf(rs.getString(1)).replace(table, "T") : "none")
                .append("; ");
          }
        } else {
          long count = s.getLargeUpdateCount();
          if (count < 0) {
            break;
          }
          out.append("count ").append(count).append("; ");
        }
        isResult = s.getMoreResults();
      }
    } catch (SQLException e) {
      String message = String.valueOf(e.getMessage()).replace(table, "T").replace(table.toUpperCase(), "T")
          .replaceAll("\\(conn=\\d+\\)", "").replaceAll("tuple \\(\\d+,\\d+\\)", "tuple").replaceAll("SQL statement:.*", "")
          // MariaDB cuts the text after "near '" at 80 characters: a table's name cut short there is a prefix of it
          .replaceAll("\\b[rd](_(l(ex?)?)?)?\\.\\.\\.'", "T...'");
      out.append("error ").append(e.getSQLState()).append(' ').append(e.getErrorCode()).append(' ').append(message);
    }
    return out.toString();
  }

  private static List<String> rows(Connection connection, String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, v, note FROM " + table + " ORDER BY id")) {
      while (rs.next()) {
        // a text's own table name may end up inside a stored string: both twins' names read the same
        rows.add(rs.getInt(1) + "|" + rs.getInt(2) + "|" + String.valueOf(rs.getString(3)).replaceAll("[rd]_lex", "T"));
      }
    }
    return rows;
  }

  /**
   * One generated text: its class, its SQL with the table as {@code %t}, the row it names, and, for a text doltsync
   * refuses, the statements it is then run as, one by one.
   */
  record Text(String kind, String sql, int id, List<String> parts) {
    Text(String kind, String sql, int id) {
      this(kind, sql, id, List.of());
    }

    @Override
    public String toString() {
      return kind + "[" + sql.replace("\n", "\\n").replace("\r", "\\r") + "]";
    }
  }

  /** The generators, one per class of text. */
  static final class Texts {

    private static final String[] MYSQL_VERSIONS = {"", "00000", "32302", "50000", "50700", "80000", "99999", "100000",
        "101119", "101120", "110000", "999999", "1", "12", "1234", "1234567"};
    private static final String[] SQL_MODES = {"STRICT_TRANS_TABLES", "STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES",
        "STRICT_TRANS_TABLES,ANSI_QUOTES", "ANSI", "STRICT_TRANS_TABLES,PIPES_AS_CONCAT",
        "NO_BACKSLASH_ESCAPES,ANSI_QUOTES,PIPES_AS_CONCAT"};

    static Text generate(Setup setup, Random random) {
      int id = 1 + random.nextInt(ROWS);
      int other = 1 + random.nextInt(ROWS);
      return switch (random.nextInt(setup.mysql() ? 6 : 5)) {
        case 0 -> comments(setup, random, id);
        case 1 -> quotes(setup, random, id, other);
        case 2 -> separators(setup, random, id, other);
        case 3 -> doltNames(setup, random, id);
        case 4 -> setup.mysql() ? executable(random, id, other)
            : setup.kind == PrimaryKind.POSTGRES ? mode(setup, random, id) : quotes(setup, random, id, other);
        default -> mode(setup, random, id);
      };
    }

    private static String pick(Random random, String... choices) {
      return choices[random.nextInt(choices.length)];
    }

    /** A write by key whose tokens each may be followed by a comment of the primary's forms (or a lookalike). */
    private static Text comments(Setup setup, Random random, int id) {
      String[] tokens = {"UPDATE", "%t", "SET", "v", "=", "v", "+", "1", "WHERE", "id", "=", String.valueOf(id)};
      List<String> comments = new ArrayList<>(List.of("/* c */", "/* ; DELETE FROM %t */", "/**/", "/*/ x */",
          "-- x\n", "--\t\n", "-- DELETE FROM %t\r", "/* /* */ */", "/* /* */", "--1", "-- -1\n", "\u00a0", "\u2028",
          "\u3000", "\f", "\u000b", " -- ; UPDATE %t SET v = 0\n"));
      if (setup.mysql()) {
        comments.addAll(List.of("# x\n", "# x\r OR 1=1\n", "#\n", "/*+ NO_INDEX(t) */", "-- x\r OR id > 0\n"));
      } else if (setup.kind == PrimaryKind.H2) {
        comments.addAll(List.of("// x\n", "// x\r OR id > 0\n"));
      } else {
        comments.addAll(List.of("/* a /* b */ OR id > 0 */", "/* a /* b */ c */"));
      }
      StringBuilder sql = new StringBuilder();
      for (String token : tokens) {
        sql.append(token);
        sql.append(random.nextInt(3) == 0 ? comments.get(random.nextInt(comments.size())) : " ");
      }
      if (random.nextInt(4) == 0) {
        sql.append(comments.get(random.nextInt(comments.size())));
      }
      return new Text("comments", sql.toString(), id);
    }

    /** Strings and quoted names that end in different places under the primary's escape rules. */
    private static Text quotes(Setup setup, Random random, int id, int other) {
      List<String> values = new ArrayList<>(List.of("'a\\' WHERE id = " + other + " -- '", "'b\\'", "'c\\\\'",
          "'d'''", "'e\\'; UPDATE %t SET v = v + 7 WHERE id = " + other + "; SELECT '",
          "'f\\' , v = v + 3 WHERE id = " + other + " -- '", "'?'", "'g\"'", "'h\\n'"));
      if (setup.mysql()) {
        values.addAll(List.of("\"i\\\" WHERE id = " + other + " -- \"", "\"j\"", "\"k'\"", "'l' 'm'",
            "_utf8mb4'n\\''", "N'o\\''", "X'70'", "'p' || 'q'", "\"note\"", "CONCAT('r', \"s\\\"\")"));
      } else if (setup.kind == PrimaryKind.POSTGRES) {
        values.addAll(List.of("E'i\\' WHERE id = " + other + " -- '", "E'j\\\\'", "U&'d\\0061t'", "$$k'$$",
            "$q$ l'; UPDATE %t SET v = 0 $q$", "$1", "e'\\x41'", "'p' || 'q'", "\"note\""));
      } else {
        values.addAll(List.of("$$k'$$", "$$l'; UPDATE %t SET v = 0 $$", "'p' || 'q'", "\"NOTE\"", "U&'d\\0061t'"));
      }
      String value = values.get(random.nextInt(values.size()));
      String sql = switch (random.nextInt(4)) {
        case 0 -> "UPDATE %t SET note = " + value + " WHERE id = " + id;
        case 1 -> "SELECT " + value + "; UPDATE %t SET v = v + 1 WHERE id = " + id;
        case 2 -> "UPDATE %t SET v = v + 1 WHERE id = " + id + " AND note <> " + value;
        default -> "DELETE FROM %t WHERE note = " + value + " OR id = " + id;
      };
      return new Text("quotes", sql, id);
    }

    /** Statement separators: trailing semicolons, several statements, a client's DELIMITER command. */
    private static Text separators(Setup setup, Random random, int id, int other) {
      String write = "UPDATE %t SET v = v + 1 WHERE id = " + id;
      String sql = switch (random.nextInt(7)) {
        case 0 -> write + ";";
        case 1 -> write + ";;";
        case 2 -> write + "; -- done";
        case 3 -> "SELECT 1; " + write;
        case 4 -> write + "; DELETE FROM %t WHERE id = " + other;
        case 5 -> "DELIMITER //\n" + write + " //";
        default -> ";" + write;
      };
      return new Text("separators", sql, id);
    }

    /** Dolt's verbs and names where they are no code: strings, comments, quoted names, aliases. */
    private static Text doltNames(Setup setup, Random random, int id) {
      String quote = setup.mysql() ? "`" : "\"";
      String sql = switch (random.nextInt(7)) {
        case 0 -> "SELECT 'CALL dolt_commit(''-am'', ''x'')'";
        case 1 -> "/* CALL dolt_checkout('b') */ UPDATE %t SET v = v + 1 WHERE id = " + id;
        case 2 -> "UPDATE %t SET note = 'SELECT * FROM dolt_log AS OF ''main''' WHERE id = " + id;
        case 3 -> "SELECT v AS " + quote + "dolt_log" + quote + " FROM %t WHERE id = " + id;
        case 4 -> "UPDATE %t SET v = v + 1 WHERE id = " + id + " -- ; CALL dolt_reset('--hard')\n";
        case 5 -> setup.mysql() ? "SELECT 1 /*!999999 , dolt_version() */" : "SELECT 1 /* , dolt_version() */";
        default -> setup.mysql() ? "/*!50700 CALL dolt_branch('x') */ SELECT v FROM %t WHERE id = " + id
            : "SELECT v FROM %t WHERE id = " + id + " /* AS OF 'main' */";
      };
      return new Text("dolt names", sql, id);
    }

    /** MySQL/MariaDB executable comments holding all or part of a statement, of every version form. */
    private static Text executable(Random random, int id, int other) {
      String open = (random.nextInt(3) == 0 ? "/*M!" : "/*!") + MYSQL_VERSIONS[random.nextInt(MYSQL_VERSIONS.length)];
      String space = random.nextBoolean() ? " " : "";
      String inner = random.nextInt(4) == 0 ? " /* inner */ " : " ";
      String close = random.nextInt(8) == 0 ? "" : " */";
      String sql = switch (random.nextInt(7)) {
        case 0 -> "UPDATE %t SET v = v + 1 " + open + space + ", note = 'x'" + inner + close + " WHERE id = " + id;
        case 1 -> "SELECT 1 " + open + space + "; UPDATE %t SET v = v + 2 WHERE id = " + id + inner + close;
        case 2 -> open + space + "UPDATE %t SET v = v + 3 WHERE id = " + id + inner + close;
        case 3 -> "UPDATE %t SET v = 7 WHERE id = " + id + " " + open + space + "OR id = " + other + inner + close;
        case 4 -> "DELETE FROM %t WHERE id = " + id + " " + open + space + "AND v < 0" + inner + close;
        case 5 -> "UPDATE %t SET v = v + 1 " + open + space + "/*!100000 , note = 'y' */ WHERE id = " + id;
        default -> "UPDATE /*+ BKA(t) */ %t SET v = v - 1 WHERE id = " + id + " " + open + space + "-- x\n" + close;
      };
      return new Text("executable", sql, id);
    }

    /**
     * A session setting that changes how strings read (MySQL/MariaDB {@code sql_mode}, PostgreSQL
     * {@code standard_conforming_strings}), set by one of its spellings, now and then followed in the same text by a
     * write with a backslash (doltsync refuses that text: it reads a text once). H2's {@code SET MODE} is left out: it
     * sets the whole database's mode, the journal reader's session too.
     */
    private static Text mode(Setup setup, Random random, int id) {
      Function<String, String> spelling;
      String value;
      if (setup.mysql()) {
        value = "'" + SQL_MODES[random.nextInt(SQL_MODES.length)] + "'";
        spelling = pick(random, "SET sql_mode = ", "SET SESSION sql_mode = ", "SET @@sql_mode = ",
            "SET @@session.sql_mode = ", "SET LOCAL sql_mode = ")::concat;
      } else {
        value = pick(random, "off", "on");
        spelling = pick(random, "SET standard_conforming_strings = ", "SET SESSION standard_conforming_strings TO ",
            "SET standard_conforming_strings TO ")::concat;
      }
      String set = spelling.apply(value);
      if (random.nextInt(5) > 0) {
        return new Text("mode", set, id);
      }
      String write = "UPDATE %t SET note = 'm\\' WHERE id = " + id + " -- '";
      return new Text("mode", set + "; " + write, id, List.of(set, write));
    }
  }
}
