package io.doltsync.internal.versioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.versioning.VersionFunctionCall.Function;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionFunctionCallTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "SELECT DOLT_COMMIT('-am', 'x')                                     | [DOLT_COMMIT]",
      "UPDATE dolt_branches SET hash = commit('x') WHERE name = merge('b') | [COMMIT, MERGE]",
      "SET @@shop_head = MERGE(COMMIT('-m', 'x'))                         | [MERGE]",
      "CALL DOLT_COMMIT('-m', 'x')                                        | []",
      "CALL dolt_branch('b', COMMIT('-m', 'x'))                           | [COMMIT]",
      "COMMIT                                                             | []",
      "SELECT 'commit(1)', `merge` FROM t                                 | []",
      "SELECT shop.commit('x')                                            | []",
  })
  void finds(String sql, String functions) throws Exception {
    assertThat(VersionFunctionCall.find(SqlText.of(sql)).stream().map(VersionFunctionCall::function).toList())
        .hasToString(functions);
  }

  @Test
  void argumentsAreTheItemsOfTheCall() throws Exception {
    SqlText text = SqlText.of("SELECT COMMIT('-m', ?, '--author', 'A <a@x>')", List.of("msg"));
    VersionFunctionCall call = VersionFunctionCall.find(text).get(0);

    assertThat(call.function()).isEqualTo(Function.COMMIT);
    assertThat(call.arguments(text)).extracting(SqlText::sql).containsExactly("'-m'", "?", "'--author'", "'A <a@x>'");
    assertThat(call.arguments(text).get(1).parameters()).containsExactly("msg");
  }
}
