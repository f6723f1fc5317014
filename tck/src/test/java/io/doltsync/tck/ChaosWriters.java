package io.doltsync.tck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chaos run's application: writer threads, each with its own doltsync connection, committing random
 * multi-statement transactions (the workload's inserts, updates, deletes, upserts, batches, cascades on keyed
 * and keyless tables, plus writes of {@code chaos_poison}), some rolled back, each with one marker row;
 * some carry a row only Dolt's rule refuses (it reaches the applier), and on primaries that can hold them
 * some carry a double Dolt cannot store (doltsync must refuse the commit before the primary commits).
 *
 * <p>Every transaction's commit message names its marker ({@link ChaosChecks#message}), so its Dolt commit and
 * its quarantined entry can be told apart from rows a whole-table copy carries.
 *
 * <p>On H2, which has no table locks, only writer 0 runs the workload's statements that copy tables whole
 * (README, "Known limits"), and none that reach {@code orders} or call a procedure (they copy every table,
 * {@code marker} too); the other writers write {@code chaos_poison} and {@code marker} by key.
 */
final class ChaosWriters implements AutoCloseable {

  private static final long PAUSE_MILLIS = 30;
  private static final double[] UNSTORABLE = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

  private final Primary primary;
  private final ChaosLedger ledger;
  private final List<Thread> threads = new ArrayList<>();
  private final List<Connection> connections = new ArrayList<>();
  private final WorkloadStats stats = new WorkloadStats();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
  private final Set<Integer> poisonPlans = ConcurrentHashMap.newKeySet();
  private final AtomicInteger poisonIds = new AtomicInteger();
  private final AtomicInteger valueIds = new AtomicInteger();
  private volatile boolean running = true;

  /**
   * Journal entries the applier may lag behind before writers pause (at most {@link #MAX_PAUSE_MILLIS} per
   * transaction): a primary commits several times faster than Dolt, and the run's end must drain in bounded time.
   */
  private static final long BACKLOG = 40;
  private static final long MAX_PAUSE_MILLIS = 2_000;

  private java.util.function.LongSupplier backlog = () -> 0;

  ChaosWriters(TckEnvironment environment, int writers, long seed, ChaosLedger ledger) throws SQLException {
    this.primary = environment.primary().primary();
    this.ledger = ledger;
    Keys.Shared keys = new Keys.Shared();
    for (int w = 0; w < writers; w++) {
      Connection connection = environment.openDoltSync();
      connections.add(connection);
      boolean workload = w == 0 || !"h2".equals(primary.name());
      WorkloadGenerator generator = new WorkloadGenerator(primary, WorkloadOptions.multiWriter(), seed + w, keys);
      Random random = new Random(seed * 31 + w);
      TransactionExecutor executor = new TransactionExecutor(primary, stats, new Recorder());
      String name = "chaos-writer-" + w;
      threads.add(new Thread(() -> loop(connection, name, workload ? generator : null, random, executor), name));
    }
  }

  /** The first writer's connection (its mirror is the run's mirror). */
  Connection connection() {
    return connections.get(0);
  }

  /** Whether this primary can hold a value Dolt cannot store (MariaDB has no NaN or infinite doubles). */
  boolean storesUnstorableValues() {
    return !"mariadb".equals(primary.name());
  }

  /** Starts the writers; {@code backlog} tells how many journal entries wait for the applier. */
  void start(java.util.function.LongSupplier backlog) {
    this.backlog = backlog;
    threads.forEach(Thread::start);
  }

  /** Stops the writers; a writer that does not finish within {@code timeout} is a stall. */
  void stop(Duration timeout) throws InterruptedException {
    running = false;
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Thread> stuck = new ArrayList<>();
    for (Thread thread : threads) {
      thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      if (thread.isAlive()) {
        stuck.add(thread);
      }
    }
    if (!stuck.isEmpty()) {
      violations.add("writers stalled for more than " + timeout.toSeconds() + " s:\n" + StuckThreads.describe(stuck));
    }
    synchronized (failures) {
      for (Throwable failure : failures) {
        violations.add("a writer failed: " + failure);
      }
    }
  }

  /** Findings: unexpected statement errors, commits that should have been refused, refusals without a clear cause. */
  List<String> violations() {
    List<String> all = new ArrayList<>(stats.unexpectedErrors());
    synchronized (violations) {
      all.addAll(violations);
    }
    return all;
  }

  String describeStatements() {
    return stats.describe();
  }

  private void loop(Connection connection, String writer, WorkloadGenerator generator, Random random,
      TransactionExecutor executor) {
    try {
      while (running) {
        int seq = ledger.nextSeq();
        int roll = random.nextInt(100);
        if (roll < 4 && storesUnstorableValues()) {
          unstorableValue(connection, writer, seq, random);
        } else if (roll < 12) {
          poisonPlans.add(seq);
          executor.run(connection, plan(seq, writer, List.of(poison(random)), TransactionPlan.Ending.COMMIT));
        } else {
          List<Operation> operations = new ArrayList<>();
          if (generator != null) {
            generator.next(seq).operations().stream().filter(op -> !op.kind().isSchemaStatement())
                .filter(op -> !"h2".equals(primary.name()) || !copiesEveryTableOnH2(op))
                .forEach(operations::add);
          }
          if (generator == null || random.nextInt(3) == 0) {
            operations.add(goodPoisonTableWrite(random));
          }
          TransactionPlan.Ending ending = random.nextInt(100) < 10 ? TransactionPlan.Ending.ROLLBACK
              : TransactionPlan.Ending.COMMIT;
          executor.run(connection, plan(seq, writer, operations, ending));
        }
        Thread.sleep(PAUSE_MILLIS);
        for (long waited = 0; running && waited < MAX_PAUSE_MILLIS && backlog.getAsLong() > BACKLOG; waited += 50) {
          Thread.sleep(50);
        }
      }
    } catch (Throwable e) {
      failures.add(e);
    }
  }

