package io.doltsync.testing;

import io.doltsync.internal.mirror.MirrorRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Databases on the Dolt test server that tests mirror into. */
public final class DoltDatabases {

  private DoltDatabases() {}

  /** A fresh, unique Dolt database name; doltsync creates the database on first use. */
  public static String newName(String prefix) {
    return TestServers.uniqueName(prefix);
  }

  /** The number of commits on the database's current branch ({@code main}). */
  public static long commitCount(String database) throws SQLException {
    try (Connection connection = TestServers.dolt(database); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM dolt_log")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * Stops every mirror of the JVM (so no applier writes into the database any more) and drops the database.
   * Test classes run one after another, so stopping all mirrors only ends those of the calling class.
   */
  public static void drop(String database) throws SQLException {
    MirrorRegistry.closeAll();
    try (Connection connection = TestServers.dolt(); Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
    }
  }
}
