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
      "CREATE TABLE tag (code VARCHAR(8) PRIMARY KEY, label VARCHAR(20))",
      "CREATE TABLE line (o INT NOT NULL, n INT NOT NULL, qty INT, PRIMARY KEY (o, n))",
      "CREATE TABLE stamped (id INT PRIMARY KEY, n INT, t TIMESTAMP NULL)",
  };

  /** The schema, with a table whose TIMESTAMP column is {@code ON UPDATE} where the primary has the clause. */
  private static String[] schema(PrimaryKind kind) {
    if (kind == PrimaryKind.POSTGRES) {
      return SCHEMA;
    }
    String[] schema = java.util.Arrays.copyOf(SCHEMA, SCHEMA.length + 1);
    schema[SCHEMA.length] = "CREATE TABLE touched (id INT PRIMARY KEY, n INT, t TIMESTAMP NULL ON UPDATE CURRENT_TIMESTAMP)";
    return schema;
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void rowsComeFromTheStatementOnlyWhenItDeterminesThem(PrimaryKind kind) throws Exception {
    try (PlannerFixture fixture = new PlannerFixture(kind, SCHEMA)) {
      assertThat(fixture.effects("INSERT INTO log (n, note) VALUES (?, ?)")).isEqualTo(Map.of("log", "InsertedRows"));
      assertThat(fixture.effects("INSERT INTO log VALUES (1, 'a'), (1, 'a')")).isEqualTo(Map.of("log", "InsertedRows"));
      assertThat(fixture.effects("INSERT INTO log (n) VALUES (?)"))
          .as("a nullable column without a default left out: stored as NULL").isEqualTo(Map.of("log", "InsertedRows"));
      assertThat(fixture.effects("INSERT INTO log (n, note) VALUES (?, UPPER(?))"))
          .as("a value computed by the database").isEqualTo(Map.of("log", "WholeTable"));
      assertThat(fixture.effects("INSERT INTO log (n, note) SELECT id, name FROM item"))
          .isEqualTo(Map.of("log", "WholeTable"));
      assertThat(fixture.effects("UPDATE log SET note = ? WHERE n = ?"))
          .as("rows read before it, assignments applied (no ON UPDATE column left unassigned)")
          .isEqualTo(Map.of("log", "KeylessRows"));
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
          .as("a nullable column without a default left out: stored as NULL").isEqualTo(Map.of("item", "InsertedImages"));
      assertThat(fixture.effects("INSERT INTO item (id, name, qty) VALUES (?, ?, 1 + ?)"))
          .isEqualTo(Map.of("item", "KnownKeys"));
      assertThat(fixture.effects("INSERT INTO item_with_default (id, name, qty) VALUES (?, ?, ?)"))
          .isEqualTo(Map.of("item_with_default", "InsertedImages"));
      assertThat(fixture.effects("INSERT INTO item_with_default (id, name) VALUES (?, ?)"))
          .isEqualTo(Map.of("item_with_default", "KnownKeys"));
    }
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void anUpdateByIntegerKeyOfEveryColumnKeepsItsImage(PrimaryKind kind) throws Exception {
    String known = "UpdatedImages";
    try (PlannerFixture fixture = new PlannerFixture(kind, schema(kind))) {
      assertThat(fixture.effects("UPDATE item SET name = ?, qty = ? WHERE id = ?")).isEqualTo(Map.of("item", known));
      assertThat(fixture.effects("UPDATE item SET qty = 3, name = 'x' WHERE id = 7")).isEqualTo(Map.of("item", known));
      assertThat(fixture.effects("UPDATE item SET name = ?, qty = ? WHERE id = ? AND qty = ?"))
          .as("an extra condition: the update count still tells whether it matched").isEqualTo(Map.of("item", known));
      assertThat(fixture.effects("UPDATE line SET qty = ? WHERE n = ? AND o = ?")).isEqualTo(Map.of("line", known));
      // MariaDB: columns changed in place, journaled as such (no TIMESTAMP column left unassigned in item)
      String changed = kind == PrimaryKind.MARIADB ? "ChangedColumns" : "KnownKeys";
      assertThat(fixture.effects("UPDATE item SET name = ? WHERE id = ?"))
          .as("a column left as it was").isEqualTo(Map.of("item", changed));
      assertThat(fixture.effects("UPDATE item SET name = ?, qty = qty + 1 WHERE id = ?"))
          .as("an amount added").isEqualTo(Map.of("item", changed));
      assertThat(fixture.effects("UPDATE item SET name = ?, qty = qty * 2 WHERE id = ?"))
          .as("a value computed by the database").isEqualTo(Map.of("item", "KnownKeys"));
      assertThat(fixture.effects("UPDATE item SET qty = qty + 1, qty = qty + 1 WHERE id = ?"))
          .as("a column assigned twice").isEqualTo(Map.of("item", "KnownKeys"));
      assertThat(fixture.effects("UPDATE item SET name = name + 1 WHERE id = ?"))
          .as("an amount added to a text column").isEqualTo(Map.of("item", "KnownKeys"));
      assertThat(fixture.effects("UPDATE stamped SET n = n + 1 WHERE id = ?"))
          .as("a TIMESTAMP column left unassigned that the catalog says is not ON UPDATE")
          .isEqualTo(Map.of("stamped", changed));
      assertThat(fixture.effects("UPDATE stamped SET n = n + 1, t = ? WHERE id = ?"))
          .isEqualTo(Map.of("stamped", changed));
      if (kind != PrimaryKind.POSTGRES) {
        assertThat(fixture.effects("UPDATE touched SET n = n + 1 WHERE id = ?"))
            .as("an ON UPDATE column left unassigned changes too").isEqualTo(Map.of("touched", "KnownKeys"));
        assertThat(fixture.effects("UPDATE touched SET n = n + 1, t = ? WHERE id = ?"))
            .as("an ON UPDATE column assigned keeps what it is given").isEqualTo(Map.of("touched", changed));
        assertThat(fixture.effects("UPDATE touched SET n = ?, t = ? WHERE id = ?"))
            .as("every column given").isEqualTo(Map.of("touched", known));
      }
      assertThat(fixture.effects("UPDATE tag SET label = ? WHERE code = ?"))
          .as("a text key may match a row whose key is stored otherwise").isEqualTo(Map.of("tag", "KnownKeys"));
      assertThat(fixture.effects("UPDATE item SET id = ?, name = ?, qty = ? WHERE id = ?"))
          .as("a key that moves").isEqualTo(Map.of("item", "KnownKeys"));
      assertThat(fixture.effects("DELETE FROM item WHERE id = ?"))
          .as("MariaDB: the row deleted by its whole integer key is known from the update count")
          .isEqualTo(Map.of("item", kind == PrimaryKind.MARIADB ? "DeletedKey" : "KnownKeys"));
      assertThat(fixture.effects("DELETE FROM tag WHERE code = ?"))
          .as("a text key may match a row whose key is stored otherwise").isEqualTo(Map.of("tag", "KnownKeys"));
      String preSelectedChanges = kind == PrimaryKind.MARIADB ? "PreSelectedColumnChanges" : "PreSelected";
      assertThat(fixture.effects("UPDATE line SET qty = ? WHERE o = ?"))
          .as("rows found by a partial key, changed by determined values").isEqualTo(Map.of("line", preSelectedChanges));
      assertThat(fixture.effects("UPDATE line SET qty = qty + ? WHERE o BETWEEN ? AND ?"))
          .as("an amount added").isEqualTo(Map.of("line", preSelectedChanges));
      assertThat(fixture.effects("UPDATE line SET qty = qty * 2 WHERE o = ?"))
          .as("a value computed by the database").isEqualTo(Map.of("line", "PreSelected"));
      assertThat(fixture.effects("UPDATE line SET n = ? WHERE o = ?"))
          .as("a key that moves").isEqualTo(Map.of("line", "PreSelected"));
      if (kind != PrimaryKind.POSTGRES) {
        assertThat(fixture.effects("UPDATE touched SET n = ? WHERE n > ?"))
            .as("an ON UPDATE column left unassigned").isEqualTo(Map.of("touched", "PreSelected"));
      }
    }
  }
}
