package io.doltsync.internal.capture.wal;

import io.doltsync.internal.journal.JournalCodec;
import io.doltsync.internal.journal.JournalEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What doltsync writes into the WAL in wal capture mode, as logical decoding messages
 * ({@code pg_logical_emit_message}): inside an application transaction, a transactional message with prefix
 * {@value #PREFIX} whose content is an encoded {@link JournalEntry} carrying only what the WAL does not say (the
 * commit author and message, the lineage scope, the tables a DDL statement reshaped or dropped with their content);
 * in a transaction of its own, a sync marker ({@value #SYNC_PREFIX}) that tells a waiter the reader has applied every
 * transaction committed before it.
 */
public final class WalMessages {

  public static final String PREFIX = "doltsync";
  public static final String SYNC_PREFIX = "doltsync-sync";

  private WalMessages() {}

  /** Writes the announcement into the connection's open transaction. */
  public static void announce(Connection connection, JournalEntry said) throws SQLException {
    try (PreparedStatement emit = connection.prepareStatement("SELECT pg_logical_emit_message(true, ?, ?)")) {
      emit.setString(1, PREFIX);
      emit.setBytes(2, JournalCodec.encode(said));
      emit.execute();
    }
  }

  /**
   * Writes a sync marker on an auto-commit connection; returns its LSN. The marker is a transactional message in a
   * transaction of its own: it is decoded at its commit, after every transaction committed before it, and that
   * commit flushes the WAL (before PostgreSQL 17 a non-transactional message is not flushed, so the slot's
   * walsender sees it only when the WAL writer or another commit flushes: up to {@code wal_writer_delay} later).
   */
  public static long sync(Connection connection, String marker) throws SQLException {
    try (PreparedStatement emit = connection.prepareStatement(
        "SELECT (pg_logical_emit_message(true, ?, ?) - '0/0'::pg_lsn)::text")) {
      emit.setString(1, SYNC_PREFIX);
      emit.setString(2, marker);
      try (ResultSet rs = emit.executeQuery()) {
        rs.next();
        return new java.math.BigDecimal(rs.getString(1)).longValue();
      }
    }
  }
}
