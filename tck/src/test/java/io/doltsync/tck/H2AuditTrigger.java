package io.doltsync.tck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** H2's version of the workload trigger: every inserted or updated {@code orders} row is recorded in {@code audit}. */
public final class H2AuditTrigger implements Trigger {

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit (order_id, action) VALUES (?, ?)")) {
      insert.setObject(1, newRow[0]);
      insert.setString(2, oldRow == null ? "ins" : "upd");
      insert.executeUpdate();
    }
  }
}
