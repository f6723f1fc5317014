package io.doltsync.sql.lex;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.sql.SqlDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StringLiteralsTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MYSQL      | 'it''s'             | it's
      MYSQL      | 'it\\'s'            | it's
      MYSQL      | 'a\\\\b\\%\\_\\q'   | a\\b\\%\\_q
      MARIADB    | "say ""hi"" \\"x\\"" | say "hi" "x"
      MYSQL      | 'open               | open
      POSTGRESQL | 'a\\'               | a\\
      POSTGRESQL | 'it''s'             | it's
      POSTGRESQL | E'it\\'s'           | it's
      POSTGRESQL | e'\\x41\\101\\u00e9\\U0001F600\\q' | AAé😀q
      POSTGRESQL | E'\\xZZ'            | xZZ
      POSTGRESQL | $$a'b$$             | a'b
      POSTGRESQL | $tag$x$$y$tag$      | x$$y
      POSTGRESQL | $tag$open           | open
      ORACLE     | q'[it's]'           | it's
      ORACLE     | nQ'<a>'             | a
      H2         | 'a\\b'              | a\\b
      """)
  void decodesByTheDialectsEscapeRules(SqlDialect dialect, String token, String expected) {
    assertThat(StringLiterals.value(token, dialect)).isEqualTo(expected);
  }

  @Test
  void decodesControlCharacterEscapes() {
    assertThat(StringLiterals.value("'\\0\\b\\n\\r\\t\\Z'", SqlDialect.MYSQL)).isEqualTo("\0\b\n\r\t\u001a");
    assertThat(StringLiterals.value("E'\\b\\f\\n\\r\\t'", SqlDialect.POSTGRESQL)).isEqualTo("\b\f\n\r\t");
    assertThat(StringLiterals.value("'\\n'", SqlDialect.POSTGRESQL)).isEqualTo("\\n");
  }
}
