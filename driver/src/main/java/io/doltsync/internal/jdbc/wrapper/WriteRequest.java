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
 */
public record WriteRequest(List<Plan> plans, List<Object[]> parameters, Statement statement, GeneratedKeys keys) {

  /** Reads (once) and keeps the generated keys of an execution, so the application can still read them. */
  public interface GeneratedKeys {
    /** A fresh, rewound view of the kept keys, or {@code null} when the statement produced none. */
    ResultSet read() throws SQLException;
  }
}
