package io.doltsync.tck;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault tests' transactions: each inserts one row into {@code marker} (its sequence number, unique
 * across writers), optionally {@code bulkRows} rows into {@code bulk} (to make applies take time), and a
 * few statements of the usual workload (no DDL or TRUNCATE: where those commit implicitly they would split
 * the transaction in two commits). A transaction is in Dolt exactly when its marker is, and adds
 * exactly one marker: so markers count transactions, and every committed transaction is one Dolt commit.
 */
final class FaultWorkload {

  static final List<String> TABLES = List.of(
      "CREATE TABLE marker (seq INT NOT NULL PRIMARY KEY, writer VARCHAR(40))",
      "CREATE TABLE bulk (id BIGINT NOT NULL PRIMARY KEY, marker INT NOT NULL, filler VARCHAR(100))");

  private static final String FILLER = "x".repeat(80);

  private final WorkloadGenerator generator;
  private final String writer;
  private final int bulkRows;

  FaultWorkload(Primary primary, long seed, Keys.Shared keys, String writer, int bulkRows) {
    this.generator = new WorkloadGenerator(primary, WorkloadOptions.multiWriter(), seed, keys);
    this.writer = writer;
    this.bulkRows = bulkRows;
  }

  /** Adds the marker and bulk tables to a run's primary (before doltsync bootstraps it). */
  static void createTables(PrimaryDatabase database) throws SQLException {
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      for (String sql : TABLES) {
        statement.execute(sql);
      }
    }
  }

  /** The transaction with marker {@code seq}: committed, its failing workload statements rolled back alone. */
  TransactionPlan transaction(int seq) {
    List<Operation> operations = new ArrayList<>();
    operations.add(Sql.update(OpKind.ORM_INSERT, "INSERT INTO marker (seq, writer) VALUES (?, ?)", seq, writer));
    if (bulkRows > 0) {
      List<Object[]> rows = new ArrayList<>(bulkRows);
      for (int i = 0; i < bulkRows; i++) {
        rows.add(new Object[] {(long) seq * 1_000_000L + i, seq, FILLER});
      }
      operations.add(Sql.preparedBatch(OpKind.PREPARED_BATCH, "INSERT INTO bulk (id, marker, filler) VALUES (?, ?, ?)",
          rows));
    }
    operations.addAll(generator.next(seq).operations().stream().filter(op -> !op.kind().isSchemaStatement())
        .limit(2).toList());
    return new TransactionPlan(seq, operations, TransactionPlan.Ending.COMMIT, -1, -1, true, null);
  }
}
