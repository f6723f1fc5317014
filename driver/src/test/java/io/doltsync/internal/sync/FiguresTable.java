package io.doltsync.internal.sync;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures tests' source table {@code big} (id, name, qty, price, and the incremental cursor {@code changed}) of
 * generated rows on MariaDB or PostgreSQL, the incremental sync of it into a target, and the JVM's heap peak while
 * they run.
 */
final class FiguresTable implements AutoCloseable {

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final Thread sampler;

  private FiguresTable() {
    sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
  }

  /** Creates and fills {@code big} with {@code rows} rows in {@code db}, then samples the heap until closed. */
  static FiguresTable create(SyncSource db, int rows) throws Exception {
    String fill = db.kind().equals("postgresql")
        ? "INSERT INTO big SELECT g, 'item ' || g, g % 1000, g / 100.0, g FROM generate_series(1, " + rows + ") g"
        : "INSERT INTO big SELECT seq, CONCAT('item ', seq), seq % 1000, seq / 100, seq FROM seq_1_to_" + rows;
    db.execute("CREATE TABLE big (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, qty INT NOT NULL,"
        + " price DECIMAL(10,2) NOT NULL, changed BIGINT NOT NULL)", fill);
    FiguresTable table = new FiguresTable();
    table.sampler.start();
    return table;
  }

  /** The incremental sync of {@code big} (cursor {@code changed}) from {@code db} into {@code target}. */
  static SyncOptions incremental(SyncSource db, String target) {
    SyncOptions o = db.options();
    return new SyncOptions(o.sourceUrl(), o.sourceUser(), o.sourcePassword(), target, "root", "", "main", List.of("big"),
        List.of(), Map.of(), SyncMode.INCREMENTAL, Map.of(), Map.of("big", "changed"), Map.of(), Set.of(), Duration.ZERO,
        Duration.ofSeconds(-1), null, o.author(), 10_000);
  }

  /** The most heap in use so far, in MB. */
  long peakHeapMb() {
    return peak.get() >> 20;
  }

  /** Stops sampling. */
  @Override
  public void close() {
    sampler.interrupt();
  }
}
