package io.doltsync.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code doltsync sync} on real MariaDB and PostgreSQL sources written by plain JDBC (no doltsync driver), into a
 * real Dolt server: each test compares Dolt at every sync commit with the source state that run saw.
 */
class SyncEngineTest {

  @org.junit.jupiter.api.AfterEach
  void dropWhatTheTestCreated() throws java.sql.SQLException {
    SyncSource.dropCreated();
  }

  private static SyncSource source(String kind) throws SQLException {
    return switch (kind) {
      case "mariadb" -> SyncSource.mariadb();
      case "h2" -> SyncSource.h2();
      default -> SyncSource.postgres();
    };
  }

  private static SyncOptions with(SyncOptions o, SyncMode mode, Map<String, SyncMode> modes, Map<String, String> cursors,
      Map<String, List<String>> keys, Map<String, String> tableMap, Set<String> fullRefresh, Duration keyScanEvery) {
    return new SyncOptions(o.sourceUrl(), o.sourceUser(), o.sourcePassword(), o.target(), o.targetUser(),
        o.targetPassword(), o.branch(), o.include(), o.exclude(), tableMap, mode, modes, cursors, keys, fullRefresh,
        o.lookBack(), keyScanEvery, o.message(), o.author(), o.chunkRows());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mariadb", "postgresql", "h2"})
  void snapshotWritesOnlyTheDifferencesDeletionsIncludedAndCommitsOnlyWhenSomethingChanged(String kind) throws Exception {
    SyncSource db = ordersAndTags(kind, 500);
    SyncEngine engine = new SyncEngine(db.options());

    SyncReport first = engine.run(new SyncEngine.Listener() {});
    assertThat(first.commitHash()).isNotNull();
    assertSame(db, first.commitHash());

    db.execute("UPDATE orders SET qty = 99 WHERE id IN (17, 333)", "DELETE FROM orders WHERE id = 250",
        "INSERT INTO orders VALUES (501, 'late', 1)", "DELETE FROM tags WHERE label = 'b'",
        "INSERT INTO tags VALUES ('a', 1), ('c', 3)");
    SyncReport second = engine.run(new SyncEngine.Listener() {});

    assertThat(second.commitHash()).isNotNull();
    assertSame(db, second.commitHash());
    SyncReport.TableResult orders = second.tables().stream().filter(t -> t.dolt().equals("orders")).findFirst().orElseThrow();
    assertThat(List.of(orders.added(), orders.modified(), orders.deleted())).containsExactly(1L, 2L, 1L);
    assertThat(db.doltRows("SELECT table_name, rows_added, rows_modified, rows_deleted FROM dolt_diff_stat('"
        + first.commitHash() + "', '" + second.commitHash() + "') ORDER BY table_name"))
        .containsExactly("orders|1|2|1", "tags|2|null|1");
    assertThat(db.doltRows("SELECT committer, email, message FROM dolt_log LIMIT 1").get(0))
        .startsWith("Sync Test|sync@test.example|doltsync sync")
        .contains("orders (snapshot): 1 added, 2 modified, 1 deleted");

    long commits = db.doltCommits();
    SyncReport third = engine.run(new SyncEngine.Listener() {});
    assertThat(third.commitHash()).isNull();
    assertThat(db.doltCommits()).isEqualTo(commits);
  }

  /**
   * The copy route empties each snapshot table and loads it again: Dolt's history independence keeps only the real
   * changes in the commit (the same counts as the chunked diff), a run over an unchanged source commits nothing,
   * and a run that dies after emptying a table leaves the branch as it was.
   */
  @ParameterizedTest
  @ValueSource(strings = {"mariadb", "postgresql"})
  void theCopyRouteCommitsOnlyTheRealChangesAndNothingWhenNothingChanged(String kind) throws Exception {
    SyncSource db = ordersAndTags(kind, 300);
    SyncOptions copy = db.options().withSnapshotRoute(SnapshotRoute.COPY);
    SyncReport first = new SyncEngine(copy).run(new SyncEngine.Listener() {});
    db.execute("UPDATE orders SET qty = 99 WHERE id IN (17, 233)", "DELETE FROM orders WHERE id = 250",
        "INSERT INTO orders VALUES (301, 'late', 1)", "DELETE FROM tags WHERE label = 'b'", "INSERT INTO tags VALUES ('c', 3)");

    SyncReport second = new SyncEngine(copy).run(new SyncEngine.Listener() {});

    assertThat(db.doltRows("SELECT table_name, rows_added, rows_modified, rows_deleted FROM dolt_diff_stat('"
        + first.commitHash() + "', '" + second.commitHash() + "') ORDER BY table_name"))
        .containsExactly("orders|1|2|1", "tags|1|null|1");
    assertSame(db, second.commitHash());
    assertThat(new SyncEngine(copy).run(new SyncEngine.Listener() {}).commitHash()).isNull();

    db.execute("UPDATE orders SET item = 'changed' WHERE id = 5");
    Throwable crash = catchThrowable(() -> new SyncEngine(copy).run(new SyncEngine.Listener() {
      @Override
      public void rows(String table, long done, long total) {
        throw new IllegalStateException("killed while copying " + table);
      }
    }));
    assertThat(crash).hasMessageContaining("killed while copying");
    assertThat(db.doltRows("SELECT HASHOF('main')")).containsExactly(second.commitHash());
    assertThat(db.doltRows("SELECT COUNT(*) FROM orders")).containsExactly("300");
    SyncReport diffed = new SyncEngine(copy.withSnapshotRoute(SnapshotRoute.DIFF)).run(new SyncEngine.Listener() {});
    assertThat(diffed.tables().stream().mapToLong(SyncReport.TableResult::modified).sum()).isEqualTo(1);
    assertSame(db, diffed.commitHash());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mariadb", "postgresql"})
  void theCommitIsDatedAtTheSnapshotAndNamesItsAuthor(String kind) throws Exception {
    SyncSource db = source(kind);
    db.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))", "INSERT INTO t VALUES (1, 'x')");
    SyncReport report = new SyncEngine(db.options()).run(new SyncEngine.Listener() {});
    String date = db.doltRows("SELECT date FROM dolt_log WHERE commit_hash = '" + report.commitHash() + "'").get(0);
    Instant committed = java.sql.Timestamp.valueOf(date).toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
    assertThat(Duration.between(committed, report.snapshotTime()).abs()).isLessThan(Duration.ofSeconds(1));
    assertThat(db.doltRows("SELECT message FROM dolt_log LIMIT 1").get(0))
        .contains("Doltsync-Sync-Snapshot: " + report.snapshotTime());
  }

