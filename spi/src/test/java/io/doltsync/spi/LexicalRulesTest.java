package io.doltsync.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LexicalRulesTest {

  @Test
  void aBuilderRoundTripsEveryPresetAndDerivedRulesDiffer() {
    for (LexicalRules rules : List.of(LexicalRules.standard(), LexicalRules.mysql(), LexicalRules.postgresql(),
        LexicalRules.h2(), LexicalRules.oracle())) {
      assertThat(rules.toBuilder().build()).isEqualTo(rules).hasSameHashCodeAs(rules);
      assertThat(rules.toBuilder().nestedBlockComments(!rules.nestedBlockComments()).build()).isNotEqualTo(rules);
    }
    assertThat(LexicalRules.mysql()).isNotEqualTo(LexicalRules.standard());
  }

  @Test
  void quotesWithTheChosenQuoteDoublingItsClosingCharacter() {
    LexicalRules brackets = LexicalRules.standard().toBuilder().bracketIdentifiers(true).identifierQuote('[').build();
    assertThat(brackets.quoteIdentifier("a]b[c")).isEqualTo("[a]]b[c]");
    assertThat(LexicalRules.mysql().quoteIdentifier("a`b\"")).isEqualTo("`a``b\"`");
    assertThat(LexicalRules.postgresql().quoteIdentifier("a\"b")).isEqualTo("\"a\"\"b\"");
  }

  @Test
  void refusesAnIdentifierQuoteTheRulesDoNotRead() {
    assertThatThrownBy(() -> LexicalRules.standard().toBuilder().identifierQuote('[').build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LexicalRules.standard().toBuilder().doubleQuotedStrings(true).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LexicalRules.standard().toBuilder().identifierQuote('\'').build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void foldsUnquotedNamesByTheDatabasesCase() {
    assertThat(LexicalRules.standard().foldUnquoted("Orders")).isEqualTo("ORDERS");
    assertThat(LexicalRules.postgresql().foldUnquoted("Orders")).isEqualTo("orders");
    assertThat(LexicalRules.mysql().foldUnquoted("Orders")).isEqualTo("Orders");
  }
}
