package io.doltsync.bench.mirror;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * Dolt's own commit rate for the workload's row changes: what a hand-written client does to put transaction
 * {@code n} into Dolt, with the statements doltsync's applier uses ({@code REPLACE INTO} of each changed
 * row, {@code CALL dolt_commit} with author, date and a message of the same shape, then {@code COMMIT}),
 * but none of the journal reading, decoding and bookkeeping.
 */
final class DirectDoltApplier implements AutoCloseable {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Connection dolt;

  /** @param dolt a connection to the Dolt database, which holds the workload's tables */
  DirectDoltApplier(Connection dolt) throws SQLException {
    this.dolt = dolt;
    dolt.setAutoCommit(false);
  }

  /** Applies transaction {@code n} as one Dolt commit. */
  void apply(long n) throws SQLException {
    write(n);
    commit(n);
  }

  /** Applies transactions {@code from .. from+count-1} as one Dolt commit (what a group commit does). */
  void applyGroup(long from, int count) throws SQLException {
    for (long n = from; n < from + count; n++) {
      write(n);
    }
    commit(from + count - 1);
  }

  private void write(long n) throws SQLException {
    OrderWorkload.Order order = OrderWorkload.order(n);
    OrderWorkload.Account account = OrderWorkload.account(n);
    try (PreparedStatement replace = dolt.prepareStatement("REPLACE INTO `" + OrderWorkload.ORDERS
        + "` (`id`, `account_id`, `amount`, `status`, `created_at`) VALUES (?, ?, ?, ?, ?)")) {
      replace.setLong(1, order.id());
      replace.setInt(2, order.accountId());
      replace.setBigDecimal(3, order.amount());
      replace.setString(4, order.status());
      replace.setObject(5, order.createdAt());
      replace.executeUpdate();
    }
    try (PreparedStatement replace = dolt.prepareStatement("REPLACE INTO `" + OrderWorkload.ACCOUNTS
        + "` (`id`, `owner`, `balance`, `updated_at`) VALUES (?, ?, ?, ?)")) {
      replace.setInt(1, account.id());
      replace.setString(2, account.owner());
      replace.setBigDecimal(3, account.balance());
      replace.setObject(4, account.updatedAt());
      replace.executeUpdate();
    }
  }

  private void commit(long n) throws SQLException {
    Instant now = Instant.now();
    try (PreparedStatement commit = dolt.prepareStatement(
        "CALL dolt_commit('-A', '--skip-empty', '-m', ?, '--author', ?, '--date', ?)")) {
      commit.setString(1, "bench_orders: 1 row\nbench_accounts: 1 row\n\n" // the shape of doltsync's trailer
          + "Doltsync-Transaction: " + UUID.randomUUID() + "\nDoltsync-Journal: " + n
          + "\nDoltsync-Instance: bench\nDoltsync-Primary-Commit: " + now);
      commit.setString(2, "bench <bench@localhost>");
      commit.setString(3, DATE.format(now));
      if (commit.execute()) {
        try (ResultSet rs = commit.getResultSet()) {
          rs.next();
        }
      }
    }
    dolt.commit();
  }

  @Override
  public void close() throws SQLException {
    dolt.close();
  }
}
