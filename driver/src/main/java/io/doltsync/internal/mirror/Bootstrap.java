package io.doltsync.internal.mirror;

import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.dialect.UnreadableValue;
import io.doltsync.internal.journal.JournalTable;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * The first copy of the primary into Dolt: every mirrored table's schema and rows, read from one
 * consistent snapshot of the primary, streamed (reading and writing overlap, see {@link RowPipe}) into
 * Dolt's bulk path, {@code LOAD DATA LOCAL INFILE} ({@link LoadDataStream}), or in batched {@code INSERT}s
 * where the Dolt server or its JDBC driver does not allow that, written as one Dolt commit. The commit lists
 * the journal entries its snapshot already contains, so that writes committed while it ran are applied
 * afterwards exactly once: those the snapshot saw are skipped, those it did not are applied.
 */
final class Bootstrap {

  private static final Logger LOG = DoltSyncLoggers.get(Bootstrap.class);
  private static final int FETCH_SIZE = 1000;
  private static final int ROWS_PER_WRITE = 2_000;

  private final SourceDialect dialect;
  private final TableFilter filter;
  private final JournalTable journal;
  private final DoltWriter writer;
  private final ValueCheck values;
  private final String instance;
  /** Tables of the current run copied with Dolt's bulk path. */
  private final AtomicInteger bulkLoaded = new AtomicInteger();
  private final PrimaryIdentity identity;

  Bootstrap(SourceDialect dialect, TableFilter filter, JournalTable journal, DoltWriter writer, ValueCheck values,
      String instance, PrimaryIdentity identity) {
    this.identity = identity;
    this.values = values;
    this.dialect = dialect;
    this.filter = filter;
    this.journal = journal;
    this.writer = writer;
    this.instance = instance;
  }

  /** What a bootstrap copied. */
  record Result(String commitHash, int tables, long rows, Set<String> includedTransactions) {}

  /**
   * Checks which primary the branch mirrors (see {@link PrimaryIdentity#check}); true when this primary adopts
   * it, so that {@link #run} must replace its tables.
   */
  boolean adopting(Connection dolt) throws SQLException {
    return identity.check(dolt);
  }

  /**
   * Copies the primary into the branch as one commit.
   *
   * @param replaceAll first drop every table of the branch (adopting a branch another primary filled)
   */
  Result run(Connection primary, Connection dolt, boolean replaceAll) throws SQLException {
    return run(primary, dolt, replaceAll, dialect::beginConsistentSnapshot);
  }

  /** How a bootstrap's primary transaction takes its snapshot. */
  @FunctionalInterface
  interface SnapshotStart {
    void begin(Connection primary) throws SQLException;
  }

  /**
   * {@link #run(Connection, Connection, boolean)} reading the snapshot {@code snapshot} starts (wal capture: the
   * one a new replication slot exported, so that the slot holds exactly what the copy lacks).
   */
  Result run(Connection primary, Connection dolt, boolean replaceAll, SnapshotStart snapshot) throws SQLException {
    boolean autoCommit = primary.getAutoCommit();
    primary.setAutoCommit(false);
    long started = System.nanoTime();
    bulkLoaded.set(0);
    try {
      snapshot.begin(primary);
      Set<String> included = journal.exists(primary) ? journal.transactionIds(primary) : Set.of();
      if (replaceAll) {
        dropEveryTable(dolt);
      }
      int tables = 0;
      long rows = 0;
      for (String name : dialect.listTables(primary)) {
        if (!filter.isMirrored(name)) {
          continue;
        }
        TableSchema schema = dialect.readListedTable(primary, name);
        String doltTable = DoltDdl.doltName(schema.name());
        writer.recreate(dolt, doltTable, schema);
        rows += copyRows(primary, dolt, schema, doltTable);
        tables++;
      }
      primary.commit();
      String message = CommitTrailer.forBootstrap(
          "doltsync bootstrap: " + tables + (tables == 1 ? " table, " : " tables, ") + rows + (rows == 1 ? " row" : " rows"),
          included, instance, identity.value());
      String hash = writer.commitEverything(dolt, message, "doltsync", "doltsync@" + instance, Instant.now());
      LOG.info("doltsync bootstrap copied {} tables ({} with LOAD DATA), {} rows in {} ms (commit {})", tables,
          bulkLoaded.get(), rows,
          (System.nanoTime() - started) / 1_000_000, hash);
      return new Result(hash, tables, rows, included);
    } catch (SQLException | RuntimeException e) {
      primary.rollback();
      dolt.rollback();
      throw e;
    } finally {
      primary.setAutoCommit(autoCommit);
    }
  }

  private static void dropEveryTable(Connection dolt) throws SQLException {
    List<String> tables = new java.util.ArrayList<>();
    try (PreparedStatement select = dolt.prepareStatement(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = database() AND table_type = 'BASE TABLE'");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    for (String table : tables) {
      try (PreparedStatement drop = dolt.prepareStatement("DROP TABLE IF EXISTS " + DoltWriter.quote(table))) {
        drop.execute();
      }
    }
  }

  private long copyRows(Connection primary, Connection dolt, TableSchema schema, String doltTable)
      throws SQLException {
    List<ColumnSchema> columns = schema.columns();
    List<String> names = columns.stream().map(ColumnSchema::name).toList();
    StringBuilder sql = new StringBuilder("SELECT ").append(dialect.selectColumns(columns));
    sql.append(" FROM ").append(dialect.quoteIdentifier(schema.name()));
    long count = 0;
    try (RowPipe pipe = RowPipe.streaming(ROWS_PER_WRITE, source -> loadOrInsert(dolt, doltTable, names, source));
        PreparedStatement select = primary.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY,
            ResultSet.CONCUR_READ_ONLY)) {
      select.setFetchSize(FETCH_SIZE);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Object[] row = new Object[columns.size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = UnreadableValue.read(dialect, rs, i + 1, columns.get(i));
          }
          pipe.add(values.checkRow(schema, row));
          count++;
        }
      }
      pipe.finish();
    }
    return count;
  }

  /** Streams the rows into Dolt with its bulk path, or inserts them in batches where Dolt refuses that. */
  private void loadOrInsert(Connection dolt, String doltTable, List<String> names, RowPipe.BatchSource source)
      throws SQLException {
    while (true) {
      LoadDataStream stream = new LoadDataStream(source);
      if (!writer.load(dolt, doltTable, names, stream)) {
        break;
      }
      writer.insert(dolt, "INSERT INTO ", doltTable, names, stream.aside());
      if (stream.exhausted()) {
        bulkLoaded.incrementAndGet();
        return;
      }
    }
    try {
      for (List<Object[]> batch = source.next(); batch != null; batch = source.next()) {
        writer.insert(dolt, "INSERT INTO ", doltTable, names, batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while copying rows to Dolt", "HY008", e);
    }
  }
}