  /**
   * On H2 a write that reaches {@code orders} (its audit trigger is Java, so doltsync cannot tell what it writes:
   * directly, or through {@code customer}'s cascades) or calls a procedure copies every mirrored table whole,
   * {@code marker} included; without table locks such a copy races with the other writers' markers (README,
   * "Known limits": use SQL triggers with concurrent writers on H2), so writer 0 leaves those statements out.
   */
  private static boolean copiesEveryTableOnH2(Operation operation) {
    String sql = operation.description().toLowerCase(Locale.ROOT);
    return operation.kind() == OpKind.CALLABLE || sql.matches("(?s).*\\b(orders|customer|restock)\\b.*");
  }

  private TransactionPlan plan(int seq, String writer, List<Operation> operations, TransactionPlan.Ending ending) {
    List<Operation> all = new ArrayList<>(operations.size() + 1);
    all.add(Sql.update(OpKind.ORM_INSERT, "INSERT INTO marker (seq, writer) VALUES (?, ?)", seq, writer));
    all.addAll(operations);
    return new TransactionPlan(seq, all, ending, -1, -1, primary.errorAbortsTransaction(),
        new TransactionPlan.CommitMetadata(writer, writer + "@chaos.example", ChaosChecks.message(seq)));
  }

  /** A write of {@code chaos_poison} that Dolt's rule allows. */
  private Operation goodPoisonTableWrite(Random random) {
    int known = Math.max(1, poisonIds.get());
    return switch (random.nextInt(3)) {
      case 0 -> Sql.update(OpKind.ORM_INSERT, "INSERT INTO chaos_poison (id, v) VALUES (?, ?)",
          poisonIds.incrementAndGet(), random.nextInt(ChaosSchema.POISON_FROM));
      case 1 -> Sql.update(OpKind.ORM_UPDATE, "UPDATE chaos_poison SET v = ? WHERE id = ?",
          random.nextInt(ChaosSchema.POISON_FROM), 1 + random.nextInt(known));
      default -> Sql.update(OpKind.ORM_DELETE, "DELETE FROM chaos_poison WHERE id = ?", 1 + random.nextInt(known));
    };
  }

  /** A write of {@code chaos_poison} that the primary takes and Dolt's rule refuses. */
  private Operation poison(Random random) {
    int value = ChaosSchema.POISON_FROM + random.nextInt(1000);
    return random.nextBoolean()
        ? Sql.update(OpKind.ORM_INSERT, "INSERT INTO chaos_poison (id, v) VALUES (?, ?)", poisonIds.incrementAndGet(),
            value)
        : Sql.update(OpKind.ORM_UPDATE, "UPDATE chaos_poison SET v = ? WHERE id = ?", value,
            1 + random.nextInt(Math.max(1, poisonIds.get())));
  }

  /**
   * A transaction with a double Dolt cannot store: doltsync must refuse its commit with an SQLDataException
   * naming the table, before the primary commits it (the application then rolls back).
   */
  private void unstorableValue(Connection connection, String writer, int seq, Random random) throws SQLException {
    double value = UNSTORABLE[random.nextInt(UNSTORABLE.length)];
    connection.setAutoCommit(false);
    try (PreparedStatement marker = connection.prepareStatement("INSERT INTO marker (seq, writer) VALUES (?, ?)");
        PreparedStatement insert = connection.prepareStatement("INSERT INTO chaos_value (id, d) VALUES (?, ?)")) {
      marker.setInt(1, seq);
      marker.setString(2, writer);
      marker.executeUpdate();
      insert.setInt(1, valueIds.incrementAndGet());
      insert.setDouble(2, value);
      insert.executeUpdate();
    }
    try {
      connection.commit();
      ledger.committed(seq, false);
      violations.add("the commit of " + value + " in chaos_value (marker " + seq + ") was not refused");
    } catch (SQLException refused) {
      connection.rollback();
      ledger.refusedAtCommit(seq);
      String message = String.valueOf(refused.getMessage()).toLowerCase(Locale.ROOT);
      if (refused.getSQLState() == null || !refused.getSQLState().startsWith("22")
          || !message.contains("chaos_value")) {
        violations.add("the commit of " + value + " (marker " + seq + ") failed without naming the table and a"
            + " data exception: SQLState " + refused.getSQLState() + ", " + refused.getMessage());
      }
    }
  }

  @Override
  public void close() {
    running = false;
  }

  /** Puts each transaction's ending in the ledger. */
  private final class Recorder implements TransactionExecutor.Listener {
    @Override
    public void committed(Connection connection, TransactionPlan plan, boolean last) {
      if (last) {
        ledger.committed(plan.number(), poisonPlans.contains(plan.number()));
      }
    }

    @Override
    public void rolledBack(Connection connection, TransactionPlan plan) {
      ledger.rolledBack(plan.number());
    }
  }
}
