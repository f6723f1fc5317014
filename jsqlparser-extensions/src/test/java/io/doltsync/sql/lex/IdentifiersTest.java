package io.doltsync.sql.lex;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifiersTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      plain       | plain
      "Order"     | Order
      "a""b"      | a"b
      `a``b`      | a`b
      [x y]       | x y
      "open       | "open
      `           | `
      ~~          | ~~
      """)
  void unquotes(String name, String expected) {
    assertThat(Identifiers.unquote(name)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      t                | t
      s.t              | s,t
      `s`.`t`          | `s`,`t`
      "my.db"."t.x"    | "my.db","t.x"
      `db/feat.1`.t    | `db/feat.1`,t
      c.s.t            | c,s,t
      """)
  void splitsQualifiedNamesOutsideQuotes(String name, String expected) {
    assertThat(Identifiers.parts(name)).containsExactly(expected.split(","));
  }
}
