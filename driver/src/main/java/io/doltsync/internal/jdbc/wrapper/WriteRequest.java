package io.doltsync.internal.jdbc.wrapper;

import io.doltsync.internal.capture.Plan;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One execution of captured writes handed to {@link Session#executeWrite}: the plans and bound values of
 * a single statement or of every entry of a batch, and how to read what the driver reports afterwards.
 *
 * @param plans       one plan per executed SQL (a prepared batch repeats its plan)
 * @param parameters  the bound values per plan entry (1-based values at index 0..n-1), or {@code null}
 *                    entries for plain statements
 * @param statement   the driver statement that executes them
 * @param keys        the generated keys of the execution, read once and kept for the application
 * @param returned    the rows the execution returns for the capture only (its plans read them), or {@code null}
 */
public record WriteRequest(List<Plan> plans, List<Object[]> parameters, Statement statement, GeneratedKeys keys,
    ReturnedRows returned) {

  public WriteRequest(List<Plan> plans, List<Object[]> parameters, Statement statement, GeneratedKeys keys) {
    this(plans, parameters, statement, keys, null);
  }

  /** Reads (once) and keeps the generated keys of an execution, so the application can still read them. */
  public interface GeneratedKeys {
    /** A fresh, rewound view of the kept keys, or {@code null} when the statement produced none. */
    ResultSet read() throws SQLException;
  }

  /**
   * The rows a statement returned for the capture alone (the driver's generated keys, asked for by column
   * names), consumed in order: each execution of a batch takes its own, one after the other.
   */
  public interface ReturnedRows {
    /** The next {@code count} rows, each read by {@code reader}, or {@code null} when fewer remain. */
    List<Object[]> next(long count, RowReader reader) throws SQLException;
  }

  /** Reads the current row of a result set. */
  @FunctionalInterface
  public interface RowReader {
    Object[] read(ResultSet rs) throws SQLException;
  }
}
