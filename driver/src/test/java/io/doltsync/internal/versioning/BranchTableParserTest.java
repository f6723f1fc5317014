package io.doltsync.internal.versioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BranchTableParserTest {

  @Test
  void insertRowsFollowTheColumnList() throws Exception {
    BranchTableWrite write = parse("INSERT INTO dolt_branches (hash, name) VALUES (@@shop_head, 'a'), (?, CONCAT('b', 1))",
        "h");

    assertThat(write).isInstanceOfSatisfying(BranchTableWrite.Create.class, create -> {
      assertThat(create.branches()).extracting(branch -> branch.name().sql()).containsExactly("'a'", "CONCAT('b', 1)");
      assertThat(create.branches()).extracting(branch -> branch.hash().sql()).containsExactly("@@shop_head", "?");
    });
  }

  @Test
  void insertWithoutColumnListIsNameThenHash() throws Exception {
    BranchTableWrite.Create create = (BranchTableWrite.Create) parse("INSERT INTO `shop`.dolt_branches VALUES ('a', 'h')");

    assertThat(create.branches().get(0).name().sql()).isEqualTo("'a'");
  }

  @Test
  void compareAndSwapIn2020Spelling() throws Exception {
    BranchTableWrite write = parse("UPDATE dolt_branches SET hash = COMMIT(\"x\") WHERE name == \"master\""
        + " and hash == @@mydb_head");

    assertThat(write).isInstanceOfSatisfying(BranchTableWrite.Move.class, move -> {
      assertThat(move.target().sql()).isEqualTo("COMMIT(\"x\")");
      assertThat(move.name().sql()).isEqualTo("\"master\"");
      assertThat(move.expected().sql()).isEqualTo("@@mydb_head");
    });
  }

  @Test
  void guardMayComeFirstOrBeAbsent() throws Exception {
    BranchTableWrite.Move guarded = (BranchTableWrite.Move) parse(
        "UPDATE dolt_branches SET hash = ? WHERE hash = ? AND name = ?", "target", "expected", "name");
    BranchTableWrite.Delete unguarded = (BranchTableWrite.Delete) parse("DELETE FROM dolt_branches WHERE name = 'b'");

    assertThat(guarded.expected().parameters()).containsExactly("expected");
    assertThat(guarded.name().parameters()).containsExactly("name");
    assertThat(unguarded.expected()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "UPDATE dolt_branches SET name = 'x' WHERE name = 'a'",
      "UPDATE dolt_branches SET hash = 'x' WHERE name = 'a' OR name = 'b'",
      "UPDATE dolt_branches SET hash = 'x' WHERE hash = 'a'",
      "DELETE FROM dolt_branches WHERE name = 'a' AND name = 'b'",
      "INSERT INTO dolt_branches (name) VALUES ('a')",
      "INSERT INTO dolt_branches VALUES ('a', 'h', 'extra')",
      "REPLACE INTO dolt_branches VALUES ('a', 'h')",
      "TRUNCATE dolt_branches",
      "INSERT INTO other.dolt_branches VALUES ('a', 'h')",
  })
  void otherWritesToTheTableAreNotSupported(String sql) {
    assertThatThrownBy(() -> parse(sql)).isInstanceOf(SQLFeatureNotSupportedException.class);
  }

  @Test
  void statementsNotWritingTheTableAreNotItsBusiness() throws Exception {
    assertThat(parse("SELECT * FROM dolt_branches")).isNull();
    assertThat(parse("INSERT INTO orders SELECT 1 FROM dolt_branches")).isNull();
  }

  private static BranchTableWrite parse(String sql, Object... values) throws Exception {
    return BranchTableParser.parse(SqlText.of(sql, List.of(values)), "shop");
  }
}
