package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.mirror.RowChanges;
import io.doltsync.testing.PrimaryKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Which tables a write captures through foreign-key actions, on each primary's real metadata: an UPDATE
 * cascades only through ON UPDATE actions of the columns it sets, a DELETE only through ON DELETE actions,
 * each hop with the action of its own edge, and RESTRICT / NO ACTION never widen the capture.
 */
class CascadePlanningTest {

  /** p ← children with each action; grandchildren continue the chains; emp references itself. */
  private static final String[] SCHEMA = {
      "CREATE TABLE p (id INT PRIMARY KEY, code INT NOT NULL UNIQUE, name VARCHAR(20))",
      "CREATE TABLE c_del (id INT PRIMARY KEY, p_id INT, FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE CASCADE)",
      "CREATE TABLE c_upd (id INT PRIMARY KEY, p_code INT UNIQUE,"
          + " FOREIGN KEY (p_code) REFERENCES p (code) ON UPDATE CASCADE)",
      "CREATE TABLE c_null (id INT PRIMARY KEY, p_id INT, FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE SET NULL)",
      "CREATE TABLE c_restrict (id INT PRIMARY KEY, p_id INT, FOREIGN KEY (p_id) REFERENCES p (id))",
      "CREATE TABLE g_del (id INT PRIMARY KEY, c_id INT,"
          + " FOREIGN KEY (c_id) REFERENCES c_del (id) ON DELETE CASCADE)",
      "CREATE TABLE g_upd (id INT PRIMARY KEY, c_code INT,"
          + " FOREIGN KEY (c_code) REFERENCES c_upd (p_code) ON UPDATE CASCADE ON DELETE CASCADE)",
      "CREATE TABLE g_null (id INT PRIMARY KEY, c_id INT,"
          + " FOREIGN KEY (c_id) REFERENCES c_null (id) ON DELETE CASCADE ON UPDATE CASCADE)",
      "CREATE TABLE emp (id INT PRIMARY KEY, boss INT, name VARCHAR(20),"
          + " FOREIGN KEY (boss) REFERENCES emp (id) ON DELETE CASCADE)",
  };

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void eachStatementCapturesOnlyTheTablesItsActionsReach(PrimaryKind kind) throws Exception {
    try (PlannerFixture fixture = new PlannerFixture(kind, SCHEMA)) {
      assertThat(fixture.effects("UPDATE p SET name = ? WHERE id = ?"))
          .as("an update of a non-referenced column fires nothing (MariaDB: journaled as the column's change)")
          .isEqualTo(Map.of("p", kind == PrimaryKind.MARIADB ? "ChangedColumns" : "KnownKeys"));
      assertThat(fixture.effects("UPDATE p SET name = 'x' WHERE name LIKE 'a%'"))
          .containsOnlyKeys("p");
      assertThat(fixture.effects("UPDATE p SET code = code + 1 WHERE id = ?"))
          .as("setting a referenced column: ON UPDATE CASCADE to c_upd, on to g_upd through its own edge")
          .containsOnlyKeys("p", "c_upd", "g_upd")
          .containsEntry("c_upd", "WholeTable").containsEntry("g_upd", "WholeTable");
      assertThat(fixture.effects("UPDATE p SET id = ? WHERE id = ?"))
          .as("c_del and c_null have no ON UPDATE action, c_restrict restricts").containsOnlyKeys("p");
      assertThat(fixture.effects("DELETE FROM p WHERE id = ?"))
          .as("ON DELETE CASCADE to c_del and on to g_del; SET NULL updates c_null.p_id, which g_null does not"
              + " reference; c_upd has no ON DELETE action, so g_upd is not reached")
          .containsOnlyKeys("p", "c_del", "g_del", "c_null");
      assertThat(fixture.effects("DELETE FROM c_upd WHERE id = ?")).containsOnlyKeys("c_upd", "g_upd");
      assertThat(fixture.effects("INSERT INTO p (id, code, name) VALUES (?, ?, ?)")).containsOnlyKeys("p");
      assertThat(fixture.effects("UPDATE c_null SET p_id = NULL WHERE id = ?"))
          .as("c_null.p_id is not referenced by g_null").containsOnlyKeys("c_null");
      assertThat(fixture.effects("UPDATE c_null SET id = ? WHERE id = ?")).containsOnlyKeys("c_null", "g_null");
      assertThat(fixture.effects("UPDATE emp SET name = ? WHERE id = ?"))
          .isEqualTo(Map.of("emp", kind == PrimaryKind.MARIADB ? "ChangedColumns" : "KnownKeys"));
      assertThat(fixture.effects("DELETE FROM emp WHERE id = ?"))
          .as("a self-referencing cascade deletes rows the WHERE does not name: the table is copied")
          .isEqualTo(Map.of("emp", "WholeTable"));
    }
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void upsertsCascadeAsTheOperationsTheyRun(PrimaryKind kind) throws Exception {
    try (PlannerFixture fixture = new PlannerFixture(kind, SCHEMA)) {
      switch (kind) {
        case MARIADB -> {
          assertThat(fixture.effects("INSERT INTO p (id, code, name) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE name = ?"))
              .containsOnlyKeys("p");
          assertThat(fixture.effects("INSERT INTO p (id, code, name) VALUES (?, ?, ?)"
              + " ON DUPLICATE KEY UPDATE code = VALUES(code)")).containsOnlyKeys("p", "c_upd", "g_upd");
          assertThat(fixture.effects("REPLACE INTO p (id, code, name) VALUES (?, ?, ?)"))
              .as("REPLACE deletes the row it collides with").containsOnlyKeys("p", "c_del", "g_del", "c_null");
          assertThat(fixture.effects("INSERT IGNORE INTO p (id, code, name) VALUES (?, ?, ?)")).containsOnlyKeys("p");
        }
        case POSTGRES -> {
          assertThat(fixture.effects("INSERT INTO p (id, code, name) VALUES (?, ?, ?)"
              + " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name")).containsOnlyKeys("p");
          assertThat(fixture.effects("INSERT INTO p (id, code, name) VALUES (?, ?, ?)"
              + " ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code")).containsOnlyKeys("p", "c_upd", "g_upd");
          assertThat(fixture.effects("INSERT INTO p (id, code, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"))
              .containsOnlyKeys("p");
        }
        case H2 -> assertThat(fixture.effects("MERGE INTO p KEY (id) VALUES (?, ?, ?)"))
            .as("a MERGE may update any column (and, as SQL MERGE, delete)")
            .containsOnlyKeys("p", "c_upd", "g_upd", "c_del", "g_del", "c_null");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void theCatalogFollowsEachEdgeWithItsOwnAction(PrimaryKind kind) throws Exception {
    try (PlannerFixture fixture = new PlannerFixture(kind, SCHEMA)) {
      Map<String, RowChanges> deleted = fixture.catalog().dependents("p", RowChanges.DELETE);
      assertThat(deleted).containsOnlyKeys("c_del", "g_del", "c_null");
      assertThat(deleted.get("c_del")).isEqualTo(RowChanges.DELETE);
      assertThat(deleted.get("c_null")).isEqualTo(RowChanges.updating(List.of("p_id")));
      Map<String, RowChanges> recoded = fixture.catalog().dependents("p", RowChanges.updating(List.of("CODE")));
      assertThat(recoded).containsOnlyKeys("c_upd", "g_upd");
      assertThat(recoded.get("g_upd")).isEqualTo(RowChanges.updating(List.of("c_code")));
      assertThat(fixture.catalog().dependents("p", RowChanges.NONE)).isEmpty();
      assertThat(fixture.catalog().dependents("c_restrict", RowChanges.ANY)).isEmpty();
    }
  }
}
