package io.doltsync.journal;

import io.doltsync.spi.SourceDialect;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the journal table in the primary database: the durable hand-off between a committing
 * transaction and the applier. A transaction's entry is written by {@link #append} as the last statements
 * of that same transaction, so it commits atomically with the data or not at all. Entries larger than
 * {@link #CHUNK_BYTES} are split over several rows.
 */
public final class JournalTable {

  /** The largest payload stored in one row; below MySQL's default max_allowed_packet. */
  public static final int CHUNK_BYTES = 4 * 1024 * 1024;

  private final SourceDialect dialect;
  private final String quotedName;
  private final String name;
  private final String insertSql;

  public JournalTable(SourceDialect dialect, String name) {
    this.dialect = dialect;
    this.name = name;
    this.quotedName = dialect.quoteIdentifier(name);
    this.insertSql = "INSERT INTO " + quotedName + " (txn, chunk, chunks, instance, payload) VALUES (?, ?, ?, ?, ?)";
  }

  public String name() {
    return name;
  }

  /** True when the table exists in the connection's current catalog/schema. */
  public boolean exists(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    for (String candidate : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
      try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), candidate, null)) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Creates the table unless it exists. Runs on its own connection in auto-commit mode, outside application
   * transactions. Several instances may race to create it: PostgreSQL then fails one
   * {@code CREATE TABLE IF NOT EXISTS} on its catalog's unique index, which is fine when the table is there.
   */
  public void ensureExists(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String ddl : dialect.createJournalTable(name)) {
        statement.execute(ddl);
      }
    } catch (SQLException e) {
      if (!exists(connection)) {
        throw e;
      }
    }
  }

  /** Writes an entry inside the caller's open transaction. */
  public void append(Connection connection, JournalEntry entry) throws SQLException {
    byte[] payload = JournalCodec.encode(entry);
    int chunks = Math.max(1, (payload.length + CHUNK_BYTES - 1) / CHUNK_BYTES);
    try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
      for (int chunk = 0; chunk < chunks; chunk++) {
        int from = chunk * CHUNK_BYTES;
        insert.setString(1, entry.transactionId());
        insert.setInt(2, chunk);
        insert.setInt(3, chunks);
        insert.setString(4, entry.instance());
        insert.setBytes(5, Arrays.copyOfRange(payload, from, Math.min(payload.length, from + CHUNK_BYTES)));
        insert.executeUpdate();
      }
    }
  }

  /** The oldest pending entries, in journal order: at most about {@code limit} rows' worth. */
  public List<PendingEntry> readPending(Connection connection, int limit) throws SQLException {
    Map<String, PendingEntry.Builder> byTxn = new LinkedHashMap<>();
    int rows = 0;
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT id, txn, chunk, chunks, created_at, payload FROM " + quotedName + " ORDER BY id")) {
      select.setMaxRows(limit);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          rows++;
          long id = rs.getLong(1);
          String txn = rs.getString(2);
          PendingEntry.Builder builder = byTxn.computeIfAbsent(txn,
              t -> new PendingEntry.Builder(t, readChunks(rs), readTime(rs)));
          builder.add(id, readInt(rs, 3), rs.getBytes(6));
        }
      }
    }
    List<PendingEntry> complete = new ArrayList<>();
    for (PendingEntry.Builder builder : byTxn.values()) {
      if (!builder.isComplete()) {
        if (complete.isEmpty() && rows >= limit) {
          return readPending(connection, limit + builder.missingChunks() + 16);
        }
        break;
      }
      complete.add(builder.build());
    }
    return complete;
  }

  /** Deletes applied entries (all their chunks). */
  public void delete(Connection connection, List<PendingEntry> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    List<Long> ids = entries.stream().flatMap(e -> e.rowIds().stream()).toList();
    for (int from = 0; from < ids.size(); from += 500) {
      List<Long> slice = ids.subList(from, Math.min(ids.size(), from + 500));
      String marks = String.join(",", java.util.Collections.nCopies(slice.size(), "?"));
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM " + quotedName + " WHERE id IN (" + marks + ")")) {
        for (int i = 0; i < slice.size(); i++) {
          delete.setLong(i + 1, slice.get(i));
        }
        delete.executeUpdate();
      }
    }
  }

  /** The transactions with an entry in the journal. */
  public Set<String> transactionIds(Connection connection) throws SQLException {
    Set<String> ids = new LinkedHashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT DISTINCT txn FROM " + quotedName)) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /** True while the transaction's entry is still waiting to be applied. */
  public boolean isPending(Connection connection, String transactionId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + quotedName + " WHERE txn = ?")) {
      select.setString(1, transactionId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The number of pending entries (rows' worth; an estimate when entries are chunked). */
  public long pendingCount(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + quotedName + " WHERE chunk = 0")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static int readChunks(ResultSet rs) {
    return readInt(rs, 4);
  }

  private static int readInt(ResultSet rs, int column) {
    try {
      return rs.getInt(column);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant readTime(ResultSet rs) {
    try {
      Timestamp ts = rs.getTimestamp(5);
      return ts == null ? Instant.now() : ts.toInstant();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A complete entry read from the table: its row ids, time and decoded content. */
  public record PendingEntry(String transactionId, List<Long> rowIds, Instant committedAt, byte[] payload) {

    /** The entry's journal position: the smallest row id of its chunks. */
    public long id() {
      return rowIds.get(0);
    }

    public JournalEntry decode() throws IOException {
      return JournalCodec.decode(payload);
    }

    static final class Builder {
      private final String transactionId;
      private final int chunks;
      private final Instant committedAt;
      private final List<Long> rowIds = new ArrayList<>();
      private final byte[][] parts;

      Builder(String transactionId, int chunks, Instant committedAt) {
        this.transactionId = transactionId;
        this.chunks = chunks;
        this.committedAt = committedAt;
        this.parts = new byte[chunks][];
      }

      void add(long rowId, int chunk, byte[] bytes) {
        rowIds.add(rowId);
        parts[chunk] = bytes;
      }

      boolean isComplete() {
        return rowIds.size() == chunks;
      }

      int missingChunks() {
        return chunks - rowIds.size();
      }

      PendingEntry build() {
        int length = 0;
        for (byte[] part : parts) {
          length += part.length;
        }
        byte[] payload = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
          System.arraycopy(part, 0, payload, at, part.length);
          at += part.length;
        }
        return new PendingEntry(transactionId, List.copyOf(rowIds), committedAt, payload);
      }
    }
  }
}
