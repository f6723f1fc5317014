package io.doltsync.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.spi.LexicalRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A table named by a quoted identifier is reported by the name the database reads: doubled closing quotes collapsed. */
class QuotedTableNamesTest {

  private static final String ALPHABET = "ab ]['\"`;-/*$#.é";

  @Test
  void everyGeneratedQuotedNameIsTheTableItNames() {
    List<SqlDialect> dialects = new ArrayList<>(List.of(SqlDialect.values()));
    dialects.add(SqlDialect.custom("sqlserver", LexicalRules.standard().toBuilder().bracketIdentifiers(true)
        .backtickIdentifiers(false).identifierQuote('[').nationalStringPrefix(true).build()));
    Random random = new Random(31);
    for (SqlDialect dialect : dialects) {
      StatementClassifier classifier = new StatementClassifier(dialect);
      for (int i = 0; i < 500; i++) {
        String name = name(random);
        String sql = "SELECT * FROM " + dialect.rules().quoteIdentifier(name) + " WHERE id = 1";
        assertThat(classifier.classify(sql).tables()).as(dialect + ": " + sql)
            .extracting(TableReference::key).containsExactly(name.toLowerCase(Locale.ROOT));
      }
    }
  }

  private static String name(Random random) {
    StringBuilder name = new StringBuilder();
    int length = 1 + random.nextInt(10);
    for (int i = 0; i < length; i++) {
      name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return name.toString();
  }
}