  /**
   * A source with {@code orders} (rows 1 to {@code orders}: item "item i", qty i mod 7) and the keyless {@code tags}
   * (a duplicate row and a row of NULLs).
   */
  private static SyncSource ordersAndTags(String kind, int orders) throws SQLException {
    SyncSource db = source(kind);
    db.execute("CREATE TABLE orders (id INT PRIMARY KEY, item VARCHAR(40), qty INT)",
        "CREATE TABLE tags (label VARCHAR(20), n INT)");
    StringBuilder insert = new StringBuilder("INSERT INTO orders VALUES ");
    for (int i = 1; i <= orders; i++) {
      insert.append(i == 1 ? "" : ", ").append("(").append(i).append(", 'item ").append(i).append("', ").append(i % 7).append(")");
    }
    db.execute(insert.toString(), "INSERT INTO tags VALUES ('a', 1), ('a', 1), ('b', 2), (NULL, NULL)");
    return db;
  }

  /** Dolt at the commit equals the source now (the test changed nothing since the run). */
  private static void assertSame(SyncSource db, String commit) throws SQLException {
    assertThat(db.doltRows("SELECT id, item, qty FROM orders AS OF '" + commit + "' ORDER BY id"))
        .isEqualTo(db.sourceRows("SELECT id, item, qty FROM orders ORDER BY id"));
    assertThat(db.doltRows("SELECT label, n FROM tags AS OF '" + commit + "' ORDER BY label, n"))
        .isEqualTo(db.sourceRows("SELECT label, n FROM tags ORDER BY label NULLS FIRST, n".replace(
            " NULLS FIRST", db.kind().equals("mariadb") ? "" : " NULLS FIRST")));
  }

