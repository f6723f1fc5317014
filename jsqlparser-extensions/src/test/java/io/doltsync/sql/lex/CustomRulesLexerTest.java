package io.doltsync.sql.lex;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.spi.LexicalRules;
import io.doltsync.sql.SqlDialect;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A dialect known only by its {@link LexicalRules} (SQL Server's, here) is lexed by those rules and no others. */
class CustomRulesLexerTest {

  private static final LexicalRules TSQL = LexicalRules.standard().toBuilder()
      .bracketIdentifiers(true).backtickIdentifiers(false).identifierQuote('[')
      .nationalStringPrefix(true).nestedBlockComments(true)
      .unquotedIdentifierCase(LexicalRules.IdentifierCase.AS_WRITTEN).build();
  private static final SqlDialect SQLSERVER = SqlDialect.custom("sqlserver", TSQL);
  private static final String ALPHABET = "ab ]['\"`;-/*$#N.é";

  @Test
  void readsBracketIdentifiersNationalStringsAndNestedComments() {
    assertThat(SqlLexerTest.tokens(SQLSERVER, "SELECT TOP 1 [a]]b] FROM [dbo].[t] WHERE n = N'it''s' /* x /* y */ z */ -- c"))
        .containsExactly("WORD:SELECT", "WORD:TOP", "NUMBER:1", "QUOTED_IDENTIFIER:[a]]b]", "WORD:FROM",
            "QUOTED_IDENTIFIER:[dbo]", "DOT:.", "QUOTED_IDENTIFIER:[t]", "WORD:WHERE", "WORD:n", "OPERATOR:=",
            "STRING:N'it''s'");
    assertThat(SqlLexerTest.tokens(SQLSERVER, "`a` #b $$c$$")).containsExactly(
        "OPERATOR:`", "WORD:a", "OPERATOR:`", "OPERATOR:#", "WORD:b", "WORD:$$c$$");
    assertThat(SqlLexerTest.tokens(SqlDialect.POSTGRESQL, "a[1]")).containsExactly(
        "WORD:a", "OPERATOR:[", "NUMBER:1", "OPERATOR:]");
  }

  @Test
  void everyGeneratedNameQuotedByTheRulesIsOneIdentifierThatUnquotesToItself() {
    Random random = new Random(20261206L);
    for (int i = 0; i < 2_000; i++) {
      String name = randomText(random);
      String quoted = TSQL.quoteIdentifier(name);
      List<String> tokens = SqlLexerTest.tokens(SQLSERVER, quoted + " x");
      assertThat(tokens).as(quoted).containsExactly("QUOTED_IDENTIFIER:" + quoted, "WORD:x");
      assertThat(Identifiers.unquote(quoted)).isEqualTo(name);
    }
  }

  @Test
  void everyGeneratedNationalStringIsOneStringWithItsValue() {
    Random random = new Random(7L);
    for (int i = 0; i < 2_000; i++) {
      String value = randomText(random);
      String literal = "N'" + value.replace("'", "''") + "'";
      assertThat(SqlLexerTest.tokens(SQLSERVER, literal + " x")).as(literal).containsExactly("STRING:" + literal, "WORD:x");
      assertThat(StringLiterals.value(literal, SQLSERVER)).isEqualTo(value);
    }
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(12);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
