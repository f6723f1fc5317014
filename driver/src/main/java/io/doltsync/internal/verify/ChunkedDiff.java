package io.doltsync.internal.verify;

import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The chunked comparison of {@code verify} for other callers (the {@code sync} command): compares a source
 * table with a Dolt table of the same mapped shape, hashing key ranges (or, without a key, hash buckets)
 * inside each database, and hands every differing row to a sink as it is found. Memory holds one range.
 */
public final class ChunkedDiff {

  /** Receives each difference: a source row Dolt lacks or holds differently, or a Dolt row the source lacks. */
  @FunctionalInterface
  public interface RowDifferenceSink {
    /**
     * @param source the source's row (every column, table order), or null when only Dolt has it
     * @param dolt   Dolt's row, or null when only the source has it; for a keyless table each call is one copy
     */
    void differs(Object[] source, Object[] dolt) throws SQLException;
  }

  /** Receives the number of source rows compared so far. */
  @FunctionalInterface
  public interface Progress {
    void rows(long compared);
  }

  private ChunkedDiff() {}

  /**
   * Compares {@code schema}'s rows on the source with Dolt's table {@code doltTable}; returns the source rows
   * compared and the differences found. Tables with a primary key in {@code schema} are compared by key
   * range; others as multisets.
   */
  public static Result compare(Connection source, Connection dolt, SourceDialect dialect, TableSchema schema,
      String doltTable, int chunkRows, RowDifferenceSink sink, Progress progress) throws SQLException {
    TableSide sourceSide = TableSide.primary(source, dialect, schema);
    TableSide doltSide = TableSide.dolt(dolt, dialect, schema, doltTable);
    HashedColumns columns = HashedColumns.of(dialect, schema);
    Differences differences = new Differences(sink);
    long compared;
    if (schema.hasPrimaryKey()) {
      compared = new KeyedTableVerifier(sourceSide, doltSide, columns, chunkRows, differences).run(progress::rows);
    } else {
      compared = new KeylessTableVerifier(sourceSide, doltSide, columns, chunkRows, differences)
          .run(sourceSide.count(), doltSide.count(), progress::rows);
    }
    return new Result(compared, differences.count());
  }

  /** Source rows compared and differences handed to the sink. */
  public record Result(long compared, long differences) {}
}
