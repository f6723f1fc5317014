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
 * {@value #PREFIX}{@code :<the mirror's slot>} whose content is an encoded {@link JournalEntry} carrying only what the WAL does not say (the
 * commit author and message, the lineage scope, the tables a DDL statement reshaped or dropped with their content);
 * in a transaction of its own, a sync marker ({@value #SYNC_PREFIX}) that tells a waiter the reader has applied every
 * transaction committed before it.
 */
public final class WalMessages {

  public static final String PREFIX = "doltsync";
  public static final String SYNC_PREFIX = "doltsync-sync";

  private WalMessages() {}

  /**
   * The prefix of the announcements for the mirror whose slot is {@code slot}: {@value #PREFIX}{@code :<slot>}. Every
   * slot of the database decodes every logical message, whichever schema the transaction wrote: an applier takes
   * only its own mirror's announcements (another schema's DDL or empty commit is not its transaction's).
   */
  public static String announcementPrefix(String slot) {
    return PREFIX + ":" + slot;
  }

  /** True for a prefix of any mirror's announcements (this one's or another's). */
  public static boolean isAnnouncement(String prefix) {
    return prefix.startsWith(PREFIX + ":") || prefix.equals(PREFIX);
  }

  /** Writes the announcement into the connection's open transaction, with the mirror's {@code prefix}. */
  public static void announce(Connection connection, String prefix, JournalEntry said) throws SQLException {
    try (PreparedStatement emit = connection.prepareStatement("SELECT pg_logical_emit_message(true, ?, ?)")) {
      emit.setString(1, prefix);
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
