package io.doltsync.internal.capture.binlog;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderV4Deserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.FormatDescriptionEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.QueryEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.RotateEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TableMapEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.XidEventDataDeserializer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * MariaDB's binary log as binlog capture ({@code doltsync.capture=binlog}) reads it: the server settings it needs,
 * positions ({@link Position}), the position a consistent snapshot reads at, and a replication client that hands
 * the log's events, from a position on, to a queue.
 */
public final class BinlogSource {

  /** A place in the binary log: a file and a byte offset in it. */
  public record Position(String file, long offset) implements Comparable<Position> {

    /** The position as one number that orders as the log does: the file's sequence number, then the offset. */
    public long asLong() {
      return (sequence(file) << 32) | offset;
    }

    /** A position {@link #asLong()} made, in a log whose files are named like {@code sample}. */
    public static Position ofLong(long value, String sample) {
      String base = sample.substring(0, sample.lastIndexOf('.') + 1);
      int digits = sample.length() - base.length();
      return new Position(base + String.format("%0" + digits + "d", value >>> 32), value & 0xFFFFFFFFL);
    }

    private static long sequence(String file) {
      return Long.parseLong(file.substring(file.lastIndexOf('.') + 1));
    }

    @Override
    public int compareTo(Position other) {
      return Long.compare(asLong(), other.asLong());
    }

    @Override
    public String toString() {
      return file + ":" + offset;
    }
  }

  /** Where the replication client logs in: the primary's host and port and the application's user. */
  public record Login(String host, int port, String user, String password) {}

  private BinlogSource() {}

  /**
   * Fails with a {@link SQLException} naming the setting when the server cannot serve binlog capture: not MariaDB
   * or MySQL, the binary log off, not {@code ROW}, not {@code FULL} row images or metadata, or the user lacks
   * {@code REPLICATION SLAVE} or {@code REPLICATION CLIENT} ({@code BINLOG MONITOR}).
   */
  public static void requirePrerequisites(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT @@log_bin, @@binlog_format, @@binlog_row_image,"
            + " @@binlog_row_metadata")) {
      rs.next();
      if (!"1".equals(rs.getString(1)) && !"ON".equalsIgnoreCase(rs.getString(1))) {
        throw new SQLException("doltsync.capture=binlog needs the binary log: start the server with --log-bin (and"
            + " --server-id, --binlog-format=ROW, --binlog-row-image=FULL, --binlog-row-metadata=FULL); log_bin is"
            + " OFF", "55000");
      }
      requireSetting("binlog_format", rs.getString(2), "ROW");
      requireSetting("binlog_row_image", rs.getString(3), "FULL");
      requireSetting("binlog_row_metadata", rs.getString(4), "FULL");
    }
    boolean slave = false;
    boolean client = false;
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SHOW GRANTS")) {
      while (rs.next()) {
        String grant = rs.getString(1).toUpperCase(Locale.ROOT);
        if (!grant.contains(" ON *.* ")) {
          continue;
        }
        boolean all = grant.startsWith("GRANT ALL PRIVILEGES ON");
        slave |= all || grant.contains("REPLICATION SLAVE");
        client |= all || grant.contains("REPLICATION CLIENT") || grant.contains("BINLOG MONITOR")
            || grant.contains("SUPER");
      }
    }
    if (!slave || !client) {
      throw new SQLException("doltsync.capture=binlog needs the primary user to hold " + (slave ? "" : "REPLICATION"
          + " SLAVE" + (client ? "" : " and ")) + (client ? "" : "REPLICATION CLIENT (BINLOG MONITOR)")
          + " ON *.*: GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO <user>", "42000");
    }
  }

  private static void requireSetting(String name, String value, String wanted) throws SQLException {
    if (!wanted.equalsIgnoreCase(value)) {
      throw new SQLException("doltsync.capture=binlog needs " + name + "=" + wanted + " on the primary (it is "
          + value + "): start the server with --" + name.replace('_', '-') + "=" + wanted, "55000");
    }
  }

  /** The end of the binary log now ({@code SHOW MASTER STATUS}): every transaction committed so far is before it. */
  public static Position current(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SHOW MASTER STATUS")) {
      if (!rs.next()) {
        throw new SQLException("doltsync.capture=binlog: SHOW MASTER STATUS returned nothing (is log_bin on?)", "55000");
      }
      return new Position(rs.getString(1), rs.getLong(2));
    }
  }

  /**
   * Starts a consistent snapshot on {@code connection} (auto-commit off) and returns the binary log position it
   * reads at: every transaction before it is in the snapshot, none after it.
   */
  public static Position beginSnapshot(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
      String file = null;
      long offset = -1;
      try (ResultSet rs = statement.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
        while (rs.next()) {
          if (rs.getString(1).equalsIgnoreCase("binlog_snapshot_file")) {
            file = rs.getString(2);
          } else if (rs.getString(1).equalsIgnoreCase("binlog_snapshot_position")) {
            offset = Long.parseLong(rs.getString(2));
          }
        }
      }
      if (file == null || file.isEmpty() || offset < 0) {
        throw new SQLException("doltsync.capture=binlog: the server reports no binlog_snapshot_file/position", "55000");
      }
      return new Position(file, offset);
    }
  }

  /**
   * A replication client reading from {@code from}, connected in a thread of its own, handing every event to
   * {@code events} (blocking while it is full); {@link BinaryLogClient#disconnect()} stops it.
   */
  public static BinaryLogClient open(Login login, Position from, BlockingQueue<Event> events, long timeoutMillis)
      throws SQLException {
    BinaryLogClient client = new BinaryLogClient(login.host(), login.port(), login.user(), login.password());
    client.setServerId(ThreadLocalRandom.current().nextLong(1 << 20, 1L << 31));
    client.setBinlogFilename(from.file());
    client.setBinlogPosition(from.offset());
    client.setKeepAlive(false);
    client.setHeartbeatInterval(TimeUnit.SECONDS.toMillis(5));
    Map<Long, TableMapEventData> tableMaps = new HashMap<>();
    EventDeserializer deserializer = new EventDeserializer(new EventHeaderV4Deserializer(),
        new NullEventDataDeserializer(), new IdentityHashMap<>(), tableMaps);
    deserializer.setEventDataDeserializer(EventType.FORMAT_DESCRIPTION, new FormatDescriptionEventDataDeserializer());
    deserializer.setEventDataDeserializer(EventType.ROTATE, new RotateEventDataDeserializer());
    deserializer.setEventDataDeserializer(EventType.TABLE_MAP, new TableMapEventDataDeserializer());
    deserializer.setEventDataDeserializer(EventType.XID, new XidEventDataDeserializer());
    deserializer.setEventDataDeserializer(EventType.QUERY, new QueryEventDataDeserializer());
    deserializer.setEventDataDeserializer(EventType.MARIADB_GTID, new MariadbGtidEventDataDeserializer());
    BinlogCells.register(deserializer, tableMaps);
    client.setEventDeserializer(deserializer);
    client.registerEventListener(event -> {
      try {
        events.put(event);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      client.connect(timeoutMillis);
    } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
      throw new SQLException("doltsync.capture=binlog could not read the binary log of " + login.host() + ":"
          + login.port() + " from " + from + ": " + e.getMessage(), "08001", e);
    }
    return client;
  }
}