  /**
   * A writer commits transactions 1, 2, ... while incremental runs go on (until three runs committed, while the
   * writer still writes): transaction k inserts row k, adds 1000
   * to row k-1 and deletes row k-5, and sets the marker to k, each row's {@code version} being the transaction
   * that last wrote it (the cursor). At each commit, Dolt must hold exactly the state after transaction m, where
   * m is the marker in that commit: the run saw one consistent snapshot.
   */
  @ParameterizedTest
  @ValueSource(strings = {"mariadb", "postgresql"})
  void incrementalRunsDuringConcurrentWritesEachCommitOneConsistentSourceState(String kind) throws Exception {
    SyncSource db = itemsAndMarker(kind);
    SyncOptions options = with(db.options(), SyncMode.INCREMENTAL, Map.of(), Map.of("items", "version", "marker", "version"),
        Map.of(), Map.of(), Set.of(), Duration.ZERO);
    SyncEngine engine = new SyncEngine(options);
    List<String> commits = new ArrayList<>();
    long written = runDuringWrites(db, engine, commits);
    SyncReport last = engine.run(new SyncEngine.Listener() {});
    if (last.commitHash() != null) {
      commits.add(last.commitHash());
    }
    assertEachCommitHoldsOneSourceState(db, commits);
    assertThat(db.doltRows("SELECT k FROM marker").get(0)).isEqualTo(String.valueOf(written));
  }

  /**
   * The copy route under concurrent writes: the writer of the test above commits transactions while snapshot runs
   * copy both tables again; each run's commit must hold exactly the state after transaction m of its marker.
   */
  @ParameterizedTest
  @ValueSource(strings = {"mariadb", "postgresql"})
  void copyRouteRunsDuringConcurrentWritesEachCommitOneConsistentSourceState(String kind) throws Exception {
    SyncSource db = itemsAndMarker(kind);
    SyncEngine engine = new SyncEngine(db.options().withSnapshotRoute(SnapshotRoute.COPY));
    engine.run(new SyncEngine.Listener() {});
    List<String> commits = new ArrayList<>();
    runDuringWrites(db, engine, commits);
    assertEachCommitHoldsOneSourceState(db, commits);
  }

  /** A source with the tables {@code items} and {@code marker} (its one row at transaction 0) of the tests above. */
  private static SyncSource itemsAndMarker(String kind) throws Exception {
    SyncSource db = source(kind);
    db.execute("CREATE TABLE items (id INT PRIMARY KEY, qty INT NOT NULL, version BIGINT NOT NULL)",
        "CREATE TABLE marker (id INT PRIMARY KEY, k BIGINT NOT NULL, version BIGINT NOT NULL)",
        "INSERT INTO marker VALUES (1, 0, 0)");
    return db;
  }

