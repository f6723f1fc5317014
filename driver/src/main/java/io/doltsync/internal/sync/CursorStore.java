package io.doltsync.internal.sync;

import io.doltsync.internal.dialect.DoltDdl;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The cursors of incremental tables, kept in the Dolt table {@value #TABLE} on the synced branch: written in
 * the same Dolt transaction as the rows they cover, they are committed with them (so a rerun after a crash
 * starts from the last committed cursor and neither loses nor repeats rows) and travel with the history.
 * A cursor is stored as text with its kind (number, date, timestamp, text) and read back as the source's value.
 */
final class CursorStore {

  static final String TABLE = "_doltsync_cursor";

  /** A table's cursor: the column, its greatest value seen (null: none yet) and the time of the last key scan. */
  record Cursor(String column, Object value, Instant lastKeyScan) {}

  private final Connection dolt;

  CursorStore(Connection dolt) {
    this.dolt = dolt;
  }

  void ensureTable() throws SQLException {
    try (Statement statement = dolt.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (table_name VARCHAR(255) NOT NULL PRIMARY KEY,"
          + " source_table VARCHAR(255) NOT NULL, cursor_column VARCHAR(255) NOT NULL, cursor_kind VARCHAR(16),"
          + " cursor_value TEXT, last_key_scan DATETIME(6))");
    }
  }

  Optional<Cursor> read(String doltTable) throws SQLException {
    try (PreparedStatement select = dolt.prepareStatement("SELECT cursor_column, cursor_kind, cursor_value, last_key_scan FROM "
        + TABLE + " WHERE table_name = ?")) {
      select.setString(1, doltTable);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Timestamp scan = rs.getTimestamp(4);
        return Optional.of(new Cursor(rs.getString(1), decode(rs.getString(2), rs.getString(3)),
            scan == null ? null : scan.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC)));
      }
    }
  }

  void write(String doltTable, String sourceTable, Cursor cursor) throws SQLException {
    try (PreparedStatement upsert = dolt.prepareStatement("REPLACE INTO " + TABLE
        + " (table_name, source_table, cursor_column, cursor_kind, cursor_value, last_key_scan) VALUES (?, ?, ?, ?, ?, ?)")) {
      upsert.setString(1, doltTable);
      upsert.setString(2, sourceTable);
      upsert.setString(3, cursor.column());
      upsert.setString(4, kind(cursor.value()));
      upsert.setString(5, cursor.value() == null ? null : encode(cursor.value()));
      upsert.setObject(6, cursor.lastKeyScan() == null ? null
          : LocalDateTime.ofInstant(cursor.lastKeyScan(), java.time.ZoneOffset.UTC));
      upsert.executeUpdate();
    }
  }

  void forget(String doltTable) throws SQLException {
    try (PreparedStatement delete = dolt.prepareStatement("DELETE FROM " + TABLE + " WHERE table_name = ?")) {
      delete.setString(1, doltTable);
      delete.executeUpdate();
    }
  }

  static String kind(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof LocalDateTime) {
      return "timestamp";
    }
    if (value instanceof OffsetDateTime) {
      return "timestamptz";
    }
    if (value instanceof LocalDate) {
      return "date";
    }
    if (value instanceof String) {
      return "text";
    }
    throw new IllegalArgumentException("a cursor column must hold numbers, dates, timestamps or text, not "
        + value.getClass().getSimpleName());
  }

  private static String encode(Object value) {
    return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
  }

  static Object decode(String kind, String text) {
    if (kind == null || text == null) {
      return null;
    }
    return switch (kind) {
      case "number" -> new BigDecimal(text);
      case "timestamp" -> LocalDateTime.parse(text);
      case "timestamptz" -> OffsetDateTime.parse(text);
      case "date" -> LocalDate.parse(text);
      default -> text;
    };
  }

  /** The cursor less the look-back window (temporal cursors only; others are returned as they are). */
  static Object lookBack(Object value, java.time.Duration window) {
    if (value == null || window.isZero()) {
      return value;
    }
    if (value instanceof LocalDateTime time) {
      return time.minus(window);
    }
    if (value instanceof OffsetDateTime time) {
      return time.minus(window);
    }
    if (value instanceof LocalDate date) {
      return date.minusDays(Math.max(1, window.toDays()));
    }
    return value;
  }

  /** The greater of two cursor values (null is smallest). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object max(Object a, Object b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) >= 0 ? a : b;
    }
    return ((Comparable) a).compareTo(b) >= 0 ? a : b;
  }

  static String quote(String name) {
    return DoltDdl.quote(name);
  }
}
