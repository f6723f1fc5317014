package io.doltsync.bench.mirror;

import io.doltsync.bench.core.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The entries waiting in a journal table, read from the primary. The applier deletes entries once their
 * Dolt commits exist, so an empty journal means Dolt has everything. (The JMX counters cannot tell: entries
 * that the bootstrap snapshot already contained are skipped without being counted as applied.)
 */
final class JournalBacklog {

  private final Connection primary;
  private final String journalTable;

  /** @param primary a raw connection to the primary in auto-commit mode */
  JournalBacklog(Connection primary, String journalTable) {
    this.primary = primary;
    this.journalTable = journalTable;
  }

  long count() throws SQLException {
    return Sql.queryLong(primary, "SELECT COUNT(*) FROM " + journalTable);
  }

  /** Waits until the journal is empty; polls every 20 ms. */
  void awaitEmpty(Duration timeout) throws SQLException, InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long left;
    while ((left = count()) > 0) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("journal " + journalTable + " still holds " + left + " entries after "
            + timeout.toSeconds() + " s");
      }
      Thread.sleep(20);
    }
  }
}
