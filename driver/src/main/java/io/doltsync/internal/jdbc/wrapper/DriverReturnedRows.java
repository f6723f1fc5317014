package io.doltsync.internal.jdbc.wrapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows a driver statement returned for the capture: its generated keys, read straight from the driver's
 * result set, forward only, once. Only the capture reads them; the application, which did not ask for
 * generated keys, is answered as without them.
 */
final class DriverReturnedRows implements WriteRequest.ReturnedRows {

  private final Statement statement;
  private ResultSet rows;

  DriverReturnedRows(Statement statement) {
    this.statement = statement;
  }

  @Override
  public List<Object[]> next(long count, WriteRequest.RowReader reader) throws SQLException {
    if (rows == null) {
      rows = statement.getGeneratedKeys();
      if (rows == null) {
        return count == 0 ? List.of() : null;
      }
    }
    List<Object[]> taken = new ArrayList<>((int) Math.min(count, 1024));
    for (long i = 0; i < count; i++) {
      if (!rows.next()) {
        return null;
      }
      taken.add(reader.read(rows));
    }
    return taken;
  }
}
