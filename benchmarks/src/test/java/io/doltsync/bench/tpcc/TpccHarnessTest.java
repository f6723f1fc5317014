package io.doltsync.bench.tpcc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The TPC-C harness's own logic, without a server: the mix, the random functions, outcomes, digests, counts. */
class TpccHarnessTest {

  private static final TpccRandom.Constants CONSTANTS = new TpccRandom.Constants(123, 259, 7911);

  @Test
  void theMixFollowsTheSpecifiedWeights() {
    Map<TransactionType, Integer> drawn = new EnumMap<>(TransactionType.class);
    for (int draw = 1; draw <= 100; draw++) {
      drawn.merge(TransactionType.forDraw(draw), 1, Integer::sum);
    }
    assertThat(drawn).containsEntry(TransactionType.NEW_ORDER, 45).containsEntry(TransactionType.PAYMENT, 43)
        .containsEntry(TransactionType.ORDER_STATUS, 4).containsEntry(TransactionType.DELIVERY, 4)
        .containsEntry(TransactionType.STOCK_LEVEL, 4);
  }

  @Test
  void nurandStaysInRangeAndIsSkewed() {
    TpccRandom random = new TpccRandom(1, CONSTANTS);
    int[] hits = new int[100_001];
    int outside = 0;
    for (int i = 0; i < 200_000; i++) {
      int item = random.nurand(8191, 1, 100_000);
      if (item < 1 || item > 100_000) {
        outside++;
      } else {
        hits[item]++;
      }
    }
    assertThat(outside).isZero();
    int max = 0;
    for (int h : hits) {
      max = Math.max(max, h);
    }
    assertThat(max).as("NURand is non-uniform: some items far above the uniform mean of 2").isGreaterThan(10);
  }

