package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.PrimaryKind;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Where the planner takes a write's rows from, on each primary's real metadata: the statement's own values
 * (a keyless table's added rows, a keyed table's images) only when the statement alone determines every
 * column; keys read at commit, or a whole-table copy, otherwise.
 */
class RowSourcePlanningTest {

  private static final String[] SCHEMA = {
      "CREATE TABLE log (n INT, note VARCHAR(20))",
      "CREATE TABLE log_with_default (n INT, note VARCHAR(20) DEFAULT 'none')",
      "CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20), qty INT)",
      "CREATE TABLE item_with_default (id INT PRIMARY KEY, name VARCHAR(20), qty INT DEFAULT 0)",
  };

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void rowsComeFromTheStatementOnlyWhenItDeterminesThem(PrimaryKind kind) throws Exception {
    try (PlannerFixture fixture = new PlannerFixture(kind, SCHEMA)) {
      assertThat(fixture.effects("INSERT INTO log (n, note) VALUES (?, ?)")).isEqualTo(Map.of("log", "InsertedRows"));
      assertThat(fixture.effects("INSERT INTO log VALUES (1, 'a'), (1, 'a')")).isEqualTo(Map.of("log", "InsertedRows"));
      assertThat(fixture.effects("INSERT INTO log (n) VALUES (?)"))
          .as("a column left to its default").isEqualTo(Map.of("log", "WholeTable"));
      assertThat(fixture.effects("INSERT INTO log (n, note) VALUES (?, UPPER(?))"))
          .as("a value computed by the database").isEqualTo(Map.of("log", "WholeTable"));
      assertThat(fixture.effects("INSERT INTO log (n, note) SELECT id, name FROM item"))
          .isEqualTo(Map.of("log", "WholeTable"));
      assertThat(fixture.effects("UPDATE log SET note = ? WHERE n = ?"))
          .as("rows read before it, assignments applied; H2 columns may have ON UPDATE expressions")
          .isEqualTo(Map.of("log", kind == PrimaryKind.H2 ? "WholeTable" : "KeylessRows"));
      assertThat(fixture.effects("DELETE FROM log WHERE n = ?")).isEqualTo(Map.of("log", "KeylessRows"));
      assertThat(fixture.effects("DELETE FROM log")).isEqualTo(Map.of("log", "KeylessRows"));
      assertThat(fixture.effects("UPDATE log SET n = n + 1 WHERE note = ?"))
          .as("an assignment computed by the database").isEqualTo(Map.of("log", "WholeTable"));
      if (kind == PrimaryKind.MARIADB) {
        assertThat(fixture.effects("DELETE FROM log WHERE n = ? LIMIT 1"))
            .as("which rows a LIMIT picks depends on scan order").isEqualTo(Map.of("log", "WholeTable"));
      }
      assertThat(fixture.effects("INSERT INTO log_with_default (n, note) VALUES (?, ?)"))
          .as("a default plays no part when every column is given").isEqualTo(Map.of("log_with_default", "InsertedRows"));
      assertThat(fixture.effects("INSERT INTO log_with_default (n) VALUES (?)"))
          .as("a column left to its default").isEqualTo(Map.of("log_with_default", "WholeTable"));

      assertThat(fixture.effects("INSERT INTO item (id, name, qty) VALUES (?, ?, ?)"))
          .isEqualTo(Map.of("item", "InsertedImages"));
      assertThat(fixture.effects("INSERT INTO item (id, name) VALUES (?, ?)"))
          .as("a column left out: the row is read at commit").isEqualTo(Map.of("item", "KnownKeys"));
      assertThat(fixture.effects("INSERT INTO item (id, name, qty) VALUES (?, ?, 1 + ?)"))
          .isEqualTo(Map.of("item", "KnownKeys"));
      assertThat(fixture.effects("INSERT INTO item_with_default (id, name, qty) VALUES (?, ?, ?)"))
          .isEqualTo(Map.of("item_with_default", "InsertedImages"));
      assertThat(fixture.effects("INSERT INTO item_with_default (id, name) VALUES (?, ?)"))
          .isEqualTo(Map.of("item_with_default", "KnownKeys"));
    }
  }
}