  /**
   * Runs the engine while a writer commits transactions k = 1, 2, ... (each inserts row k, updates row k-1, deletes
   * row k-5 and sets the marker to k), until three runs have committed or 90 s have passed, and at least 20
   * transactions have: adds the runs' commits to {@code commits} and returns the writer's last transaction.
   */
  private static long runDuringWrites(SyncSource db, SyncEngine engine, List<String> commits) throws Exception {
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
    Thread writer = new Thread(() -> {
      try (var c = db.connect(); var s = c.createStatement()) {
        c.setAutoCommit(false);
        for (int k = 1; !stop.get() || k <= 20; k++) {
          s.execute("INSERT INTO items VALUES (" + k + ", " + k + ", " + k + ")");
          s.execute("UPDATE items SET qty = qty + 1000, version = " + k + " WHERE id = " + (k - 1));
          s.execute("DELETE FROM items WHERE id = " + (k - 5));
          s.execute("UPDATE marker SET k = " + k + ", version = " + k);
          c.commit();
          written.set(k);
          Thread.sleep(5);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    writer.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (commits.size() < 3 && System.nanoTime() < deadline) {
      SyncReport report = engine.run(new SyncEngine.Listener() {});
      if (report.commitHash() != null) {
        commits.add(report.commitHash());
      }
    }
    stop.set(true);
    writer.join();
    return written.get();
  }

  /** More than one commit, each holding exactly the items after the transaction its marker names. */
  private static void assertEachCommitHoldsOneSourceState(SyncSource db, List<String> commits) throws Exception {
    assertThat(commits).hasSizeGreaterThan(1);
    for (String commit : commits) {
      long m = Long.parseLong(db.doltRows("SELECT k FROM marker AS OF '" + commit + "'").get(0));
      assertThat(db.doltRows("SELECT id, qty, version FROM items AS OF '" + commit + "' ORDER BY id"))
          .as("commit %s, after transaction %d", commit, m).isEqualTo(expectedItems(m));
    }
  }

  private static List<String> expectedItems(long k) {
    List<String> rows = new ArrayList<>();
    for (long j = Math.max(1, k - 4); j <= k; j++) {
      rows.add(j + "|" + (j < k ? j + 1000 : j) + "|" + (j < k ? j + 1 : j));
    }
    return rows;
  }

  /**
   * The sync dies in the middle of a run (after rows were written to Dolt, before the commit): Dolt keeps the last
   * committed run, and the next run commits each change once, the cursor where the dead run did not move it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"mariadb", "postgresql"})
  void aRunThatDiesMidwayLeavesNothingAndTheRerunLosesAndRepeatsNothing(String kind) throws Exception {
    SyncSource db = source(kind);
    db.execute("CREATE TABLE a (id INT PRIMARY KEY, v VARCHAR(20), version BIGINT)",
        "CREATE TABLE b (id INT PRIMARY KEY, v VARCHAR(20))");
    for (int i = 1; i <= 30; i++) {
      db.execute("INSERT INTO a VALUES (" + i + ", 'a" + i + "', " + i + ")", "INSERT INTO b VALUES (" + i + ", 'b" + i + "')");
    }
    SyncOptions options = with(db.options(), SyncMode.SNAPSHOT, Map.of("a", SyncMode.INCREMENTAL),
        Map.of("a", "version"), Map.of(), Map.of(), Set.of(), Duration.ofDays(1));
    SyncEngine engine = new SyncEngine(options);
    String first = engine.run(new SyncEngine.Listener() {}).commitHash();
    db.execute("UPDATE a SET v = 'changed', version = 31 WHERE id = 3", "INSERT INTO a VALUES (40, 'new', 32)",
        "UPDATE b SET v = 'changed' WHERE id = 7", "DELETE FROM b WHERE id = 8");

    Throwable crash = catchThrowable(() -> engine.run(new SyncEngine.Listener() {
      @Override
      public void rows(String table, long done, long total) {
        if (table.equalsIgnoreCase("b")) {
          throw new IllegalStateException("killed mid-run");
        }
      }
    }));

    assertThat(crash).hasMessageContaining("killed mid-run");
    assertThat(db.doltRows("SELECT HASHOF('main')")).containsExactly(first);
    assertThat(db.doltRows("SELECT cursor_value FROM _doltsync_cursor")).containsExactly("30");
    SyncReport rerun = new SyncEngine(options).run(new SyncEngine.Listener() {});
    assertThat(db.doltRows("SELECT table_name, rows_added, rows_modified, rows_deleted FROM dolt_diff_stat('"
        + first + "', '" + rerun.commitHash() + "') ORDER BY table_name"))
        .containsExactly("_doltsync_cursor|0|1|0", "a|1|1|0", "b|0|1|1");
    assertThat(db.doltRows("SELECT id, v, version FROM a ORDER BY id"))
        .isEqualTo(db.sourceRows("SELECT id, v, version FROM a ORDER BY id"));
    assertThat(db.doltRows("SELECT id, v FROM b ORDER BY id")).isEqualTo(db.sourceRows("SELECT id, v FROM b ORDER BY id"));
    assertThat(db.doltRows("SELECT cursor_value FROM _doltsync_cursor")).containsExactly("32");
    assertThat(new SyncEngine(options).run(new SyncEngine.Listener() {}).commitHash()).isNull();
  }

  /** Hard deletes in an incremental table are found by the key scan; NULL cursors are read on every run. */
  @ParameterizedTest
  @ValueSource(strings = {"mariadb", "postgresql"})
  void incrementalFindsHardDeletesByKeyScanAndReadsNullCursorsEveryRun(String kind) throws Exception {
    SyncSource db = source(kind);
    db.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20), version BIGINT)");
    for (int i = 1; i <= 20; i++) {
      db.execute("INSERT INTO t VALUES (" + i + ", 'v" + i + "', " + i + ")");
    }
    SyncOptions never = with(db.options(), SyncMode.INCREMENTAL, Map.of(), Map.of("t", "version"), Map.of(), Map.of(),
        Set.of(), Duration.ofSeconds(-1));
    new SyncEngine(never).run(new SyncEngine.Listener() {});
    db.execute("DELETE FROM t WHERE id IN (4, 5)", "INSERT INTO t VALUES (21, 'no cursor', NULL)");

    new SyncEngine(never).run(new SyncEngine.Listener() {});
    assertThat(db.doltRows("SELECT COUNT(*) FROM t")).containsExactly("21");
    db.execute("UPDATE t SET v = 'still no cursor' WHERE id = 21");
    SyncReport scanned = new SyncEngine(with(never, SyncMode.INCREMENTAL, Map.of(), Map.of("t", "version"), Map.of(),
        Map.of(), Set.of(), Duration.ZERO)).run(new SyncEngine.Listener() {});

    assertThat(scanned.tables().get(0).deleted()).isEqualTo(2);
    assertThat(db.doltRows("SELECT id, v, version FROM t ORDER BY id"))
        .isEqualTo(db.sourceRows("SELECT id, v, version FROM t ORDER BY id"));
  }

  /**
   * Rows written with a cursor behind the last one (a random set, more than one batch of keys, in a table with one
   * key column and one with two) are the rows the cursor never sees: the key scan copies them in its run's commit
   * and the commit message counts them.
   */
  @ParameterizedTest
  @ValueSource(strings = {"mariadb", "postgresql"})
  void theKeyScanCopiesRowsTheCursorNeverSawAndCountsThemInTheCommit(String kind) throws Exception {
    SyncSource db = source(kind);
    db.execute("CREATE TABLE single (id INT PRIMARY KEY, v VARCHAR(20), version BIGINT)",
        "CREATE TABLE pair (a INT NOT NULL, b VARCHAR(10) NOT NULL, v VARCHAR(20), version BIGINT, PRIMARY KEY (a, b))");
    long seed = Long.getLong("doltsync.seed", System.nanoTime());
    java.util.Random random = new java.util.Random(seed);
    StringBuilder single = new StringBuilder("INSERT INTO single VALUES (0, 'first', 100)");
    StringBuilder pair = new StringBuilder("INSERT INTO pair VALUES (0, 'x', 'first', 100)");
    db.execute(single.toString(), pair.toString());
    SyncOptions options = with(db.options(), SyncMode.INCREMENTAL, Map.of(), Map.of("single", "version", "pair", "version"),
        Map.of(), Map.of(), Set.of(), Duration.ofSeconds(-1));
    new SyncEngine(options).run(new SyncEngine.Listener() {});

    int missing = MissingRows.BATCH_KEYS + 1 + random.nextInt(2 * MissingRows.BATCH_KEYS);
    java.util.Set<Integer> ids = new java.util.TreeSet<>();
    while (ids.size() < missing) {
      ids.add(1 + random.nextInt(100_000));
    }
    single.setLength(0);
    pair.setLength(0);
    for (int id : ids) {
      long oldCursor = random.nextInt(100);
      single.append(single.length() == 0 ? "INSERT INTO single VALUES " : ", ")
          .append("(").append(id).append(", 'old ").append(id).append("', ").append(oldCursor).append(")");
      pair.append(pair.length() == 0 ? "INSERT INTO pair VALUES " : ", ").append("(").append(id % 97).append(", '")
          .append(Integer.toString(id, 36)).append("', 'old ").append(id).append("', ").append(oldCursor).append(")");
    }
    db.execute(single.toString(), pair.toString(), "INSERT INTO single VALUES (100001, 'new', 101)");
    SyncReport withoutScan = new SyncEngine(options).run(new SyncEngine.Listener() {});
    assertThat(withoutScan.tables().stream().mapToLong(SyncReport.TableResult::missingCopied).sum()).isZero();
    assertThat(db.doltRows("SELECT COUNT(*) FROM single")).containsExactly("2");

    SyncReport scanned = new SyncEngine(with(options, SyncMode.INCREMENTAL, Map.of(),
        Map.of("single", "version", "pair", "version"), Map.of(), Map.of(), Set.of(), Duration.ZERO))
        .run(new SyncEngine.Listener() {});

    for (SyncReport.TableResult table : scanned.tables()) {
      assertThat(table.missingCopied()).as("%s, seed %d", table.dolt(), seed).isEqualTo(missing);
      assertThat(table.added()).as("%s, seed %d", table.dolt(), seed).isEqualTo(missing);
    }
    assertThat(db.doltRows("SELECT id, v, version FROM single AS OF '" + scanned.commitHash() + "' ORDER BY id"))
        .isEqualTo(db.sourceRows("SELECT id, v, version FROM single ORDER BY id"));
    assertThat(db.doltRows("SELECT a, b, v, version FROM pair AS OF '" + scanned.commitHash() + "' ORDER BY a, b"))
        .isEqualTo(db.sourceRows("SELECT a, b, v, version FROM pair ORDER BY a, b"));
    assertThat(db.doltRows("SELECT message FROM dolt_log LIMIT 1").get(0))
        .contains("single (incremental): " + missing + " added, 0 modified, 0 deleted; " + missing
            + " rows the key scan found missing copied")
        .contains("pair (incremental): " + missing + " added");
  }

  /**
   * An Oracle source, through H2's Oracle mode (the project's stand-in for Oracle): Oracle types (NUMBER with and
   * without scale, VARCHAR2, DATE, TIMESTAMP, CLOB, RAW) are mapped and copied, then a snapshot table and an
   * incremental one (NUMBER cursor, a hard delete found by the key scan) each commit the source's state.
   */
  @org.junit.jupiter.api.Test
  void anOracleSourceThroughH2sOracleModeSyncsBySnapshotAndIncrementally() throws Exception {
    SyncSource db = SyncSource.h2Oracle();
    db.execute("CREATE TABLE ORDERS (ID NUMBER(10) PRIMARY KEY, ITEM VARCHAR2(40), PRICE NUMBER(12,2), PLACED DATE,"
        + " NOTE CLOB, CODE RAW(4), VERSION NUMBER(18) NOT NULL)",
        "CREATE TABLE RATES (CCY CHAR(3) PRIMARY KEY, RATE NUMBER, AT_TIME TIMESTAMP(6))",
        "INSERT INTO ORDERS VALUES (1, 'apple', 1.25, DATE '2024-01-02', 'a note', HEXTORAW('CAFE'), 1)",
        "INSERT INTO ORDERS VALUES (2, 'pear ☃', 99999999.99, TIMESTAMP '2024-02-03 04:05:06', NULL, NULL, 2)",
        "INSERT INTO RATES VALUES ('EUR', 1.0825, TIMESTAMP '2024-01-02 03:04:05.123456'), ('JPY', 0.0067, NULL)");
    SyncOptions options = with(db.options(), SyncMode.SNAPSHOT, Map.of("ORDERS", SyncMode.INCREMENTAL),
        Map.of("ORDERS", "VERSION"), Map.of(), Map.of(), Set.of(), Duration.ZERO);
    SyncReport first = new SyncEngine(options).run(new SyncEngine.Listener() {});
    assertOracleSame(db, first.commitHash());
    assertThat(db.doltRows("SELECT column_name, column_type FROM information_schema.columns WHERE table_schema ="
        + " database() AND table_name = 'ORDERS' ORDER BY ordinal_position")).containsExactly("id|bigint", "item|varchar(40)",
        "price|decimal(12,2)", "placed|datetime", "note|longtext", "code|varbinary(4)", "version|bigint");

    db.execute("UPDATE ORDERS SET ITEM = 'green apple', VERSION = 3 WHERE ID = 1", "DELETE FROM ORDERS WHERE ID = 2",
        "INSERT INTO ORDERS VALUES (3, 'plum', 0.75, DATE '2024-03-04', 'late', HEXTORAW('00FF'), 4)",
        "UPDATE RATES SET RATE = 1.09 WHERE CCY = 'EUR'", "DELETE FROM RATES WHERE CCY = 'JPY'");
    SyncReport second = new SyncEngine(options).run(new SyncEngine.Listener() {});

    assertOracleSame(db, second.commitHash());
    assertThat(second.tables().stream().map(t -> t.dolt() + " " + t.mode().label() + " +" + t.added() + " ~" + t.modified()
        + " -" + t.deleted()).toList()).containsExactlyInAnyOrder("orders incremental +1 ~1 -1", "rates snapshot +0 ~1 -1");
    assertThat(new SyncEngine(options).run(new SyncEngine.Listener() {}).commitHash()).isNull();
  }

  private static void assertOracleSame(SyncSource db, String commit) throws SQLException {
    assertThat(db.doltRows("SELECT ID, ITEM, PRICE, PLACED, NOTE, LOWER(HEX(CODE)), VERSION FROM ORDERS AS OF '" + commit
        + "' ORDER BY ID")).isEqualTo(db.sourceRows("SELECT ID, ITEM, PRICE, PLACED, NOTE, RAWTOHEX(CODE), VERSION"
        + " FROM ORDERS ORDER BY ID"));
    assertThat(db.doltRows("SELECT CCY, TRIM(TRAILING '0' FROM CAST(RATE AS CHAR)), AT_TIME FROM RATES AS OF '" + commit + "' ORDER BY CCY"))
        .isEqualTo(db.sourceRows("SELECT CCY, RATE, AT_TIME FROM RATES ORDER BY CCY"));
  }

  /** Added columns, a widened type and a new table reach Dolt in the run's one commit; a dropped column is refused. */
  @ParameterizedTest
  @ValueSource(strings = {"mariadb", "postgresql"})
  void schemaChangesBetweenRunsAreAppliedFirstAndIncompatibleOnesRefused(String kind) throws Exception {
    SyncSource db = source(kind);
    db.execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(10), version BIGINT)", "INSERT INTO t VALUES (1, 'one', 1)");
    SyncOptions options = with(db.options(), SyncMode.INCREMENTAL, Map.of(), Map.of("t", "version"), Map.of(), Map.of(),
        Set.of(), Duration.ofDays(1));
    new SyncEngine(options).run(new SyncEngine.Listener() {});
    boolean maria = kind.equals("mariadb");
    db.execute("ALTER TABLE t ADD COLUMN note VARCHAR(30) DEFAULT 'filled'",
        maria ? "ALTER TABLE t MODIFY name VARCHAR(200)" : "ALTER TABLE t ALTER COLUMN name TYPE VARCHAR(200)",
        "CREATE TABLE u (id INT PRIMARY KEY, w INT)", "INSERT INTO u VALUES (1, 10)",
        "INSERT INTO t (id, name, version) VALUES (2, '" + "x".repeat(150) + "', 2)");
    long commits = db.doltCommits();

    SyncReport report = new SyncEngine(options).run(new SyncEngine.Listener() {});

    assertThat(db.doltCommits()).isEqualTo(commits + 1);
    assertThat(db.doltRows("SELECT id, name, note FROM t AS OF '" + report.commitHash() + "' ORDER BY id"))
        .isEqualTo(db.sourceRows("SELECT id, name, note FROM t ORDER BY id"));
    assertThat(db.doltRows("SELECT id, w FROM u AS OF '" + report.commitHash() + "'")).containsExactly("1|10");
    assertThat(db.doltRows("SELECT column_type FROM information_schema.columns WHERE table_schema = database()"
        + " AND table_name = 't' AND column_name = 'name'").get(0)).isEqualToIgnoringCase("varchar(200)");

    db.execute("ALTER TABLE t DROP COLUMN note");
    String head = db.doltRows("SELECT HASHOF('main')").get(0);
    Throwable refused = catchThrowable(() -> new SyncEngine(options).run(new SyncEngine.Listener() {}));
    assertThat(refused).isInstanceOf(SQLException.class).hasMessageContaining("column note was dropped")
        .hasMessageContaining("--full-refresh t");
    assertThat(((SQLException) refused).getSQLState()).isEqualTo("42000");
    assertThat(db.doltRows("SELECT HASHOF('main')")).containsExactly(head);

    new SyncEngine(with(options, SyncMode.INCREMENTAL, Map.of(), Map.of("t", "version"), Map.of(), Map.of(), Set.of("t"),
        Duration.ofDays(1))).run(new SyncEngine.Listener() {});
    assertThat(db.doltRows("SELECT id, name FROM t ORDER BY id")).isEqualTo(db.sourceRows("SELECT id, name FROM t ORDER BY id"));
    assertThat(db.doltRows("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = database()"
        + " AND table_name = 't' AND column_name = 'note'")).containsExactly("0");
  }

  /** The table map renames and selects; a keyless table gets a key for incremental merging. */
  @ParameterizedTest
  @ValueSource(strings = {"mariadb", "postgresql", "h2"})
  void tableMapRenamesAndAKeylessTableSyncsIncrementallyOnAGivenKey(String kind) throws Exception {
    SyncSource db = source(kind);
    db.execute("CREATE TABLE orders (id INT PRIMARY KEY, item VARCHAR(20))", "CREATE TABLE events (event_id INT NOT NULL,"
        + " what VARCHAR(20), seq BIGINT)", "CREATE TABLE ignored_table (id INT PRIMARY KEY)",
        "INSERT INTO orders VALUES (1, 'apple'), (2, 'pear')", "INSERT INTO events VALUES (1, 'created', 1), (2, 'paid', 2)");
    SyncOptions base = db.options();
    SyncOptions options = new SyncOptions(base.sourceUrl(), base.sourceUser(), base.sourcePassword(), base.target(),
        base.targetUser(), base.targetPassword(), base.branch(), List.of("ord*", "events"), List.of("ignored*"),
        Map.of("orders", "shop_orders"), SyncMode.SNAPSHOT, Map.of("events", SyncMode.INCREMENTAL), Map.of("events", "seq"),
        Map.of("events", List.of("event_id")), Set.of(), Duration.ZERO, Duration.ZERO, "nightly copy", base.author(), 100);
    new SyncEngine(options).run(new SyncEngine.Listener() {});
    db.execute("INSERT INTO events VALUES (3, 'shipped', 3)", "UPDATE events SET what = 'paid twice', seq = 4 WHERE event_id = 2",
        "UPDATE orders SET item = 'plum' WHERE id = 2");

    SyncReport report = new SyncEngine(options).run(new SyncEngine.Listener() {});

    assertThat(db.doltRows("SHOW TABLES")).containsExactlyInAnyOrder("shop_orders", "events", "_doltsync_cursor");
    assertThat(db.doltRows("SELECT id, item FROM shop_orders AS OF '" + report.commitHash() + "' ORDER BY id"))
        .containsExactly("1|apple", "2|plum");
    assertThat(db.doltRows("SELECT event_id, what, seq FROM events ORDER BY event_id"))
        .containsExactly("1|created|1", "2|paid twice|4", "3|shipped|3");
    assertThat(db.doltRows("SELECT message FROM dolt_log LIMIT 1").get(0)).startsWith("nightly copy")
        .containsIgnoringCase("orders -> shop_orders (snapshot): 0 added, 1 modified, 0 deleted")
        .contains("\nevents (incremental): 1 added, 1 modified, 0 deleted");
  }

  /**
   * A temporal cursor with a look-back window: a row committed late with an {@code updated_at} inside the window
   * is merged; one older than the window is not (the documented limit: a snapshot run copies it).
   */
  @ParameterizedTest
  @ValueSource(strings = {"mariadb", "postgresql"})
  void aTimestampCursorWithALookBackWindowMergesLateCommitsInsideTheWindow(String kind) throws Exception {
    SyncSource db = source(kind);
    db.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20), updated_at TIMESTAMP(3) NULL)",
        "INSERT INTO t VALUES (1, 'a', '2026-01-01 10:00:00.000'), (2, 'b', '2026-01-01 12:00:00.250')");
    SyncOptions base = db.options();
    SyncOptions options = new SyncOptions(base.sourceUrl(), base.sourceUser(), base.sourcePassword(), base.target(),
        base.targetUser(), base.targetPassword(), base.branch(), List.of("*"), List.of(), Map.of(), SyncMode.INCREMENTAL,
        Map.of(), Map.of("t", "updated_at"), Map.of(), Set.of(), Duration.ofHours(1), Duration.ofSeconds(-1), null,
        base.author(), 100);
    new SyncEngine(options).run(new SyncEngine.Listener() {});
    assertThat(db.doltRows("SELECT cursor_kind, cursor_value FROM _doltsync_cursor"))
        .containsExactly("timestamp|2026-01-01T12:00:00.250");
    db.execute("INSERT INTO t VALUES (3, 'late, in window', '2026-01-01 11:30:00.000'),"
        + " (4, 'late, too old', '2026-01-01 10:30:00.000'), (5, 'new', '2026-01-01 13:00:00.000')");

    SyncReport report = new SyncEngine(options).run(new SyncEngine.Listener() {});

    assertThat(report.tables().get(0).rowsRead()).isEqualTo(3);
    assertThat(db.doltRows("SELECT id FROM t ORDER BY id")).containsExactly("1", "2", "3", "5");
    assertThat(db.doltRows("SELECT cursor_value FROM _doltsync_cursor")).containsExactly("2026-01-01T13:00");
  }
}
