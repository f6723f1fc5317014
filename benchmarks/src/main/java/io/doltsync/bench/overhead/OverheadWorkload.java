package io.doltsync.bench.overhead;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One operation of the wrapper-overhead suite, written the way an ORM or a Spring repository issues it:
 * a full statement cycle (prepare, bind, execute, read, close) on a connection taken from the pool.
 */
public enum OverheadWorkload {

  POINT_SELECT("point select") {
    @Override
    public void run(Connection connection, int id) throws SQLException {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT id, name, counter FROM " + KeyValueTable.NAME + " WHERE id = ?")) {
        select.setInt(1, id);
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next() || rs.getInt(1) != id || rs.getString(2) == null) {
            throw new SQLException("row " + id + " missing");
          }
          rs.getLong(3);
        }
      }
    }
  },

  UPDATE_AUTOCOMMIT("update by key, autocommit") {
    @Override
    public void run(Connection connection, int id) throws SQLException {
      update(connection, id);
    }
  },

  UPDATE_IN_TRANSACTION("update by key, 1-statement txn") {
    @Override
    public void run(Connection connection, int id) throws SQLException {
      connection.setAutoCommit(false);
      update(connection, id);
      connection.commit();
      connection.setAutoCommit(true);
    }
  };

  private final String label;

  OverheadWorkload(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Runs the operation on row {@code id}. */
  public abstract void run(Connection connection, int id) throws SQLException;

  private static void update(Connection connection, int id) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE " + KeyValueTable.NAME + " SET counter = counter + 1 WHERE id = ?")) {
      update.setInt(1, id);
      if (update.executeUpdate() != 1) {
        throw new SQLException("row " + id + " missing");
      }
    }
  }
}
