package io.doltsync.bench.overhead;

import io.doltsync.bench.core.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The table of the wrapper-overhead workloads: {@code bench_kv(id, name, counter)}, keys 1..rows. */
public final class KeyValueTable {

  public static final String NAME = "bench_kv";

  private KeyValueTable() {}

  /** Drops and creates the table with {@code rows} rows, on a raw connection. */
  public static void create(Connection connection, int rows) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    Sql.execute(connection, "DROP TABLE IF EXISTS " + NAME,
        "CREATE TABLE " + NAME + " (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, counter BIGINT NOT NULL)");
    connection.setAutoCommit(false);
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO " + NAME + " (id, name, counter) VALUES (?, ?, 0)")) {
      for (int id = 1; id <= rows; id++) {
        insert.setInt(1, id);
        insert.setString(2, "name-" + id);
        insert.addBatch();
        if (id % 500 == 0 || id == rows) {
          insert.executeBatch();
        }
      }
    }
    connection.commit();
    connection.setAutoCommit(autoCommit);
  }
}
