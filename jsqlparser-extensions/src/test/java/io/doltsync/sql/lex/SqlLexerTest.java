package io.doltsync.sql.lex;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.sql.SqlDialect;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;

class SqlLexerTest {

  /** Tokens as {@code TYPE:text}, e.g. {@code WORD:SELECT}. */
  static List<String> tokens(SqlDialect dialect, String sql) {
    SqlLexer lexer = new SqlLexer(sql, dialect);
    List<String> tokens = new ArrayList<>();
    for (TokenType type = lexer.next(); type != TokenType.END; type = lexer.next()) {
      tokens.add(type + ":" + lexer.tokenText());
    }
    return tokens;
  }

  @Test
  void splitsAStatementIntoTypedTokensWithOffsets() {
    SqlLexer lexer = new SqlLexer("SELECT a.b, ? FROM t;", SqlDialect.MYSQL);
    assertThat(lexer.next()).isEqualTo(TokenType.WORD);
    assertThat(lexer.keyword()).isEqualTo(Keyword.SELECT);
    assertThat(lexer.start()).isZero();
    assertThat(lexer.end()).isEqualTo(6);
    assertThat(tokens(SqlDialect.MYSQL, "SELECT a.b, ? FROM t;")).containsExactly(
        "WORD:SELECT", "WORD:a", "DOT:.", "WORD:b", "COMMA:,", "PARAMETER:?", "WORD:FROM", "WORD:t", "SEMICOLON:;");
  }

  @Test
  void keepsReportingTheEndOnceReached() {
    SqlLexer lexer = new SqlLexer("x", SqlDialect.H2);
    assertThat(lexer.next()).isEqualTo(TokenType.WORD);
    assertThat(lexer.next()).isEqualTo(TokenType.END);
    assertThat(lexer.next()).isEqualTo(TokenType.END);
    assertThat(lexer.keyword()).isNull();
  }

  @Test
  void lexesOnlyTheGivenRange() {
    String sql = "SELECT 1; DELETE FROM t";
    SqlLexer lexer = new SqlLexer(sql, 10, sql.length(), SqlDialect.MYSQL);
    assertThat(lexer.next()).isEqualTo(TokenType.WORD);
    assertThat(lexer.keyword()).isEqualTo(Keyword.DELETE);
    assertThat(lexer.start()).isEqualTo(10);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MYSQL      | 'it''s'            | STRING:'it''s'
      MYSQL      | 'it\\'s' x         | STRING:'it\\'s',WORD:x
      POSTGRESQL | 'a\\' x            | STRING:'a\\',WORD:x
      POSTGRESQL | E'a\\'b' x         | STRING:E'a\\'b',WORD:x
      POSTGRESQL | e'' x              | STRING:e'',WORD:x
      MYSQL      | E'a' x             | WORD:E,STRING:'a',WORD:x
      MYSQL      | "a""b" x           | STRING:"a""b",WORD:x
      MYSQL      | "a\\"b" x          | STRING:"a\\"b",WORD:x
      POSTGRESQL | "a""b" x           | QUOTED_IDENTIFIER:"a""b",WORD:x
      H2         | "Order" x          | QUOTED_IDENTIFIER:"Order",WORD:x
      ORACLE     | "x" y              | QUOTED_IDENTIFIER:"x",WORD:y
      POSTGRESQL | `a``b` x           | QUOTED_IDENTIFIER:`a``b`,WORD:x
      MYSQL      | `a``b` x           | QUOTED_IDENTIFIER:`a``b`,WORD:x
      POSTGRESQL | $$a'b$$ x          | STRING:$$a'b$$,WORD:x
      POSTGRESQL | $t$a $$ b$t$ x     | STRING:$t$a $$ b$t$,WORD:x
      POSTGRESQL | $1 + 2             | WORD:$1,OPERATOR:+,NUMBER:2
      MYSQL      | $$a$$              | WORD:$$a$$
      ORACLE     | q'[it's]' x        | STRING:q'[it's]',WORD:x
      ORACLE     | Nq'{a}' x          | STRING:Nq'{a}',WORD:x
      ORACLE     | q'!a'b!' x         | STRING:q'!a'b!',WORD:x
      MYSQL      | N'x' X'ff'         | WORD:N,STRING:'x',WORD:X,STRING:'ff'
      """)
  void readsQuotesByTheDialectsRules(SqlDialect dialect, String sql, String expected) {
    assertThat(tokens(dialect, sql)).containsExactly(expected.split(","));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MYSQL      | a--1               | WORD:a,OPERATOR:-,OPERATOR:-,NUMBER:1
      MARIADB    | a--1               | WORD:a,OPERATOR:-,OPERATOR:-,NUMBER:1
      POSTGRESQL | a--1               | WORD:a
      H2         | a--1               | WORD:a
      MYSQL      | a-- 1              | WORD:a
      MYSQL      | ~a--~              | WORD:a
      MYSQL      | ~a--\t1~           | WORD:a
      MYSQL      | a--x               | WORD:a,OPERATOR:-,OPERATOR:-,WORD:x
      MYSQL      | a # b              | WORD:a
      POSTGRESQL | a # b              | WORD:a,OPERATOR:#,WORD:b
      H2         | a // b             | WORD:a
      MYSQL      | a // b             | WORD:a,OPERATOR:/,OPERATOR:/,WORD:b
      MYSQL      | a /* b */ c        | WORD:a,WORD:c
      MYSQL      | a /*+ HINT(x) */ c | WORD:a,WORD:c
      POSTGRESQL | a /* /* b */ c */ d | WORD:a,WORD:d
      MYSQL      | a /* /* b */ c */ d | WORD:a,WORD:c,OPERATOR:*,OPERATOR:/,WORD:d
      MYSQL      | a /*! b */ c       | WORD:a,WORD:b,WORD:c
      MYSQL      | a /*!80000 b*/ c   | WORD:a,WORD:b,WORD:c
      MARIADB    | a /*M!100100 b */ c | WORD:a,WORD:b,WORD:c
      POSTGRESQL | a /*! b */ c       | WORD:a,WORD:c
      MYSQL      | a /*! 'x*/' */ c   | WORD:a,STRING:'x*/',WORD:c
      MYSQL      | a /* unterminated  | WORD:a
      POSTGRESQL | a /* /* */ open    | WORD:a
      """)
  void skipsCommentsByTheDialectsRules(SqlDialect dialect, String sql, String expected) {
    assertThat(tokens(dialect, sql)).containsExactly(expected.split(","));
  }

