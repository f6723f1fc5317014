package io.doltsync.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sync process killed (SIGKILL) after its {@code CREATE TABLE}s and before its commit. Dolt 1.86.4 applies DDL to
 * the branch's working set at once, outside the run's SQL transaction: the test first shows that the kill leaves
 * the new tables in the working set (the head unchanged), then that the next run starts from the head alone: a
 * leftover table the source no longer has is not committed, and a leftover whose source table changed shape since
 * is created anew rather than compared (and refused) as if Dolt had it.
 */
class SyncKilledAfterDdlTest {

  @AfterEach
  void dropWhatTheTestCreated() throws java.sql.SQLException {
    SyncSource.dropCreated();
  }

  @Test
  void aRunKilledAfterItsCreateTablesLeavesNothingTheNextRunCommits() throws Exception {
    SyncSource db = SyncSource.mariadb();
    db.execute("CREATE TABLE kept (id INT PRIMARY KEY, v VARCHAR(10))", "INSERT INTO kept VALUES (1, 'a')");
    new SyncEngine(db.options()).run(new SyncEngine.Listener() {});
    String head = db.doltRows("SELECT HASHOF('main')").get(0);
    db.execute("CREATE TABLE gone (id INT PRIMARY KEY, v VARCHAR(10))", "INSERT INTO gone VALUES (1, 'g')",
        "CREATE TABLE reshaped (id INT PRIMARY KEY, v VARCHAR(10), w INT)", "INSERT INTO reshaped VALUES (1, 'r', 1)");

    Process holder = SyncHoldingTheLock.start(db);
    try {
      SyncHoldingTheLock.awaitHolding(holder);
    } finally {
      holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    assertThat(db.doltRows("SELECT HASHOF('main')")).containsExactly(head);
    assertThat(db.doltRows("SELECT table_name, status FROM dolt_status ORDER BY table_name"))
        .as("what Dolt itself leaves after a kill: the DDL, outside the run's transaction")
        .containsExactly("gone|new table", "reshaped|new table");

    db.execute("DROP TABLE gone", "ALTER TABLE reshaped DROP COLUMN w", "UPDATE kept SET v = 'b'");
    SyncReport next = new SyncEngine(db.options()).run(new SyncEngine.Listener() {});

    assertThat(next.commitHash()).isNotNull();
    assertThat(db.doltRows("SHOW TABLES AS OF '" + next.commitHash() + "'")).containsExactlyInAnyOrder("kept", "reshaped");
    assertThat(db.doltRows("SELECT id, v FROM reshaped AS OF '" + next.commitHash() + "'")).containsExactly("1|r");
    assertThat(db.doltRows("SELECT id, v FROM kept AS OF '" + next.commitHash() + "'")).containsExactly("1|b");
    assertThat(db.doltRows("SELECT COUNT(*) FROM dolt_status")).containsExactly("0");
  }

  /** A run that fails (rather than dies) after its DDL puts the working set back itself. */
  @Test
  void aRunThatFailsAfterItsCreateTablesPutsTheWorkingSetBack() throws Exception {
    SyncSource db = SyncSource.postgres();
    db.execute("CREATE TABLE kept (id INT PRIMARY KEY)", "INSERT INTO kept VALUES (1)");
    new SyncEngine(db.options()).run(new SyncEngine.Listener() {});
    db.execute("CREATE TABLE added (id INT PRIMARY KEY)", "INSERT INTO added VALUES (1)");

    Throwable failed = org.assertj.core.api.Assertions.catchThrowable(() -> new SyncEngine(db.options()).run(
        new SyncEngine.Listener() {
          @Override
          public void rows(String table, long done, long total) {
            throw new IllegalStateException("failed while copying " + table);
          }
        }));

    assertThat(failed).hasMessageContaining("failed while copying");
    assertThat(db.doltRows("SELECT COUNT(*) FROM dolt_status")).containsExactly("0");
    assertThat(db.doltRows("SHOW TABLES")).containsExactly("kept");
  }
}
