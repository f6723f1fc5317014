package io.doltsync.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Streams columns of one Dolt table at the revision into a target statement, in batches: the Dolt result set is
 * read with a fetch size (mariadb-java-client streams it; Connector/J row by row), so memory holds one batch
 * whatever the table's size.
 */
final class RowStream {

  private final Connection dolt;
  private final Connection target;
  private final TargetKind kind;
  private final int batchRows;

  RowStream(Connection dolt, Connection target, TargetKind kind, int batchRows) {
    this.dolt = dolt;
    this.target = target;
    this.kind = kind;
    this.batchRows = batchRows;
  }

  /** A reporter told the rows written after each batch. */
  @FunctionalInterface
  interface Tally {
    void written(long rows);
  }

  /**
   * Reads {@code columns} of the plan's Dolt table and runs {@code sql} (whose parameters are those columns, in order)
   * once per row, in batches; returns the rows written.
   */
  long copy(TablePlan plan, List<TablePlan.Column> columns, String sql, Tally tally) throws SQLException {
    try (PreparedStatement write = target.prepareStatement(sql)) {
      int[] pending = {0};
      return stream(plan, columns, tally, new Sink() {
        @Override
        public void row(Object[] values) throws SQLException {
          for (int i = 0; i < values.length; i++) {
            columns.get(i).type().transfer().bind(write, i + 1, values[i], kind);
          }
          write.addBatch();
          pending[0]++;
        }

        @Override
        public void flush() throws SQLException {
          if (pending[0] > 0) {
            write.executeBatch();
            pending[0] = 0;
          }
        }
      });
    }
  }

  /**
   * Reads {@code columns} of the plan's Dolt table into PostgreSQL's {@code COPY ... FROM STDIN} (text format), one
   * batch of rows per write to the server; for tables that are new or empty, where nothing can conflict. Returns the
   * rows written.
   */
  long copyIn(TablePlan plan, List<TablePlan.Column> columns, Tally tally) throws SQLException {
    try (PostgresCopy copy = PostgresCopy.open(target, plan.target(), columns.stream().map(TablePlan.Column::target).toList())) {
      long rows = stream(plan, columns, tally, new Sink() {
        @Override
        public void row(Object[] values) {
          copy.row(values);
        }

        @Override
        public void flush() throws SQLException {
          copy.flush();
        }
      });
      copy.finish(rows);
      return rows;
    }
  }

  /** Where {@link #stream} hands each row's values, and when a batch is complete. */
  private interface Sink {
    void row(Object[] values) throws SQLException;

    void flush() throws SQLException;
  }

  private long stream(TablePlan plan, List<TablePlan.Column> columns, Tally tally, Sink sink) throws SQLException {
    StringBuilder select = new StringBuilder("SELECT ");
    for (int i = 0; i < columns.size(); i++) {
      select.append(i == 0 ? "" : ", ").append(DoltRevision.quote(columns.get(i).source().name()));
    }
    select.append(" FROM ").append(DoltRevision.quote(plan.source().name()));
    long rows = 0;
    try (Statement read = dolt.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      read.setFetchSize(fetchSize());
      try (ResultSet rs = read.executeQuery(select.toString())) {
        int pending = 0;
        while (rs.next()) {
          Object[] values = new Object[columns.size()];
          for (int i = 0; i < columns.size(); i++) {
            TablePlan.Column column = columns.get(i);
            try {
              values[i] = column.type().transfer().read(rs, i + 1);
            } catch (ValueTransfer.OutOfRange e) {
              throw new java.sql.SQLDataException("cannot export " + plan.source().name() + "." + column.source().name()
                  + " into " + column.type().sqlType() + ": " + e.getMessage(), e.getSQLState(), e);
            }
          }
          sink.row(values);
          rows++;
          if (++pending == batchRows) {
            sink.flush();
            pending = 0;
            tally.written(rows);
          }
        }
        sink.flush();
        tally.written(rows);
      }
    }
    return rows;
  }

  /** Streaming reads: a fetch size for mariadb-java-client, Connector/J's row-by-row marker otherwise. */
  private int fetchSize() throws SQLException {
    String driver = dolt.getMetaData().getDriverName().toLowerCase(Locale.ROOT);
    return driver.contains("connector/j") && !driver.contains("mariadb") ? Integer.MIN_VALUE : batchRows;
  }
}
