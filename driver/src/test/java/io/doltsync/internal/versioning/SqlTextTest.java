package io.doltsync.internal.versioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTextTest {

  @Test
  void itemsKeepTheirParameterValues() throws Exception {
    SqlText text = SqlText.of("SELECT f(?, 'a,b', g(?, 1)) FROM t WHERE x = ?", List.of("p1", "p2", "p3"));

    List<SqlText> items = text.items(2, text.closingParen(2));

    assertThat(items).extracting(SqlText::sql).containsExactly("?", "'a,b'", "g(?, 1)");
    assertThat(items).extracting(SqlText::parameters).containsExactly(List.of("p1"), List.of(), List.of("p2"));
  }

  @Test
  void replacedRangesBecomeBoundMarkersInOrder() throws Exception {
    SqlText text = SqlText.of("UPDATE t SET a = f(?, ?) /* keep */ WHERE b = ? AND c = g(?)", List.of(1, 2, 3, 4));

    SqlText replaced = text.replace(List.of(new SqlText.Replacement(5, 11, "F"), new SqlText.Replacement(18, 22, "G")));

    assertThat(replaced.sql()).isEqualTo("UPDATE t SET a = ? /* keep */ WHERE b = ? AND c = ?");
    assertThat(replaced.parameters()).containsExactly("F", 3, "G");
  }

  @Test
  void statementsSplitAtSeparatorsButNotInsideRoutineBodiesOrStrings() throws Exception {
    SqlText text = SqlText.of("SELECT ?; ;CALL DOLT_COMMIT('-m', 'a;b'); DROP TABLE t; -- ', 'x')", List.of(7));

    assertThat(text.statements()).extracting(SqlText::sql)
        .containsExactly("SELECT ?", "CALL DOLT_COMMIT('-m', 'a;b')", "DROP TABLE t");
    assertThat(text.statements().get(0).parameters()).containsExactly(7);
    assertThat(SqlText.of("CREATE PROCEDURE p() BEGIN DELETE FROM t; SELECT 1; END").statements()).hasSize(1);
    assertThat(SqlText.of("SELECT 1;").statements()).extracting(SqlText::sql).containsExactly("SELECT 1");
  }

  @Test
  void moreMarkersThanValuesIsAnError() {
    assertThatThrownBy(() -> SqlText.of("SELECT ?, ?", List.of(1)))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("07001"));
  }

  @Test
  void quotedIdentifiersDoubleTheirBackticks() {
    assertThat(SqlText.quoteIdentifier("we`ird")).isEqualTo("`we``ird`");
  }
}
