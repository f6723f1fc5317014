package io.doltsync.internal.capture.binlog;

import io.doltsync.internal.journal.JournalCodec;
import io.doltsync.internal.journal.JournalEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What a doltsync connection says in binlog capture that the binary log does not (the commit author or message the
 * application set, its lineage scope, an empty commit asked for, the tables a DDL statement reshaped or dropped with
 * their content): an encoded {@link JournalEntry} inserted into a table of doltsync's own inside the transaction,
 * just before its commit, so that the row event is decoded at its place in the transaction. The applier deletes
 * the rows it applied.
 */
public final class BinlogAnnouncements {

  private BinlogAnnouncements() {}

  /** The announcement table of a journal table: {@code <journal>_said}. */
  public static String tableFor(String journalTable) {
    return journalTable + "_said";
  }

  /** Creates the announcement table unless it exists (InnoDB: it commits with the transaction it is in). */
  public static void ensureExists(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS `" + table.replace("`", "``") + "` (id BIGINT NOT NULL"
          + " AUTO_INCREMENT PRIMARY KEY, entry LONGBLOB NOT NULL) ENGINE=InnoDB");
    }
  }

  /** Writes the announcement into the connection's open transaction. */
  public static void announce(Connection connection, String table, JournalEntry said) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO `" + table.replace("`", "``")
        + "` (entry) VALUES (?)")) {
      insert.setBytes(1, JournalCodec.encode(said));
      insert.executeUpdate();
    }
  }

  /** Deletes announcements the applier has applied (their rows serve no one after). */
  public static void delete(Connection connection, String table, List<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    StringBuilder sql = new StringBuilder("DELETE FROM `" + table.replace("`", "``") + "` WHERE id IN (");
    for (int i = 0; i < ids.size(); i++) {
      sql.append(i == 0 ? "" : ",").append(ids.get(i).longValue());
    }
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql.append(')').toString());
    }
  }
}
