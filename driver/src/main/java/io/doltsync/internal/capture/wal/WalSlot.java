package io.doltsync.internal.capture.wal;

import io.doltsync.spi.SourceDialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * The PostgreSQL side of wal capture: the prerequisites, and one publication and one logical replication slot
 * per mirror, named after the journal table, the primary's database and schema and the Dolt branch (so mirrors of
 * other schemas or into other branches never share one). Everything here is idempotent.
 */
public final class WalSlot {

  private static final Logger LOG = io.doltsync.internal.logging.DoltSyncLoggers.get(WalSlot.class);

  private final String name;
  private final String schema;

  private WalSlot(String name, String schema) {
    this.name = name;
    this.schema = schema;
  }

  /** The slot and publication of a mirror whose primary connection is {@code connection}. */
  public static WalSlot of(Connection connection, String journalName, String doltDatabase, String branch)
      throws SQLException {
    String database;
    String schema;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_database(), current_schema()")) {
      rs.next();
      database = rs.getString(1);
      schema = rs.getString(2);
    }
    String base = journalName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (base.length() > 40) {
      base = base.substring(0, 40);
    }
    return new WalSlot(base + "_" + digest(database + "\u0000" + schema + "\u0000" + doltDatabase + "\u0000" + branch),
        schema);
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The slot's name, which is also the publication's. */
  public String name() {
    return name;
  }

  /** The schema whose tables the publication holds. */
  public String schema() {
    return schema;
  }

  /**
   * Refuses wal capture unless the primary is PostgreSQL 14 or later (transactional messages in pgoutput) with
   * {@code wal_level = logical} and the user may replicate.
   */
  public static void requirePrerequisites(Connection connection) throws SQLException {
    int version;
    String walLevel;
    boolean mayReplicate;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_setting('server_version_num')::int,"
            + " current_setting('wal_level'), (SELECT rolreplication OR rolsuper FROM pg_catalog.pg_roles"
            + " WHERE rolname = current_user)")) {
      rs.next();
      version = rs.getInt(1);
      walLevel = rs.getString(2);
      mayReplicate = rs.getBoolean(3);
    }
    if (version < 140000) {
      throw new SQLException("doltsync.capture=wal needs PostgreSQL 14 or later (pgoutput messages); this server is "
          + version, "0A000");
    }
    if (!"logical".equals(walLevel)) {
      throw new SQLException("doltsync.capture=wal needs the server setting wal_level = logical (it is " + walLevel
          + "); set it in postgresql.conf and restart the server", "0A000");
    }
    if (!mayReplicate) {
      throw new SQLException("doltsync.capture=wal needs a user with the REPLICATION attribute (ALTER ROLE ... "
          + "REPLICATION) to read the replication slot", "0A000");
    }
  }

  /** Creates the publication unless it exists: every table of the schema, present and future. */
  public void ensurePublication(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = ?")) {
      select.setString(1, name);
      try (ResultSet rs = select.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
    }
    try (Statement statement = connection.createStatement()) {
      // a partitioned table's changes under its own name, as the dialect lists it (not its partitions')
      statement.execute("CREATE PUBLICATION " + quote(name) + " FOR TABLES IN SCHEMA " + quote(schema)
          + " WITH (publish_via_partition_root = true)");
      LOG.info("doltsync created publication {} for the tables of schema {}", name, schema);
    } catch (SQLException e) {
      if (!"42710".equals(e.getSQLState())) { // another instance created it first
        throw e;
      }
    }
  }

  /** True when the slot exists. */
  public boolean slotExists(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT 1 FROM pg_catalog.pg_replication_slots WHERE slot_name = ?")) {
      select.setString(1, name);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Drops the slot if it exists (before a new bootstrap: what it kept belongs to the old copy). */
  public void dropSlot(Connection connection) throws SQLException {
    if (!slotExists(connection)) {
      return;
    }
    try (PreparedStatement drop = connection.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
      drop.setString(1, name);
      drop.execute();
    }
    LOG.info("doltsync dropped replication slot {}", name);
  }

  /**
   * Sets {@code REPLICA IDENTITY FULL} on the mirrored tables of the schema whose updates and deletes would not
   * carry their old rows: keyless tables (PostgreSQL refuses their UPDATE and DELETE once published without one) and
   * tables whose identity is an index or nothing.
   */
  public List<String> ensureFullIdentity(Connection connection, Predicate<String> mirrored) throws SQLException {
    List<String> changed = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT c.relname FROM pg_catalog.pg_class c"
        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p')"
        + " AND (c.relreplident IN ('n', 'i') OR c.relreplident = 'd' AND NOT EXISTS (SELECT 1 FROM"
        + " pg_catalog.pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p'))")) {
      select.setString(1, schema);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    for (String table : tables) {
      if (mirrored.test(table)) {
        setFullIdentity(connection, table);
        changed.add(table);
      }
    }
    if (!changed.isEmpty()) {
      LOG.info("doltsync set REPLICA IDENTITY FULL on {} (keyless, or an identity without the old rows)", changed);
    }
    return changed;
  }

  /**
   * After DDL through a doltsync connection, in its transaction: {@code REPLICA IDENTITY FULL} on the mirrored keyless
   * tables of its schema that lack it (one query when there are none).
   */
  public static void fullIdentityForKeyless(Connection connection, Predicate<String> mirrored) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT c.relname FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
            + " AND c.relkind IN ('r', 'p') AND c.relreplident = 'd' AND NOT EXISTS (SELECT 1 FROM"
            + " pg_catalog.pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    for (String table : tables) {
      if (mirrored.test(table)) {
        setFullIdentity(connection, table);
      }
    }
  }

  /** Sets {@code REPLICA IDENTITY FULL} on one table of the connection's schema. */
  public static void setFullIdentity(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE " + quote(table) + " REPLICA IDENTITY FULL");
    }
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** The dialect's quoting is PostgreSQL's; kept here for the slot's own statements. */
  static String quote(SourceDialect dialect, String identifier) {
    return dialect.quoteIdentifier(identifier);
  }
}
