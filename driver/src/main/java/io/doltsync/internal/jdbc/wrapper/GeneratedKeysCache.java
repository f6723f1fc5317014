package io.doltsync.internal.jdbc.wrapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetFactory;
import javax.sql.rowset.RowSetProvider;

/**
 * The generated keys of one execution, copied once from the driver into a {@link CachedRowSet} so that
 * both the capture and the application can read them: drivers hand out a single forward-only cursor,
 * and a capture that consumed it would leave the application (Hibernate, say) with nothing.
 */
final class GeneratedKeysCache implements WriteRequest.GeneratedKeys {

  private static final RowSetFactory ROW_SETS = newFactory();

  private final Statement statement;
  private CachedRowSet copy;
  private boolean read;
  private boolean statementReported;

  GeneratedKeysCache(Statement statement) {
    this.statement = statement;
  }

  @Override
  public ResultSet read() throws SQLException {
    if (!read) {
      read = true;
      try (ResultSet keys = statement.getGeneratedKeys()) {
        if (keys != null) {
          statementReported = keys.getStatement() != null;
          CachedRowSet rows = ROW_SETS.createCachedRowSet();
          rows.populate(keys);
          copy = rows;
        }
      }
    }
    if (copy != null) {
      copy.beforeFirst();
    }
    return copy;
  }

  /** True when the driver's generated keys reported their statement (MariaDB's report none). */
  boolean statementReported() {
    return statementReported;
  }

  private static RowSetFactory newFactory() {
    try {
      return RowSetProvider.newFactory();
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
