package io.doltsync.tck;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes that bypass doltsync: one thread writes the primary over a plain JDBC connection (a DBA's
 * console), another writes the mirrored Dolt branch directly (its working set, and now and then a commit of
 * its own) as any other Dolt client could. Neither touches {@code marker}, so markers still count the
 * application's transactions. Their statements may fail (Dolt down, a lock, a rule): they are counted, not
 * findings.
 */
final class OutOfBandWriters implements AutoCloseable {

  private static final long PAUSE_MILLIS = 150;

  private final TckEnvironment environment;
  private final Random random;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicInteger primaryWrites = new AtomicInteger();
  private final AtomicInteger doltWrites = new AtomicInteger();
  private final AtomicInteger doltCommits = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger sequence = new AtomicInteger();
  private volatile boolean running = true;

  OutOfBandWriters(TckEnvironment environment, long seed) {
    this.environment = environment;
    this.random = new Random(seed ^ 0x5DEECE66DL);
    threads.add(new Thread(this::writePrimary, "chaos-out-of-band-primary"));
    threads.add(new Thread(this::writeDolt, "chaos-out-of-band-dolt"));
  }

  void start() {
    threads.forEach(Thread::start);
  }

  void stop() throws InterruptedException {
    running = false;
    for (Thread thread : threads) {
      thread.join(30_000);
    }
  }

  String describe() {
    return primaryWrites.get() + " on the primary, " + doltWrites.get() + " on Dolt's branch (" + doltCommits.get()
        + " Dolt commits of their own), " + failed.get() + " failed";
  }

  private void writePrimary() {
    Connection connection = null;
    while (running) {
      try {
        if (connection == null) {
          connection = environment.primary().connect();
          connection.setAutoCommit(true);
        }
        int n = sequence.incrementAndGet();
        String sql = switch (pick()) {
          case 0 -> "UPDATE customer SET name = 'primary bypass " + n + "' WHERE id = " + (1 + pick(Keys.CUSTOMERS));
          case 1 -> "INSERT INTO event_log (kind, ref, amount) VALUES ('bypass', " + n + ", 1.25)";
          case 2 -> "DELETE FROM note WHERE id = " + (1 + pick(Keys.NOTES));
          case 3 -> "UPDATE stock SET note = 'bypass " + n + "' WHERE warehouse = " + (1 + pick(3)) + " AND sku = '"
              + Keys.sku(1 + pick(8)) + "'";
          default -> "INSERT INTO chaos_poison (id, v) VALUES (" + (-n) + ", " + pick(ChaosSchema.POISON_FROM) + ")";
        };
        try (Statement statement = connection.createStatement()) {
          statement.executeUpdate(sql);
          primaryWrites.incrementAndGet();
        }
      } catch (SQLException e) {
        failed.incrementAndGet();
        connection = closeQuietly(connection);
      }
      pause();
    }
    closeQuietly(connection);
  }

  private void writeDolt() {
    Connection connection = null;
    while (running) {
      try {
        if (connection == null) {
          connection = environment.dolt().connect();
          connection.setAutoCommit(true);
        }
        int n = sequence.incrementAndGet();
        String sql = switch (pick()) {
          case 0 -> "UPDATE customer SET name = 'dolt bypass " + n + "' WHERE id = " + (1 + pick(Keys.CUSTOMERS));
          case 1 -> "INSERT INTO event_log (kind, ref, amount) VALUES ('dolt bypass', " + n + ", 2.50)";
          case 2 -> "DELETE FROM note WHERE id = " + (1 + pick(Keys.NOTES));
          case 3 -> "UPDATE chaos_poison SET v = v + 1 WHERE id = " + (1 + pick(50));
          default -> "CALL dolt_commit('-Am', 'out of band " + n + "')";
        };
        try (Statement statement = connection.createStatement()) {
          statement.execute(sql);
          if (sql.startsWith("CALL")) {
            doltCommits.incrementAndGet();
          } else {
            doltWrites.incrementAndGet();
          }
        }
      } catch (SQLException e) {
        failed.incrementAndGet();
        connection = closeQuietly(connection);
      }
      pause();
    }
    closeQuietly(connection);
  }

  private int pick() {
    return pick(5);
  }

  private synchronized int pick(int bound) {
    return random.nextInt(bound);
  }

  private void pause() {
    try {
      Thread.sleep(PAUSE_MILLIS + pick(100));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private static Connection closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // a lost connection: a new one is opened
      }
    }
    return null;
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
