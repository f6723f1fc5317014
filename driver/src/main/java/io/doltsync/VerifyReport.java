package io.doltsync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What {@link DoltSync#verify} found: for every mirrored table, how many rows it compared between the
 * primary and the head of the mirrored Dolt branch, and which rows and schema details differ.
 *
 * @param startedAt when the verification started
 * @param took      how long it took
 * @param tables    one entry per mirrored table (and per table found only in Dolt)
 */
public record VerifyReport(Instant startedAt, Duration took, List<TableReport> tables) {

  public VerifyReport {
    tables = List.copyOf(tables);
  }

  /** True when no table differs. */
  public boolean inSync() {
    return tables.stream().allMatch(TableReport::inSync);
  }

  /** Rows compared over all tables (primary rows). */
  public long rowsCompared() {
    return tables.stream().mapToLong(TableReport::rowsCompared).sum();
  }

  /** The tables that differ. */
  public List<TableReport> differingTables() {
    return tables.stream().filter(t -> !t.inSync()).toList();
  }

  /**
   * One table's comparison.
   *
   * @param table             the primary table's name (or the Dolt name of a table found only in Dolt)
   * @param columns           the column names, the order of the values in {@link RowDifference}
   * @param keyed             whether the table has a primary key (keyless tables compare as multisets)
   * @param rowsCompared      primary rows compared
   * @param schemaDifferences what differs in the Dolt table's shape (a missing table included); rows are
   *                          not compared when this is not empty
   * @param rows              the differing rows, at most the report limit
   * @param differingRows     how many rows differ (may exceed {@code rows.size()})
   */
  public record TableReport(String table, List<String> columns, boolean keyed, long rowsCompared,
      List<String> schemaDifferences, List<RowDifference> rows, long differingRows) {

    public TableReport {
      columns = List.copyOf(columns);
      schemaDifferences = List.copyOf(schemaDifferences);
      rows = List.copyOf(rows);
    }

    public boolean inSync() {
      return schemaDifferences.isEmpty() && differingRows == 0;
    }

    /** True when every differing row is listed in {@link #rows}. */
    public boolean complete() {
      return rows.size() == differingRows;
    }

    /** Rows the primary has and Dolt lacks. */
    public long missingInDolt() {
      return rows.stream().filter(r -> r.doltRow() == null).count();
    }

    /** Rows Dolt has and the primary lacks. */
    public long extraInDolt() {
      return rows.stream().filter(r -> r.primaryRow() == null).count();
    }

    /** Rows both have with different values. */
    public long changed() {
      return rows.stream().filter(r -> r.primaryRow() != null && r.doltRow() != null).count();
    }
  }

  /**
   * A row that differs. Values are canonical (see the README's type mapping): {@code null} for SQL NULL.
   *
   * @param key        the primary-key values; {@code null} for a keyless table
   * @param primaryRow the primary's row, {@code null} when the primary lacks it
   * @param doltRow    Dolt's row, {@code null} when Dolt lacks it
   */
  public record RowDifference(List<Object> key, List<Object> primaryRow, List<Object> doltRow) {}
}
