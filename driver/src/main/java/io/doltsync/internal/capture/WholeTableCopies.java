package io.doltsync.internal.capture;

import io.doltsync.internal.dialect.PostgreSqlDialect;
import io.doltsync.internal.journal.JournalOrderLock;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tables a transaction copies whole at commit, after all its other image reads, so that it holds no
 * lock taken for a copy while it still waits for row locks.
 *
 * <p>On PostgreSQL at READ COMMITTED (with the journal's {@link JournalOrderLock}), a copy takes no share lock on
 * its table, which would wait for every open writer of the table, also one waiting for this transaction's row
 * locks (a deadlock the application would not have had). Instead it takes, in one round trip, an
 * {@code ACCESS SHARE} lock on the copied tables (which waits only for DDL or {@code TRUNCATE} holding them, before
 * anything else is held for the copy) and the journal's order lock exclusively, which waits only for transactions
 * in their journal insert; then it reads each table with a plain {@code SELECT}. Every writer of the table that
 * committed before is in the copy, with an earlier journal id; every other one takes the order lock at its journal
 * insert, so it commits after this transaction, with a later journal id, and is applied after the copy. At
 * REPEATABLE READ or SERIALIZABLE (the snapshot is the transaction's, older than the commit), and on other
 * primaries, the copy locks its table and reads with {@code FOR UPDATE} ({@link RowImageReader#wholeTable}).
 */
final class WholeTableCopies {

  private final SourceDialect dialect;
  private final RowImageReader images;
  private final JournalOrderLock orderLock;

  /** @param orderLock the journal's order lock on PostgreSQL; {@code null}: copies lock their tables */
  WholeTableCopies(SourceDialect dialect, RowImageReader images, JournalOrderLock orderLock) {
    this.dialect = dialect;
    this.images = images;
    this.orderLock = dialect instanceof PostgreSqlDialect ? orderLock : null;
  }

  /** The copies of one transaction's commit. */
  Batch batch(Connection connection) {
    return new Batch(connection);
  }

  /** The tables one commit copies, with their places among the transaction's changes. */
  final class Batch {
    private final Connection connection;
    private final List<Integer> positions = new ArrayList<>();
    private final List<TableSchema> tables = new ArrayList<>();

    private Batch(Connection connection) {
      this.connection = connection;
    }

    /** Keeps the table's place in {@code changes} (a {@code null} until {@link #read}). */
    void add(List<TableChange> changes, TableSchema table) {
      positions.add(changes.size());
      changes.add(null);
      tables.add(table);
    }

    /** Reads every table added and puts its copy in its place. */
    void read(List<TableChange> changes) throws SQLException {
      if (tables.isEmpty()) {
        return;
      }
      boolean unlocked = orderLock != null && readCommitted();
      if (unlocked) {
        lockForPlainReads();
      }
      for (int i = 0; i < tables.size(); i++) {
        changes.set(positions.get(i), unlocked ? images.wholeTableUnlocked(connection, tables.get(i))
            : images.wholeTable(connection, tables.get(i), false));
      }
    }

    private boolean readCommitted() throws SQLException {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT current_setting('transaction_isolation')")) {
        return rs.next() && "read committed".equalsIgnoreCase(rs.getString(1));
      }
    }

    /** {@code ACCESS SHARE} on the copied tables, then the order lock, in one round trip. */
    private void lockForPlainReads() throws SQLException {
      StringBuilder sql = new StringBuilder("LOCK TABLE ");
      for (int i = 0; i < tables.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(dialect.quoteIdentifier(tables.get(i).name()));
      }
      sql.append(" IN ACCESS SHARE MODE; ").append(orderLock.exclusiveStatement());
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql.toString());
      }
    }
  }
}
