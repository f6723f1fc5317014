package io.doltsync.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Random token soups and garbage: the classifier never throws, and Dolt markers count only as code. */
class StatementClassifierFuzzTest {

  private static final int ROUNDS = 3000;

  /** Tokens that cannot form a Dolt feature, whatever their neighbours. */
  private static final String[] PLAIN = {
      "SELECT", "INSERT", "UPDATE", "DELETE", "FROM", "WHERE", "SET", "AS", "WITH", "CALL", "USE", "SHOW",
      "BEGIN", "END", "CASE", "CREATE", "TABLE", "INTO", "VALUES", "JOIN", "ON", "FOR", "TIMESTAMP",
      "t", "users", "x1", "?", "1", "2.5e3", "(", ")", ",", ".", ";", "=", "-", "*", "/", "+", "@x",
      "@@autocommit", "'plain'", "`col`", "\"ident\"", "ünïcode"};

  /**
   * Dolt markers that route wherever they stand among {@link #PLAIN} tokens: session variables anywhere,
   * the others inside a subquery of their own (a table name routes only in a table position).
   */
  private static final String[] CONTEXT_FREE_MARKERS = {
      "(SELECT * FROM dolt_log)", "(SELECT 1 FROM DOLT_DIFF_orders)", "(SELECT HASHOF('main'))",
      "(SELECT active_branch())", "(SELECT dolt_version())", "@@mydb_head", "@@session.shop_staged",
      "(SELECT * FROM `shop/feature`.t)", "(SELECT * FROM x1 JOIN `shop@abc`.t ON 1 = 1)",
      "(SELECT * FROM t AS OF 'main~1')"};

  /** Every Dolt marker, including those whose meaning depends on context. */
  private static final String[] MARKERS = {
      "dolt_log", "HASHOF('main')", "@@mydb_head", "`shop/feature`.t", "t AS OF 'main~1'",
      "COMMIT('-m', 'x')", "MERGE('feature')", "CALL dolt_commit('-am', 'msg')", "USE `shop/feature`",
      "SHOW TABLES AS OF 'main'", "FOR SYSTEM_TIME AS OF '2020-01-01'", "dolt_diff('a', 'b', 't')"};

  private static final String GARBAGE_CHARS = "'\"`\\$*/-#@?;()[]{}.,:=<>!%^&|~ \t\n\r\0aAzZ09_éß€";

  @ParameterizedTest
  @MethodSource("io.doltsync.sql.SqlDialect#values")
  void neverThrowsOnTokenSoupsOrGarbage(SqlDialect dialect) {
    StatementClassifier classifier = new StatementClassifier(dialect);
    Random random = new Random(17 + java.util.List.of(SqlDialect.values()).indexOf(dialect));
    for (int round = 0; round < ROUNDS; round++) {
      List<String> pool = new ArrayList<>(List.of(PLAIN));
      pool.addAll(List.of(MARKERS));
      pool.addAll(wrappers(dialect).stream().map(wrap -> wrap.apply("AS OF dolt_log")).toList());
      String soup = soup(random, pool.toArray(String[]::new));
      assertThat(classifier.classify(soup)).as(soup).isNotNull();
      String garbage = garbage(random);
      assertThat(classifier.classify(garbage)).as(garbage).isNotNull();
      byte[] bytes = new byte[random.nextInt(64)];
      random.nextBytes(bytes);
      assertThat(classifier.classify(new String(bytes, StandardCharsets.UTF_8))).isNotNull();
    }
  }

  @ParameterizedTest
  @MethodSource("io.doltsync.sql.SqlDialect#values")
  void markersInsideStringsOrCommentsNeverRoute(SqlDialect dialect) {
    StatementClassifier classifier = new StatementClassifier(dialect);
    List<UnaryOperator<String>> wrappers = wrappers(dialect);
    Random random = new Random(31 + java.util.List.of(SqlDialect.values()).indexOf(dialect));
    for (int round = 0; round < ROUNDS; round++) {
      List<String> tokens = new ArrayList<>(List.of(soup(random, PLAIN).split(" ")));
      for (int inserted = random.nextInt(4); inserted >= 0; inserted--) {
        String marker = MARKERS[random.nextInt(MARKERS.length)];
        tokens.add(random.nextInt(tokens.size() + 1), wrappers.get(random.nextInt(wrappers.size())).apply(marker));
      }
      String sql = String.join(" ", tokens);
      assertThat(classifier.classify(sql).doltFeatures()).as(sql).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("io.doltsync.sql.SqlDialect#values")
  void contextFreeMarkersAlwaysRoute(SqlDialect dialect) {
    StatementClassifier classifier = new StatementClassifier(dialect);
    Random random = new Random(43 + java.util.List.of(SqlDialect.values()).indexOf(dialect));
    for (int round = 0; round < ROUNDS; round++) {
      List<String> tokens = new ArrayList<>(List.of(soup(random, PLAIN).split(" ")));
      tokens.add(random.nextInt(tokens.size() + 1), CONTEXT_FREE_MARKERS[random.nextInt(CONTEXT_FREE_MARKERS.length)]);
      String sql = String.join(" ", tokens);
      assertThat(classifier.classify(sql).routesToDolt()).as(sql).isTrue();
    }
  }

  /** Ways to hide text from the lexer in {@code dialect}: strings and comments. */
  private static List<UnaryOperator<String>> wrappers(SqlDialect dialect) {
    List<UnaryOperator<String>> wrappers = new ArrayList<>(List.of(
        text -> "'" + text.replace("'", "''") + "'",
        text -> "/* " + text + " */",
        text -> "-- " + text + "\n"));
    switch (dialect.name()) {
      case "MYSQL", "MARIADB" -> {
        wrappers.add(text -> "\"" + text.replace("\"", "\"\"") + "\"");
        wrappers.add(text -> "'it\\'s " + text.replace("'", "\\'") + "'");
        wrappers.add(text -> "# " + text + "\n");
        wrappers.add(text -> "/*+ " + text + " */");
      }
      case "POSTGRESQL" -> {
        wrappers.add(text -> "$$" + text + "$$");
        wrappers.add(text -> "$tag$ $$ " + text + " $tag$");
        wrappers.add(text -> "E'\\'" + text.replace("'", "\\'") + "'");
        wrappers.add(text -> "/* /* nested */ " + text + " */");
        wrappers.add(text -> "/*! " + text + " */");
      }
      case "ORACLE" -> wrappers.add(text -> "q'[" + text + "]'");
      case "H2" -> wrappers.add(text -> "// " + text + "\n");
      default -> throw new IllegalArgumentException(dialect.name());
    }
    return wrappers;
  }

  private static String soup(Random random, String[] pool) {
    int length = 1 + random.nextInt(30);
    StringBuilder soup = new StringBuilder();
    for (int i = 0; i < length; i++) {
      soup.append(i == 0 ? "" : " ").append(pool[random.nextInt(pool.length)]);
    }
    return soup.toString();
  }

  private static String garbage(Random random) {
    StringBuilder garbage = new StringBuilder();
    for (int i = random.nextInt(80); i > 0; i--) {
      garbage.append(GARBAGE_CHARS.charAt(random.nextInt(GARBAGE_CHARS.length())));
    }
    return garbage.toString();
  }
}
