package io.doltsync.tck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** H2's version of the workload's stored procedure, bound with {@code CREATE ALIAS}. */
public final class H2Procedures {

  private H2Procedures() {}

  /** Adds {@code qty} to item {@code id} and logs it, like the other databases' {@code restock} procedure. */
  public static void restock(Connection connection, long id, int qty) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE item SET qty = qty + ?, version = version + 1 WHERE id = ?")) {
      update.setInt(1, qty);
      update.setLong(2, id);
      update.executeUpdate();
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO event_log (kind, ref, amount) VALUES ('restock', ?, ?)")) {
      insert.setLong(1, id);
      insert.setInt(2, qty);
      insert.executeUpdate();
    }
  }
}
