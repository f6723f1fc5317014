package io.doltsync.internal.capture;

import io.doltsync.internal.dialect.PostgreSqlDialect;
import io.doltsync.internal.journal.JournalOrderLock;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;

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
 *
 * <p>On PostgreSQL a table is copied only if the transaction holds a lock on it that a write takes (every
 * {@code INSERT}/{@code UPDATE}/{@code DELETE}, also a foreign-key action's or a trigger's, takes
 * {@code ROW EXCLUSIVE} until the transaction ends; {@code TRUNCATE} and DDL take stronger ones; a rollback to a
 * savepoint releases them with the changes they guarded). A table the plan only might change (a foreign-key
 * action or trigger of a table written, a {@code DELETE} that matched no parent row) and that the transaction
 * did not write is left out: nothing in it changed, and its copy would take the first lock on it, which waits for
 * another transaction's {@code TRUNCATE} or DDL of it while that transaction may wait for this one (a deadlock the
 * raw driver does not have). The check rides on the isolation query: no extra round trip. A reconcile's heal,
 * which copies drifted tables it does not write, keeps them ({@link Batch#add}).
 */
final class WholeTableCopies {

  private static final Logger LOG = DoltSyncLoggers.get(WholeTableCopies.class);

  /**
   * The isolation level, and the (1-based) positions of the named tables this transaction holds a lock on that
   * a write takes: any relation lock but {@code ACCESS SHARE} (reads) and {@code ROW SHARE} ({@code FOR UPDATE}).
   * {@code to_regclass} resolves a name as {@code LOCK TABLE} does (search path), without locking; a name it does
   * not resolve is kept (copied as before).
   */
  static final String POSTGRES_WRITTEN_TABLES = "SELECT current_setting('transaction_isolation'),"
      + " ARRAY(SELECT t.i::int FROM unnest(?::text[]) WITH ORDINALITY AS t(name, i)"
      + " WHERE pg_catalog.to_regclass(t.name) IS NULL OR EXISTS (SELECT 1"
      + " FROM pg_catalog.pg_locks l WHERE l.pid = pg_catalog.pg_backend_pid() AND l.locktype = 'relation'"
      + " AND l.granted AND l.relation = pg_catalog.to_regclass(t.name)"
      + " AND l.mode NOT IN ('AccessShareLock', 'RowShareLock')) ORDER BY t.i)";

  private final SourceDialect dialect;
  private final RowImageReader images;
  private final JournalOrderLock orderLock;
  private final boolean postgres;

  /** @param orderLock the journal's order lock on PostgreSQL; {@code null}: copies lock their tables */
  WholeTableCopies(SourceDialect dialect, RowImageReader images, JournalOrderLock orderLock) {
    this.dialect = dialect;
    this.images = images;
    this.postgres = dialect instanceof PostgreSqlDialect;
    this.orderLock = postgres ? orderLock : null;
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
    private final Set<TableSchema> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private Batch(Connection connection) {
      this.connection = connection;
    }

    /**
     * Keeps the table's place in {@code changes} (a {@code null} until {@link #read}).
     *
     * @param evenUnwritten copied although the transaction holds no write lock on it (reconcile's heal)
     */
    void add(List<TableChange> changes, TableSchema table, boolean evenUnwritten) {
      positions.add(changes.size());
      changes.add(null);
      tables.add(table);
      if (evenUnwritten) {
        kept.add(table);
      }
    }

    /** Reads every table added and puts its copy in its place. */
    void read(List<TableChange> changes) throws SQLException {
      if (tables.isEmpty()) {
        return;
      }
      boolean unlocked = false;
      if (postgres) {
        unlocked = keepWrittenTables() && orderLock != null;
        if (tables.isEmpty()) {
          changes.removeIf(Objects::isNull);
          return;
        }
      }
      if (unlocked) {
        lockForPlainReads();
      }
      for (int i = 0; i < tables.size(); i++) {
        changes.set(positions.get(i), unlocked ? images.wholeTableUnlocked(connection, tables.get(i))
            : images.wholeTable(connection, tables.get(i), false));
      }
      changes.removeIf(Objects::isNull); // the places of tables left out
    }

    /**
     * Leaves out the tables this transaction holds no write lock on (they are unchanged); returns whether it
     * runs at READ COMMITTED.
     */
    private boolean keepWrittenTables() throws SQLException {
      String[] names = new String[tables.size()];
      for (int i = 0; i < names.length; i++) {
        names[i] = dialect.quoteIdentifier(tables.get(i).name());
      }
      boolean readCommitted;
      Set<Integer> written = new HashSet<>();
      try (PreparedStatement statement = connection.prepareStatement(POSTGRES_WRITTEN_TABLES)) {
        statement.setArray(1, connection.createArrayOf("text", names));
        try (ResultSet rs = statement.executeQuery()) {
          rs.next();
          readCommitted = "read committed".equalsIgnoreCase(rs.getString(1));
          Array positionsWritten = rs.getArray(2);
          for (Object position : (Object[]) positionsWritten.getArray()) {
            written.add(((Number) position).intValue());
          }
          positionsWritten.free();
        }
      }
      for (int i = tables.size() - 1; i >= 0; i--) {
        if (!written.contains(i + 1) && !kept.contains(tables.get(i))) {
          LOG.debug("Not copying {}: the transaction holds no write lock on it, so it changed nothing there",
              tables.get(i).name());
          tables.remove(i);
          positions.remove(i);
        }
      }
      return readCommitted;
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
