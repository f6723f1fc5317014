package io.doltsync.tck;

import io.doltsync.internal.journal.JournalTable;
import io.doltsync.internal.mirror.ApplierControl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults at random moments, one at a time, every kind once per round of five in a random order: the run's own {@code dolt sql-server} killed (SIGKILL) and
 * started again; every other connection to that server killed ({@code KILL}, the applier's among them); the
 * applier thread interrupted; the
 * applier stopped and started again as an application restart would; and journal rows forged by another
 * client of the primary (bytes that are no entry). It never touches the shared test servers.
 *
 * <p>It does not {@link Thread#stop()} the applier thread: tried, a {@link ThreadDeath} that lands inside
 * {@code java.util.concurrent} code leaves a lock held by a dead thread or its queue corrupt (why the method is
 * deprecated for removal), and no code can survive that. An {@link Error} inside the applier is the
 * supervisor's case, tested by {@code ApplierSupervisionTest}.
 */
final class ChaosMonkey implements AutoCloseable {

  /** The kinds of fault, for the summary. */
  enum Fault { DOLT_KILLED, DOLT_CONNECTIONS_KILLED, APPLIER_INTERRUPTED, APPLIER_RESTARTED, JOURNAL_ROW_FORGED }

  private final TckEnvironment environment;
  private final DoltProcess dolt;
  private final ApplierControl applier;
  private final Random random;
  private final Map<Fault, AtomicInteger> counts = new TreeMap<>();
  private final List<String> forged = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();
  private final Thread thread;
  /** The faults still to make in this round: each kind once per round, in a random order. */
  private final List<Fault> cycle = new ArrayList<>();
  private volatile boolean running = true;

  ChaosMonkey(TckEnvironment environment, DoltProcess dolt, ApplierControl applier, long seed) {
    this.environment = environment;
    this.dolt = dolt;
    this.applier = applier;
    this.random = new Random(seed ^ 0xC4A05L);
    for (Fault fault : Fault.values()) {
      counts.put(fault, new AtomicInteger());
    }
    this.thread = new Thread(this::loop, "chaos-monkey");
  }

  void start() {
    thread.start();
  }

  /** Stops making faults, and leaves Dolt running and the applier started. */
  void stop() throws Exception {
    running = false;
    thread.join(120_000);
    if (thread.isAlive()) {
      throw new AssertionError("the chaos monkey is stuck:\n" + StuckThreads.describe(List.of(thread)));
    }
    if (!failures.isEmpty()) {
      throw new AssertionError("a fault could not be made", failures.get(0));
    }
  }

  /** How many faults of each kind were made. */
  Map<Fault, AtomicInteger> counts() {
    return counts;
  }

  int count(Fault fault) {
    return counts.get(fault).get();
  }

  /** The transaction ids of the forged journal rows. */
  List<String> forged() {
    return forged;
  }

  private void loop() {
    try {
      while (running) {
        Thread.sleep(300 + random.nextInt(1200));
        if (!running) {
          break;
        }
        if (cycle.isEmpty()) {
          cycle.addAll(List.of(Fault.values()));
          java.util.Collections.shuffle(cycle, random);
        }
        Fault fault = cycle.remove(0);
        if (make(fault)) {
          counts.get(fault).incrementAndGet();
        }
      }
    } catch (Throwable e) {
      failures.add(e);
    }
  }

  /** Makes the fault; true when it was made. */
  private boolean make(Fault fault) throws Exception {
    switch (fault) {
      case DOLT_KILLED -> {
        dolt.kill();
        Thread.sleep(200 + random.nextInt(1300));
        dolt.restart();
      }
      case DOLT_CONNECTIONS_KILLED -> killDoltConnections();
      case APPLIER_INTERRUPTED -> applier.thread().ifPresent(Thread::interrupt);
      case APPLIER_RESTARTED -> {
        applier.stop(java.time.Duration.ofSeconds(60));
        Thread.sleep(random.nextInt(800));
        applier.start();
      }
      case JOURNAL_ROW_FORGED -> forgeJournalRow();
    }
    return true;
  }

  /** {@code KILL}s every other connection of the run's Dolt server (the applier's, doltsync's readers, ...). */
  private void killDoltConnections() throws SQLException {
    try (Connection connection = Servers.connect(Servers.doltUrl(dolt.port(), ""), Servers.DOLT_USER, "");
        Statement statement = connection.createStatement()) {
      List<Long> ids = new ArrayList<>();
      long own;
      try (ResultSet rs = statement.executeQuery("SELECT CONNECTION_ID()")) {
        rs.next();
        own = rs.getLong(1);
      }
      try (ResultSet rs = statement.executeQuery("SHOW PROCESSLIST")) {
        while (rs.next()) {
          if (rs.getLong(1) != own) {
            ids.add(rs.getLong(1));
          }
        }
      }
      for (long id : ids) {
        try {
          statement.execute("KILL " + id);
        } catch (SQLException gone) {
          // it closed meanwhile
        }
      }
    }
  }

  /** A journal row of random bytes, as another client of the primary could insert: no entry at all. */
  private void forgeJournalRow() throws SQLException {
    String txn = UUID.randomUUID().toString();
    byte[] payload = new byte[1 + random.nextInt(300)];
    random.nextBytes(payload);
    try (Connection forger = environment.primary().connect()) {
      forger.setAutoCommit(true);
      new JournalTable(environment.dialect(), TckEnvironment.JOURNAL_TABLE).ensureExists(forger);
      try (PreparedStatement insert = forger.prepareStatement("INSERT INTO "
          + environment.dialect().quoteIdentifier(TckEnvironment.JOURNAL_TABLE)
          + " (txn, chunk, chunks, instance, payload) VALUES (?, ?, ?, ?, ?)")) {
        insert.setString(1, txn);
        insert.setInt(2, 0);
        insert.setInt(3, 1);
        insert.setString(4, "chaos forger");
        insert.setBytes(5, payload);
        insert.executeUpdate();
      }
    }
    synchronized (forged) {
      forged.add(txn);
    }
  }

  @Override
  public void close() {
    running = false;
  }
}
