package io.doltsync.internal.versioning;

import static io.doltsync.internal.versioning.DoltFixture.run;
import static io.doltsync.internal.versioning.DoltFixture.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The writable {@code dolt_branches}: create, move (compare-and-swap) and delete branches. */
class BranchTableTest {

  private static DoltFixture fixture;
  private static String first;
  private static String second;

  @BeforeAll
  static void createDatabase() throws Exception {
    fixture = DoltFixture.create("vs_branches");
    first = fixture.hashOf("main");
    second = fixture.mirror.mirror("INSERT INTO orders VALUES (3, 'plum', 4)");
  }

  @AfterAll
  static void close() throws Exception {
    fixture.close();
  }

  @Test
  void insertCreatesBranches() throws Exception {
    VersioningSession session = fixture.session();

    long created = run(session, "INSERT INTO dolt_branches (hash, name) VALUES (HASHOF('main~1'), 'ins_a'),"
        + " ('" + second + "', CONCAT('ins', '_b'))").updateCount();

    assertThat(created).isEqualTo(2);
    assertThat(fixture.hashOf("ins_a")).isEqualTo(first);
    assertThat(fixture.hashOf("ins_b")).isEqualTo(second);
  }

  @Test
  void compareAndSwapMovesOnlyFromTheExpectedHash() throws Exception {
    VersioningSession session = fixture.session();
    fixture.execute("CALL dolt_branch('cas', '" + first + "')");

    long stale = run(session, "UPDATE dolt_branches SET hash = '" + second + "' WHERE name = 'cas' AND hash = '"
        + second + "'").updateCount();
    long fresh = run(session, "UPDATE dolt_branches SET hash = '" + second + "' WHERE hash = '" + first
        + "' AND name = 'cas'").updateCount();

    assertThat(stale).isZero();
    assertThat(fresh).isEqualTo(1);
    assertThat(fixture.hashOf("cas")).isEqualTo(second);
  }

  @Test
  void compareAndSwapWithParametersOfAPreparedStatement() throws Exception {
    VersioningSession session = fixture.session();
    fixture.execute("CALL dolt_branch('cas_prepared', '" + first + "')");
    String sql = "UPDATE dolt_branches SET hash = ? WHERE name = ? AND hash = ?";
    try (PreparedStatement prepared = session.connection().prepareStatement(sql)) {
      prepared.setString(1, second);
      prepared.setString(2, "cas_prepared");
      prepared.setString(3, first);

      assertThat(session.execute(sql, values(second, "cas_prepared", first), prepared).updateCount()).isEqualTo(1);
    }
    assertThat(fixture.hashOf("cas_prepared")).isEqualTo(second);
  }

  @Test
  void updateWithoutGuardMovesUnconditionally() throws Exception {
    VersioningSession session = fixture.session();
    fixture.execute("CALL dolt_branch('moved', '" + second + "')");

    assertThat(run(session, "UPDATE dolt_branches SET hash = HASHOF('main~1') WHERE name = 'moved'").updateCount())
        .isEqualTo(1);
    assertThat(run(session, "UPDATE dolt_branches SET hash = HASHOF('main') WHERE name = 'no_such_branch'")
        .updateCount()).isZero();
    assertThat(fixture.hashOf("moved")).isEqualTo(first);
    assertThat(fixture.branches()).doesNotContain("no_such_branch");
  }

  @Test
  void deleteRemovesABranch() throws Exception {
    VersioningSession session = fixture.session();
    fixture.execute("CALL dolt_branch('doomed', '" + first + "')", "CALL dolt_branch('guarded', '" + first + "')");

    assertThat(run(session, "DELETE FROM dolt_branches WHERE name = 'doomed'").updateCount()).isEqualTo(1);
    assertThat(run(session, "DELETE FROM dolt_branches WHERE name = 'guarded' AND hash = '" + second + "'")
        .updateCount()).isZero();
    assertThat(run(session, "DELETE FROM dolt_branches WHERE name = 'doomed'").updateCount()).isZero();
    assertThat(fixture.branches()).doesNotContain("doomed").contains("guarded");
  }

  @Test
  void nullNameOrGuardMatchesNoRow() throws Exception {
    VersioningSession session = fixture.session();
    fixture.execute("CALL dolt_branch('nulls', '" + first + "')");

    assertThat(run(session, "UPDATE dolt_branches SET hash = HASHOF('main') WHERE name = NULL").updateCount()).isZero();
    assertThat(run(session, "UPDATE dolt_branches SET hash = HASHOF('main') WHERE name = 'nulls' AND hash = NULL")
        .updateCount()).isZero();
    assertThat(fixture.hashOf("nulls")).isEqualTo(first);
  }

  @Test
  void otherFormsOfWriteAreRefusedWithTheSupportedOnes() {
    VersioningSession session = fixture.session();

    assertThatThrownBy(() -> run(session, "UPDATE dolt_branches SET hash = 'x' WHERE name LIKE 'f%'"))
        .isInstanceOf(SQLFeatureNotSupportedException.class)
        .hasMessageContaining("UPDATE dolt_branches SET hash = ... WHERE name = ... [AND hash = ...]");
    assertThatThrownBy(() -> run(session, "DELETE FROM dolt_branches"))
        .isInstanceOf(SQLFeatureNotSupportedException.class);
  }

  @Test
  void namesThatDoltWouldReadAsOptionsAreRefused() {
    VersioningSession session = fixture.session();

    assertThatThrownBy(() -> run(session, "INSERT INTO dolt_branches (name, hash) VALUES ('-D', HASHOF('main'))"))
        .hasMessageContaining("starts with '-'");
  }

  @Test
  void exactlyOneOfEightRacingCompareAndSwapsWinsEachRound() throws Exception {
    int racers = 8;
    List<VersioningSession> sessions = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      VersioningSession session = fixture.session();
      session.connection();
      sessions.add(session);
    }
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      for (int round = 0; round < 10; round++) {
        String branch = "contended_" + round;
        fixture.execute("CALL dolt_branch('" + branch + "', '" + first + "')");

        assertThat(race(pool, sessions, "UPDATE dolt_branches SET hash = '" + second + "'"
            + " WHERE name = '" + branch + "' AND hash = '" + first + "'")).containsOnlyOnce(1L).containsOnly(0L, 1L);
        assertThat(fixture.hashOf(branch)).isEqualTo(second);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs the statement once in each session, all released at the same moment; returns the update counts. */
  private static List<Long> race(ExecutorService pool, List<VersioningSession> sessions, String sql) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Long>> outcomes = new ArrayList<>();
    for (VersioningSession session : sessions) {
      Callable<Long> swap = () -> {
        start.await();
        return run(session, sql).updateCount();
      };
      outcomes.add(pool.submit(swap));
    }
    start.countDown();
    List<Long> counts = new ArrayList<>();
    for (Future<Long> outcome : outcomes) {
      counts.add(outcome.get());
    }
    return counts;
  }
}