  @Test
  void runConstantForLastNamesKeepsTheSpecifiedDistanceFromTheLoadOne() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 1_000; i++) {
      TpccRandom.Constants load = TpccRandom.Constants.draw(random);
      int delta = Math.abs(TpccRandom.Constants.forRun(load, random).cLast() - load.cLast());
      assertThat(delta).isBetween(65, 119).isNotIn(96, 112);
    }
  }

  @Test
  void lastNamesAreThreeSyllables() {
    assertThat(TpccRandom.lastName(0)).isEqualTo("BARBARBAR");
    assertThat(TpccRandom.lastName(371)).isEqualTo("PRICALLYOUGHT");
    assertThat(TpccRandom.lastName(999)).isEqualTo("EINGEINGEING");
  }

  @Test
  void generatedStringsAndDecimalsKeepTheirBounds() {
    TpccRandom random = new TpccRandom(3, CONSTANTS);
    int originals = 0;
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      String astring = random.astring(8, 16);
      String nstring = random.nstring(16, 16);
      BigDecimal amount = random.decimal("1.00", "5000.00", 2);
      String data = random.dataWithOriginal();
      if (!astring.matches("[a-zA-Z0-9]{8,16}") || !nstring.matches("[0-9]{16}") || amount.scale() != 2
          || amount.compareTo(new BigDecimal("1.00")) < 0 || amount.compareTo(new BigDecimal("5000.00")) > 0
          || data.length() < 26 || data.length() > 50) {
        wrong.add(astring + " " + nstring + " " + amount + " " + data);
      }
      originals += data.contains("ORIGINAL") ? 1 : 0;
    }
    assertThat(wrong).isEmpty();
    assertThat(originals).as("about 10% carry ORIGINAL").isBetween(800, 1_200);
  }

  /** Generates database failures of each kind, wrapped at random depths as a wrapper driver may wrap them. */
  @Test
  void failuresAreSortedByWhatTheDatabaseReportedHoweverWrapped() {
    SplittableRandom random = new SplittableRandom(11);
    record Case(SQLException failure, TpccDialect dialect, Outcome expected) {}
    for (int i = 0; i < 500; i++) {
      List<Case> cases = List.of(
          new Case(new SQLTransactionRollbackException("Deadlock found", "40001", 1213), TpccDialect.MARIADB,
              Outcome.DEADLOCK),
          new Case(new SQLException("Lock wait timeout exceeded", "HY000", 1205), TpccDialect.MARIADB,
              Outcome.LOCK_TIMEOUT),
          new Case(new SQLException("wrapped deadlock", "40001"), TpccDialect.MARIADB, Outcome.DEADLOCK),
          new Case(new SQLException("deadlock detected", "40P01"), TpccDialect.POSTGRESQL, Outcome.DEADLOCK),
          new Case(new SQLException("canceling statement due to lock timeout", "55P03"), TpccDialect.POSTGRESQL,
              Outcome.LOCK_TIMEOUT),
          new Case(new SQLException("could not serialize access", "40001"), TpccDialect.POSTGRESQL,
              Outcome.SERIALIZATION_FAILURE),
          new Case(new SQLException("duplicate key", "23505"), TpccDialect.POSTGRESQL, Outcome.ERROR));
      Case c = cases.get(random.nextInt(cases.size()));
      SQLException outer = c.failure();
      for (int depth = random.nextInt(4); depth > 0; depth--) {
        SQLException wrapper = new SQLException("doltsync: commit failed", random.nextBoolean() ? "HY000" : null);
        if (random.nextBoolean()) {
          wrapper.initCause(outer);
        } else {
          wrapper.setNextException(outer);
        }
        outer = wrapper;
      }
      assertThat(Outcome.of(outer, c.dialect())).as(outer.toString()).isEqualTo(c.expected());
    }
  }

  @Test
  void countsGiveTpmCFromCommittedNewOrdersOnly() {
    TpccCounts a = new TpccCounts();
    for (int i = 0; i < 45; i++) {
      a.record(TransactionType.NEW_ORDER, Outcome.COMMITTED_WRITE);
    }
    a.record(TransactionType.NEW_ORDER, Outcome.ROLLED_BACK);
    a.record(TransactionType.NEW_ORDER, Outcome.DEADLOCK);
    a.record(TransactionType.PAYMENT, Outcome.COMMITTED_WRITE);
    TpccCounts b = new TpccCounts();
    b.record(TransactionType.NEW_ORDER, Outcome.COMMITTED_WRITE);
    b.record(TransactionType.STOCK_LEVEL, Outcome.COMMITTED_READ_ONLY);
    TpccCounts sum = a.withSeconds(30).plus(b.withSeconds(20));
    assertThat(sum.seconds()).isEqualTo(30);
    assertThat(sum.tpmC()).isEqualTo(46 * 2.0);
    assertThat(sum.committedPerSecond()).isEqualTo(48 / 30.0);
    assertThat(sum.count(Outcome.DEADLOCK)).isEqualTo(1);
    assertThat(sum.count(Outcome.COMMITTED_WRITE)).isEqualTo(47);
  }

  @Test
  void normalizationIgnoresRepresentationNotValue() {
    assertThat(TableDigest.normalize(new BigDecimal("10.00"))).isEqualTo(TableDigest.normalize(new BigDecimal("10")));
    assertThat(TableDigest.normalize(new BigDecimal("0.00"))).isEqualTo(TableDigest.normalize(BigDecimal.ZERO));
    assertThat(TableDigest.normalize(1234.56f)).isEqualTo(TableDigest.normalize((double) 1234.56f));
    assertThat(TableDigest.normalize("OE      ")).isEqualTo(TableDigest.normalize("OE"));
    assertThat(TableDigest.normalize(7)).isEqualTo(TableDigest.normalize(7L));
    assertThat(TableDigest.normalize(null)).isNotEqualTo(TableDigest.normalize("NULL"));
    assertThat(TableDigest.normalize(new BigDecimal("10.01"))).isNotEqualTo(TableDigest.normalize(new BigDecimal("10.1")));
  }

  /** A keyless table compares as a multiset: order does not matter, a duplicate or a changed value does. */
  @Test
  void digestsAreOrderIndependentAndSeeEveryRow() throws SQLException {
    try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:tpcc_digest_" + System.nanoTime())) {
      List<String> rows = new ArrayList<>();
      SplittableRandom random = new SplittableRandom(5);
      for (int i = 0; i < 200; i++) {
        rows.add("(" + random.nextInt(10) + ", " + random.nextInt(1000) + ".5, 'h" + random.nextInt(20) + "')");
      }
      rows.add(rows.get(0)); // a duplicate row, as a keyless table may hold
      List<String> shuffled = new ArrayList<>(rows);
      Collections.shuffle(shuffled, new java.util.Random(9));
      try (Statement statement = h2.createStatement()) {
        for (String table : List.of("a", "b", "c", "d")) {
          statement.execute("CREATE TABLE " + table + " (k INT, amount DECIMAL(8,2), data CHAR(8))");
        }
        statement.execute("INSERT INTO a VALUES " + String.join(", ", rows));
        statement.execute("INSERT INTO b VALUES " + String.join(", ", shuffled));
        statement.execute("INSERT INTO c VALUES " + String.join(", ", rows.subList(1, rows.size())));
        statement.execute("INSERT INTO d VALUES " + String.join(", ", shuffled));
        statement.execute("UPDATE d SET amount = amount + 0.01 WHERE k = (SELECT MIN(k) FROM d) AND ROWNUM() = 1");
      }
      List<String> columns = List.of("k", "amount", "data");
      TableDigest a = TableDigest.of(h2, "a", columns);
      assertThat(TableDigest.of(h2, "b", columns)).isEqualTo(a);
      assertThat(TableDigest.of(h2, "c", columns)).isNotEqualTo(a);
      TableDigest d = TableDigest.of(h2, "d", columns);
      assertThat(d.rows()).isEqualTo(a.rows());
      assertThat(d).isNotEqualTo(a);
    }
  }

  @Test
  void backlogTrendRecoversTheSlopeOfTheSecondHalfWhateverTheFirst() {
    SplittableRandom random = new SplittableRandom(29);
    for (int trial = 0; trial < 500; trial++) {
      int n = random.nextInt(4, 120);
      long slope = random.nextInt(-50, 200);
      long offset = random.nextInt(10_000, 20_000);
      boolean noisy = random.nextBoolean();
      List<Long> samples = new ArrayList<>();
      for (int x = 0; x < n; x++) {
        // the first half ramps however it likes (the applier starting); the second is a line, maybe jittered by 1
        samples.add(x < n / 2 ? random.nextLong(0, 10_000)
            : offset + slope * (x - n / 2) + (noisy ? random.nextInt(-1, 2) : 0));
      }
      assertThat(BacklogTrend.slope(samples)).as("samples %s", samples)
          .isCloseTo(slope, org.assertj.core.data.Offset.offset(noisy ? 2.0 : 1e-9));
    }
  }

  @Test
  void backlogTrendCallsAGrowingBacklogGrowingAndAFlatOneFlat() {
    List<Long> growing = new ArrayList<>();
    List<Long> flat = new ArrayList<>();
    for (int x = 0; x < 30; x++) {
      growing.add(20L * x);
      flat.add(x < 5 ? 40L * x : 3L + x % 3);
    }
    assertThat(BacklogTrend.verdict(growing, 60)).startsWith("GROWING: +20.0 entries/s");
    assertThat(BacklogTrend.verdict(flat, 60)).startsWith("flat");
    assertThat(BacklogTrend.slope(List.of(7L))).isNaN();
  }
}
