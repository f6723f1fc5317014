package io.doltsync.sql.lex;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.sql.SqlDialect;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenListTest {

  private static List<String> statements(SqlDialect dialect, String sql) {
    TokenList tokens = TokenList.of(sql, dialect);
    return tokens.statements().stream().map(range -> tokens.sourceText(range.from(), range.to())).toList();
  }

  @Test
  void recordsOffsetsKeywordsDepthAndParameterNumbers() {
    TokenList tokens = TokenList.of("UPDATE t SET a = ? WHERE b IN (?, (?))", SqlDialect.MYSQL);
    assertThat(tokens.size()).isEqualTo(16);
    assertThat(tokens.keyword(0)).isEqualTo(Keyword.UPDATE);
    assertThat(tokens.tokenText(1)).isEqualTo("t");
    assertThat(tokens.start(1)).isEqualTo(7);
    assertThat(tokens.end(1)).isEqualTo(8);
    assertThat(tokens.type(5)).isEqualTo(TokenType.PARAMETER);
    assertThat(tokens.parametersBefore(5)).isZero();
    assertThat(tokens.parametersBefore(6)).isEqualTo(1);
    assertThat(tokens.parameterCount()).isEqualTo(3);
    assertThat(tokens.depth(9)).as("the ( itself").isZero();
    assertThat(tokens.depth(10)).isEqualTo(1);
    assertThat(tokens.depth(13)).isEqualTo(2);
    assertThat(tokens.depth(15)).as("the last )").isEqualTo(1);
    assertThat(tokens.sourceText(6, 16)).isEqualTo("WHERE b IN (?, (?))");
  }

  @Test
  void growsPastItsInitialCapacity() {
    String sql = "INSERT INTO t VALUES " + "(?, 'x', 1),".repeat(100) + "(?, 'y', 2)";
    TokenList tokens = TokenList.of(sql, SqlDialect.POSTGRESQL);
    assertThat(tokens.size()).isEqualTo(4 + 101 * 7 + 100);
    assertThat(tokens.parameterCount()).isEqualTo(101);
    assertThat(tokens.tokenText(tokens.size() - 2)).isEqualTo("2");
  }

  @Test
  void listsWordsAndQuotedIdentifiersUnquotedButNotStrings() {
    TokenList mySql = TokenList.of("SELECT `Order`.id, \"str\" FROM s.`Order` WHERE x = 'lit'", SqlDialect.MYSQL);
    assertThat(mySql.identifiers()).containsExactly("SELECT", "Order", "id", "FROM", "s", "WHERE", "x");
    TokenList postgres = TokenList.of("SELECT \"a\"\"b\" FROM t", SqlDialect.POSTGRESQL);
    assertThat(postgres.identifiers()).containsExactly("SELECT", "a\"b", "FROM", "t");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      MYSQL      | SELECT 1                                    | SELECT 1
      MYSQL      | SELECT 1; ; DELETE FROM t;                  | SELECT 1,DELETE FROM t
      MYSQL      | ;;SELECT 1;;                                | SELECT 1
      MYSQL      | SELECT ';'; SELECT 2 -- ; x                 | SELECT ';',SELECT 2
      POSTGRESQL | SELECT $$;$$; SELECT 2                      | SELECT $$;$$,SELECT 2
      MYSQL      | CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END; CALL p() | CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END,CALL p()
      MYSQL      | CREATE TRIGGER g BEFORE INSERT ON t FOR EACH ROW BEGIN IF NEW.a < 0 THEN SET NEW.a = 0; END IF; END | CREATE TRIGGER g BEFORE INSERT ON t FOR EACH ROW BEGIN IF NEW.a < 0 THEN SET NEW.a = 0; END IF; END
      MYSQL      | CREATE PROCEDURE p() BEGIN CASE x WHEN 1 THEN SELECT 1; END CASE; SELECT 2; END; SELECT 3 | CREATE PROCEDURE p() BEGIN CASE x WHEN 1 THEN SELECT 1; END CASE; SELECT 2; END,SELECT 3
      MYSQL      | CREATE PROCEDURE p() BEGIN WHILE x DO SET x = 0; END WHILE; END | CREATE PROCEDURE p() BEGIN WHILE x DO SET x = 0; END WHILE; END
      MYSQL      | CREATE TABLE t (begin INT); DELETE FROM u   | CREATE TABLE t (begin INT),DELETE FROM u
      MYSQL      | CREATE VIEW v AS SELECT begin FROM t; DELETE FROM u | CREATE VIEW v AS SELECT begin FROM t,DELETE FROM u
      MYSQL      | SELECT begin FROM t; DELETE FROM u          | SELECT begin FROM t,DELETE FROM u
      MYSQL      | BEGIN; UPDATE t SET a = 1; COMMIT           | BEGIN,UPDATE t SET a = 1,COMMIT
      POSTGRESQL | BEGIN; UPDATE t SET a = 1; END;             | BEGIN,UPDATE t SET a = 1,END
      POSTGRESQL | SELECT CASE WHEN a THEN 1 END FROM t; SELECT 2 | SELECT CASE WHEN a THEN 1 END FROM t,SELECT 2
      ORACLE     | BEGIN UPDATE t SET a = 1; DELETE FROM u; END; | BEGIN UPDATE t SET a = 1; DELETE FROM u; END
      ORACLE     | DELETE FROM t WHERE id = 1;                 | DELETE FROM t WHERE id = 1
      """)
  void splitsStatementsAtTopLevelSemicolons(SqlDialect dialect, String sql, String expected) {
    assertThat(statements(dialect, sql)).containsExactly(expected.split(","));
  }

  @Test
  void hasNoStatementsWithoutTokens() {
    assertThat(TokenList.of(" -- nothing\n/* here */", SqlDialect.MYSQL).statements()).isEmpty();
    assertThat(TokenList.of("", SqlDialect.H2).size()).isZero();
  }
}
