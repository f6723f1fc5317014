package io.doltsync.internal.versioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeadAssignmentTest {

  @Test
  void valueIsTheExpressionAfterTheEqualsSign() throws Exception {
    assertThat(parse("SET @@shop_head = HASHOF('main')").value().sql()).isEqualTo("HASHOF('main')");
    assertThat(parse("SET @@SESSION.Shop_Head := ?;").value().parameters()).containsExactly("v");
  }

  @Test
  void defaultHasNoValue() throws Exception {
    assertThat(parse("SET @@shop_head = DEFAULT").value()).isNull();
  }

  @Test
  void otherVariablesAreNotTheHead() throws Exception {
    assertThat(parse("SET @@shop_head_ref = 'main'")).isNull();
    assertThat(parse("SET @@other_head = 'x'")).isNull();
    assertThat(parse("SET @shop_head = 'x'")).isNull();
  }

  @Test
  void theHeadMustBeTheOnlyAssignment() {
    assertThatThrownBy(() -> parse("SET @@shop_head = 'x', @a = 1")).hasMessageContaining("only assignment");
  }

  private static HeadAssignment parse(String sql) throws Exception {
    return HeadAssignment.parse(SqlText.of(sql, sql.contains("?") ? List.of("v") : List.of()), "shop");
  }
}
