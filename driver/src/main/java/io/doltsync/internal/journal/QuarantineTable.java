package io.doltsync.internal.journal;

import io.doltsync.spi.SourceDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the applier puts journal entries it cannot apply, next to the journal in the primary: the quarantine
 * table holds each such entry's journal rows unchanged (payload included, so nothing is lost) with the error,
 * the time and the tables it touched; the diverged table lists the Dolt tables whose history lacks a
 * quarantined change until {@code reconcile} heals them and clears their mark.
 *
 * <p>With the default journal name {@code doltsync_journal} the tables are {@code doltsync_quarantine} and
 * {@code doltsync_diverged}; for another journal name {@code x}, {@code x_quarantine} and {@code x_diverged}.
 * A diverged mark {@value #ALL_TABLES} means that an entry could not even be decoded, so any table may differ.
 */
public final class QuarantineTable {

  /** The diverged mark of an entry whose tables are unknown (its payload cannot be decoded). */
  public static final String ALL_TABLES = "*";
  private static final int TEXT_LIMIT = 4000;

  private final SourceDialect dialect;
  private final String journalName;
  private final String quarantineName;
  private final String divergedName;
  private volatile boolean ready;

  public QuarantineTable(SourceDialect dialect, String journalName) {
    this.dialect = dialect;
    this.journalName = journalName;
    this.quarantineName = quarantineNameFor(journalName);
    this.divergedName = divergedNameFor(journalName);
  }

  /** The quarantine table's name for a journal table's name. */
  public static String quarantineNameFor(String journalName) {
    return baseOf(journalName) + "_quarantine";
  }

  /** The diverged-tables table's name for a journal table's name. */
  public static String divergedNameFor(String journalName) {
    return baseOf(journalName) + "_diverged";
  }

  private static String baseOf(String journalName) {
    return journalName.toLowerCase(Locale.ROOT).endsWith("_journal")
        ? journalName.substring(0, journalName.length() - "_journal".length()) : journalName;
  }

  public String quarantineName() {
    return quarantineName;
  }

  public String divergedName() {
    return divergedName;
  }

  /** Creates both tables unless they exist; auto-commit connection (DDL commits on most databases). */
  public void ensureExists(Connection connection) throws SQLException {
    if (ready) {
      return;
    }
    Types types = Types.of(dialect);
    List<String> ddl = List.of(
        "CREATE TABLE " + q(quarantineName) + " ("
            + "quarantine_id " + types.identity + " PRIMARY KEY, "
            + "id " + types.bigint + " NOT NULL, "
            + "txn VARCHAR(36) NOT NULL, "
            + "chunk " + types.integer + " NOT NULL, "
            + "chunks " + types.integer + " NOT NULL, "
            + "created_at " + types.timestamp + ", "
            + "instance " + types.varchar + "(255), "
            + "payload " + types.blob + ", "
            + "quarantined_at " + types.timestamp + " NOT NULL, "
            + "attempts " + types.integer + " NOT NULL, "
            + "tables_touched " + types.varchar + "(" + TEXT_LIMIT + "), "
            + "error " + types.varchar + "(" + TEXT_LIMIT + "))",
        "CREATE TABLE " + q(divergedName) + " ("
            + "table_name " + types.varchar + "(255) NOT NULL PRIMARY KEY, "
            + "since " + types.timestamp + " NOT NULL, "
            + "txn VARCHAR(36) NOT NULL, "
            + "reason " + types.varchar + "(" + TEXT_LIMIT + "))");
    List<String> names = List.of(quarantineName, divergedName);
    for (int i = 0; i < ddl.size(); i++) {
      if (!exists(connection, names.get(i))) {
        try (Statement statement = connection.createStatement()) {
          statement.execute(ddl.get(i));
        } catch (SQLException e) {
          if (!exists(connection, names.get(i))) {
            throw e;
          }
        }
      }
    }
    ready = true;
  }

  /**
   * Moves a journal entry's rows into the quarantine table and marks its tables diverged, in one primary
   * transaction: the entry leaves the journal only together with its quarantined copy.
   */
  public void quarantine(Connection connection, JournalTable.PendingEntry entry, Collection<String> tables,
      String error, int attempts) throws SQLException {
    ensureExists(connection);
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      Timestamp now = Timestamp.from(Instant.now());
      String touched = clip(tables.isEmpty() ? ALL_TABLES : String.join(",", tables));
      String marks = String.join(",", Collections.nCopies(entry.rowIds().size(), "?"));
      try (PreparedStatement copy = connection.prepareStatement("INSERT INTO " + q(quarantineName)
          + " (id, txn, chunk, chunks, created_at, instance, payload, quarantined_at, attempts, tables_touched, error)"
          + " SELECT id, txn, chunk, chunks, created_at, instance, payload, ?, ?, ?, ? FROM " + q(journalName)
          + " WHERE id IN (" + marks + ")")) {
        copy.setTimestamp(1, now);
        copy.setInt(2, attempts);
        copy.setString(3, touched);
        copy.setString(4, clip(error));
        int p = 5;
        for (long id : entry.rowIds()) {
          copy.setLong(p++, id);
        }
        copy.executeUpdate();
      }
      for (String table : tables.isEmpty() ? List.of(ALL_TABLES) : tables) {
        markDiverged(connection, table, entry.transactionId(), error, now);
      }
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM " + q(journalName) + " WHERE id IN (" + marks + ")")) {
        int p = 1;
        for (long id : entry.rowIds()) {
          delete.setLong(p++, id);
        }
        delete.executeUpdate();
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private void markDiverged(Connection connection, String table, String txn, String reason, Timestamp now)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE " + q(divergedName) + " SET since = ?, txn = ?, reason = ? WHERE table_name = ?")) {
      update.setTimestamp(1, now);
      update.setString(2, txn);
      update.setString(3, clip(reason));
      update.setString(4, table);
      if (update.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO " + q(divergedName) + " (table_name, since, txn, reason) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, table);
      insert.setTimestamp(2, now);
      insert.setString(3, txn);
      insert.setString(4, clip(reason));
      insert.executeUpdate();
    }
  }

  /** The number of quarantined entries (0 when the table does not exist). */
  public long quarantinedCount(Connection connection) throws SQLException {
    if (!exists(connection, quarantineName)) {
      return 0;
    }
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(DISTINCT txn) FROM " + q(quarantineName))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The quarantined entries, oldest first: transaction, tables, error, when. */
  public List<Quarantined> quarantined(Connection connection) throws SQLException {
    List<Quarantined> entries = new ArrayList<>();
    if (!exists(connection, quarantineName)) {
      return entries;
    }
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT txn, id, tables_touched, error, quarantined_at, attempts FROM "
            + q(quarantineName) + " ORDER BY quarantined_at, id")) {
      java.util.Set<String> seen = new java.util.HashSet<>();
      while (rs.next()) {
        // one line per entry: its first row (a forged entry's rows may not start at chunk 0)
        if (seen.add(rs.getString(1))) {
          Timestamp at = rs.getTimestamp(5);
          entries.add(new Quarantined(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
              at == null ? null : at.toInstant(), rs.getInt(6)));
        }
      }
    }
    return entries;
  }

  /** The quarantined entry of a transaction, if the quarantine holds it. */
  public java.util.Optional<Quarantined> find(Connection connection, String transactionId) throws SQLException {
    if (!exists(connection, quarantineName)) {
      return java.util.Optional.empty();
    }
    try (PreparedStatement select = connection.prepareStatement("SELECT txn, id, tables_touched, error, quarantined_at,"
        + " attempts FROM " + q(quarantineName) + " WHERE txn = ? ORDER BY id")) {
      select.setString(1, transactionId);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return java.util.Optional.empty();
        }
        Timestamp at = rs.getTimestamp(5);
        return java.util.Optional.of(new Quarantined(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
            at == null ? null : at.toInstant(), rs.getInt(6)));
      }
    }
  }

  /** The diverged tables with the transaction that made each diverge (empty when the table does not exist). */
  public Map<String, String> divergedTables(Connection connection) throws SQLException {
    Map<String, String> tables = new LinkedHashMap<>();
    if (!exists(connection, divergedName)) {
      return tables;
    }
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT table_name, txn FROM " + q(divergedName)
            + " ORDER BY table_name")) {
      while (rs.next()) {
        tables.put(rs.getString(1), rs.getString(2));
      }
    }
    return tables;
  }

  /** Clears a table's diverged mark (after {@code reconcile} made Dolt equal to the primary); true if it had one. */
  public boolean clearDiverged(Connection connection, String table) throws SQLException {
    if (!exists(connection, divergedName)) {
      return false;
    }
    try (PreparedStatement delete = connection.prepareStatement(
        "DELETE FROM " + q(divergedName) + " WHERE table_name = ?")) {
      delete.setString(1, table);
      return delete.executeUpdate() > 0;
    }
  }

  /** One quarantined journal entry. */
  public record Quarantined(String transactionId, long journalId, String tables, String error, Instant quarantinedAt,
      int attempts) {}

  private String q(String name) {
    return dialect.quoteIdentifier(name);
  }

  private static String clip(String text) {
    if (text == null) {
      return null;
    }
    return text.length() <= TEXT_LIMIT ? text : text.substring(0, TEXT_LIMIT - 3) + "...";
  }

  private static boolean exists(Connection connection, String name) throws SQLException {
    return JournalTable.tableExists(connection, name);
  }

  /** Column types by primary dialect. */
  private record Types(String identity, String bigint, String integer, String varchar, String timestamp,
      String blob) {
    static Types of(SourceDialect dialect) {
      String name = dialect.name().toLowerCase(Locale.ROOT);
      if (name.startsWith("postgres")) {
        return new Types("BIGINT GENERATED BY DEFAULT AS IDENTITY", "BIGINT", "INTEGER", "VARCHAR",
            "TIMESTAMP(6) WITH TIME ZONE", "BYTEA");
      } else if (name.startsWith("oracle")) {
        return new Types("NUMBER(19) GENERATED BY DEFAULT AS IDENTITY", "NUMBER(19)", "NUMBER(10)", "VARCHAR2",
            "TIMESTAMP(6) WITH TIME ZONE", "BLOB");
      } else if (name.startsWith("h2")) {
        return new Types("BIGINT GENERATED BY DEFAULT AS IDENTITY", "BIGINT", "INTEGER", "VARCHAR",
            "TIMESTAMP(6) WITH TIME ZONE", "BLOB");
      }
      return new Types("BIGINT NOT NULL AUTO_INCREMENT", "BIGINT", "INT", "VARCHAR", "DATETIME(6)", "LONGBLOB");
    }
  }
}
