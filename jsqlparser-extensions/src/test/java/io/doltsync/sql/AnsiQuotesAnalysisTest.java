package io.doltsync.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MySQL/MariaDB under {@code ANSI_QUOTES}: a {@code ".."} token is an identifier, so the analysis must read
 * {@code SET c = "x"} as an expression (the column {@code x}), never as the string {@code 'x'}, and
 * {@code WHERE "k" = 5} as a key equality; without the mode the same texts hold strings. JSqlParser's MySQL and
 * MariaDB grammars read every {@code ".."} as a string, so the parser input spells such identifiers with backticks.
 * Random names (letters, digits, spaces, doubled {@code "}, backticks, non-ASCII) for each grammar.
 */
class AnsiQuotesAnalysisTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final String ALPHABET = "abcXYZ019 _\"`é$";

  @Test
  void doubleQuotedNamesAreColumnsUnderAnsiQuotesAndStringsWithout() {
    Random random = new Random(SEED);
    for (SqlDialect grammar : new SqlDialect[] {SqlDialect.MYSQL, SqlDialect.MARIADB}) {
      SqlDialect ansi = grammar.withRules(grammar.rules().toBuilder().doubleQuotedStrings(false).build());
      WriteAnalyzer plain = new WriteAnalyzer(grammar);
      WriteAnalyzer quoted = new WriteAnalyzer(ansi);
      for (int i = 0; i < 200; i++) {
        String name = name(random);
        String token = "\"" + name.replace("\"", "\"\"") + "\"";
        String context = "seed " + SEED + ", " + grammar.name() + ", " + token;

        String set = "UPDATE t SET c = " + token + " WHERE id = 7";
        ValueSource underAnsi = only(quoted.analyze(set)).assignments().get("c");
        assertThat(underAnsi.type()).as("ANSI_QUOTES: %s", context).isEqualTo(ValueSource.Type.EXPRESSION);
        ValueSource withoutAnsi = only(plain.analyze(set)).assignments().get("c");
        assertThat(withoutAnsi.type()).as("default mode: %s", context).isEqualTo(ValueSource.Type.LITERAL);
        assertThat(withoutAnsi.literal()).as("default mode: %s", context).isEqualTo(name);

        String where = "UPDATE t SET c = 1 WHERE " + token + " = 5";
        assertThat(only(quoted.analyze(where)).keyEqualities()).as("ANSI_QUOTES key: %s", context)
            .containsOnlyKeys(name);
        assertThat(only(plain.analyze(where)).keyEqualities()).as("default mode key: %s", context).isEmpty();

        String insert = "INSERT INTO t (a, b) VALUES (" + token + ", 2)";
        TableWrite inserted = only(quoted.analyze(insert));
        assertThat(inserted.insertRows().get(0).get(0).type()).as("ANSI_QUOTES insert: %s", context)
            .isEqualTo(ValueSource.Type.EXPRESSION);
        assertThat(only(plain.analyze(insert)).insertRows().get(0).get(0).literal()).as("default insert: %s", context)
            .isEqualTo(name);
      }
    }
  }

  private static TableWrite only(WriteAnalysis analysis) {
    assertThat(analysis.status()).isEqualTo(WriteAnalysis.Status.ANALYZED);
    assertThat(analysis.tableWrites()).hasSize(1);
    return analysis.tableWrites().get(0);
  }

  private static String name(Random random) {
    StringBuilder name = new StringBuilder();
    name.append((char) ('a' + random.nextInt(26)));
    int length = random.nextInt(8);
    for (int i = 0; i < length; i++) {
      name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return name.toString().strip();
  }
}