  /** MariaDB 10.11.19's rules, as measured on that server (a select of 1 with +1 in the comment: 1 or 2). */
  private static final SqlDialect MARIADB_101119 = SqlDialect.MARIADB.withRules(SqlDialect.MARIADB.rules().toBuilder()
      .executableCommentServerVersion(101119).build());
  private static final SqlDialect MYSQL_80036 = SqlDialect.MYSQL.withRules(SqlDialect.MYSQL.rules().toBuilder()
      .executableCommentServerVersion(80036).mariaDbExecutableComments(false).build());

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      a /*!50000 b */ c          | WORD:a,WORD:b,WORD:c
      a /*!50700 b */ c          | WORD:a,WORD:c
      a /*!99999 b */ c          | WORD:a,WORD:c
      a /*!100000 b */ c         | WORD:a,WORD:b,WORD:c
      a /*!101119 b */ c         | WORD:a,WORD:b,WORD:c
      a /*!101120 b */ c         | WORD:a,WORD:c
      a /*!1234567 b */ c        | WORD:a,WORD:c
      a /*!12345 b */ c          | WORD:a,WORD:b,WORD:c
      a /*!1 b */ c              | WORD:a,NUMBER:1,WORD:b,WORD:c
      a /*!50700+1 */ c          | WORD:a,WORD:c
      a /*M!99999 b */ c         | WORD:a,WORD:b,WORD:c
      a /*M!999999 b */ c        | WORD:a,WORD:c
      a /*!999999 b /* x */ d */ c | WORD:a,WORD:c
      a /*!100000 b /* x */ d */ c | WORD:a,WORD:b,WORD:d,WORD:c
      a /*!100000 b /*!100000 d */ | WORD:a,WORD:b,WORD:d
      """)
  void runsTheExecutableCommentsTheServerRuns(String sql, String expected) {
    assertThat(tokens(MARIADB_101119, sql)).containsExactly(expected.split(","));
  }

  @Test
  void readsMariaDbCommentsAsCommentsOnMySql() {
    assertThat(tokens(MYSQL_80036, "a /*M!100000 b */ c /*!80036 d */ /*!80037 e */ /*!50700 f */"))
        .containsExactly("WORD:a", "WORD:c", "WORD:d", "WORD:f");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MARIADB    | a 'b             | true
      MARIADB    | a /* b           | true
      MARIADB    | a /*!100000 b    | true
      MARIADB    | a -- b           | false
      MARIADB    | a 'b\\'         | true
      POSTGRESQL | a 'b\\'         | false
      POSTGRESQL | a $q$ b $          | true
      POSTGRESQL | a /* /* */       | true
      H2         | a $$ b           | true
      MARIADB    | a 'b' /* c */ -- | false
      """)
  void tellsAQuoteOrCommentLeftOpen(SqlDialect dialect, String sql, boolean open) {
    SqlLexer lexer = new SqlLexer(sql, dialect);
    while (lexer.next() != TokenType.END) {
      assertThat(lexer.type()).isNotNull();
    }
    assertThat(lexer.unterminated()).isEqualTo(open);
  }

  @Test
  void endsMySqlLineCommentsOnlyAtALineFeed() {
    assertThat(tokens(SqlDialect.MARIADB, "a # b\r c\n d -- e\r f\n g")).containsExactly("WORD:a", "WORD:d", "WORD:g");
    assertThat(tokens(SqlDialect.POSTGRESQL, "a -- b\r c")).containsExactly("WORD:a", "WORD:c");
  }

  @Test
  void readsH2sUnicodeSpacesAndNestedComments() {
    assertThat(tokens(SqlDialect.H2, "UPDATE\u00a0t\u2028SET\u3000v /* a /* b */ c */ = 1"))
        .containsExactly("WORD:UPDATE", "WORD:t", "WORD:SET", "WORD:v", "OPERATOR:=", "NUMBER:1");
    assertThat(tokens(SqlDialect.MARIADB, "UPDATE\u00a0t")).containsExactly("WORD:UPDATE\u00a0t");
    assertThat(tokens(SqlDialect.POSTGRESQL, "a\u2028b")).containsExactly("WORD:a\u2028b");
  }

  @Test
  void readsStringsByTheSessionsSqlMode() {
    SqlDialect noBackslashAnsi = SqlDialect.MARIADB.withRules(SqlDialect.MARIADB.rules().toBuilder()
        .backslashEscapes(false).doubleQuotedStrings(false).build());
    assertThat(tokens(noBackslashAnsi, "'a\\' ; \"b\\\" c")).containsExactly("STRING:'a\\'", "SEMICOLON:;",
        "QUOTED_IDENTIFIER:\"b\\\"", "WORD:c");
    assertThat(noBackslashAnsi.grammar()).isSameAs(SqlDialect.MARIADB);
    assertThat(noBackslashAnsi.isMySqlFamily()).isTrue();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MYSQL      | @@mydb_head            | SYSTEM_VARIABLE:@@mydb_head
      MYSQL      | @@session.mydb_head=1  | SYSTEM_VARIABLE:@@session.mydb_head,OPERATOR:=,NUMBER:1
      MYSQL      | @v := @`w x`           | USER_VARIABLE:@v,OPERATOR::,OPERATOR:=,USER_VARIABLE:@`w x`
      MYSQL      | @'a b'                 | USER_VARIABLE:@'a b'
      POSTGRESQL | a @@ b                 | WORD:a,OPERATOR:@@,WORD:b
      POSTGRESQL | a @> b                 | WORD:a,OPERATOR:@,OPERATOR:>,WORD:b
      POSTGRESQL | a ?? b ?               | WORD:a,OPERATOR:??,WORD:b,PARAMETER:?
      MYSQL      | a ?? b                 | WORD:a,PARAMETER:?,PARAMETER:?,WORD:b
      H2         | 1.5e-3 .5 0x1F 7       | NUMBER:1.5e-3,NUMBER:.5,NUMBER:0x1F,NUMBER:7
      MYSQL      | 1abc a1$               | WORD:1abc,WORD:a1$
      MYSQL      | .5abc                  | NUMBER:.5,WORD:abc
      MYSQL      | tëst_ü                 | WORD:tëst_ü
      MYSQL      | 'open                  | STRING:'open
      POSTGRESQL | $$open                 | STRING:$$open
      POSTGRESQL | "open                  | QUOTED_IDENTIFIER:"open
      """)
  void readsVariablesParametersNumbersAndWords(SqlDialect dialect, String sql, String expected) {
    assertThat(tokens(dialect, sql)).containsExactly(expected.split(","));
  }

  @ParameterizedTest
  @MethodSource("io.doltsync.sql.SqlDialect#values")
  void recognisesKeywordsInAnyCase(SqlDialect dialect) {
    SqlLexer lexer = new SqlLexer("sElEcT system_time dolt_log", dialect);
    lexer.next();
    assertThat(lexer.keyword()).isEqualTo(Keyword.SELECT);
    lexer.next();
    assertThat(lexer.keyword()).isEqualTo(Keyword.SYSTEM_TIME);
    lexer.next();
    assertThat(lexer.keyword()).isNull();
  }
}
