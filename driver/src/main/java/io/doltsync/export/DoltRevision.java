package io.doltsync.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Dolt revision, read through its read-only revision database ({@code `db/<commit hash>`}): the revision
 * (a branch, tag, hash, {@code main~3}, ...) is resolved to its commit once, so every read of the export sees
 * the same immutable state, however the branch moves meanwhile.
 */
final class DoltRevision {

  private final String database;
  private final String revision;
  private final String hash;

  private DoltRevision(String database, String revision, String hash) {
    this.database = database;
    this.revision = revision;
    this.hash = hash;
  }

  /**
   * Resolves {@code revision} in the connection's current database and switches the connection to it.
   *
   * @throws SQLSyntaxErrorException (42000) for a revision Dolt does not know
   */
  static DoltRevision open(Connection dolt, String revision) throws SQLException {
    String database = dolt.getCatalog();
    if (database == null || database.isEmpty()) {
      throw new SQLException("the Dolt URL names no database", "3D000");
    }
    int slash = database.indexOf('/');
    if (slash >= 0) {
      database = database.substring(0, slash);
    }
    String hash;
    try (PreparedStatement resolve = dolt.prepareStatement("SELECT DOLT_HASHOF(?)")) {
      resolve.setString(1, revision);
      try (ResultSet rs = resolve.executeQuery()) {
        rs.next();
        hash = rs.getString(1);
      }
    } catch (SQLException e) {
      throw new SQLSyntaxErrorException("unknown Dolt revision '" + revision + "' in database " + database + " ("
          + e.getMessage() + ")", "42000", e);
    }
    DoltRevision opened = new DoltRevision(database, revision, hash);
    opened.use(dolt);
    return opened;
  }

  /** Makes {@code dolt} read this revision. */
  void use(Connection dolt) throws SQLException {
    try (Statement statement = dolt.createStatement()) {
      statement.execute("USE " + quote(database + "/" + hash));
    }
  }

  String hash() {
    return hash;
  }

  String revision() {
    return revision;
  }

  /** The base tables of the revision, without Dolt's own {@code dolt_*} tables, in name order. */
  List<String> tables(Connection dolt) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = dolt.createStatement(); ResultSet rs = statement.executeQuery("SELECT table_name FROM"
        + " information_schema.tables WHERE table_schema = database() AND table_type = 'BASE TABLE' ORDER BY table_name")) {
      while (rs.next()) {
        if (!rs.getString(1).toLowerCase(Locale.ROOT).startsWith("dolt_")) {
          tables.add(rs.getString(1));
        }
      }
    }
    return tables;
  }

  /** A table's columns, keys, indexes and foreign keys at this revision. */
  DoltTable table(Connection dolt, String table) throws SQLException {
    List<DoltColumn> columns = new ArrayList<>();
    try (PreparedStatement query = dolt.prepareStatement("SELECT column_name, column_type, is_nullable FROM"
        + " information_schema.columns WHERE table_schema = database() AND table_name = ? ORDER BY ordinal_position")) {
      query.setString(1, table);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          columns.add(new DoltColumn(rs.getString(1), rs.getString(2), "YES".equalsIgnoreCase(rs.getString(3))));
        }
      }
    }
    Map<String, List<Object[]>> indexColumns = new LinkedHashMap<>();
    Map<String, Boolean> unique = new LinkedHashMap<>();
    try (PreparedStatement query = dolt.prepareStatement("SELECT index_name, column_name, sub_part, non_unique FROM"
        + " information_schema.statistics WHERE table_schema = database() AND table_name = ? ORDER BY index_name, seq_in_index")) {
      query.setString(1, table);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          int prefix = rs.getInt(3);
          indexColumns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Object[] {rs.getString(2), prefix});
          unique.put(rs.getString(1), rs.getInt(4) == 0);
        }
      }
    }
    List<String> primaryKey = new ArrayList<>();
    List<DoltTable.Index> indexes = new ArrayList<>();
    indexColumns.forEach((name, parts) -> {
      List<String> names = parts.stream().map(p -> (String) p[0]).toList();
      if (name.equalsIgnoreCase("PRIMARY")) {
        primaryKey.addAll(names);
      } else {
        indexes.add(new DoltTable.Index(name, names, parts.stream().map(p -> (Integer) p[1]).toList(), unique.get(name)));
      }
    });
    return new DoltTable(table, columns, primaryKey, indexes, foreignKeys(dolt, table));
  }

  private static List<DoltTable.ForeignKey> foreignKeys(Connection dolt, String table) throws SQLException {
    Map<String, List<String[]>> parts = new LinkedHashMap<>();
    try (PreparedStatement query = dolt.prepareStatement("SELECT constraint_name, column_name, referenced_table_name,"
        + " referenced_column_name FROM information_schema.key_column_usage WHERE table_schema = database()"
        + " AND table_name = ? AND referenced_table_name IS NOT NULL ORDER BY constraint_name, ordinal_position")) {
      query.setString(1, table);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          parts.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
        }
      }
    }
    List<DoltTable.ForeignKey> keys = new ArrayList<>();
    parts.forEach((name, columns) -> keys.add(new DoltTable.ForeignKey(name, columns.stream().map(c -> c[0]).toList(),
        columns.get(0)[1], columns.stream().map(c -> c[2]).toList())));
    return keys;
  }

  /** The number of rows of a table at this revision. */
  long count(Connection dolt, String table) throws SQLException {
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String quote(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }
}
