package io.doltsync.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
   * @throws SQLNonTransientException (22023, invalid parameter value) for a revision Dolt does not know
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
      throw new SQLNonTransientException("unknown Dolt revision '" + revision + "' in database " + database + " ("
          + e.getMessage() + ")", "22023", e);
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

  /**
   * The base tables of the revision, without Dolt's own {@code dolt_*} tables, in name order. Read with
   * {@code SHOW} statements, which look at this database only ({@code information_schema} queries visit every
   * database of the server and fail while another one is being dropped).
   */
  List<String> tables(Connection dolt) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = dolt.createStatement(); ResultSet rs = statement.executeQuery("SHOW FULL TABLES")) {
      while (rs.next()) {
        if ("BASE TABLE".equalsIgnoreCase(rs.getString(2)) && !rs.getString(1).toLowerCase(Locale.ROOT).startsWith("dolt_")) {
          tables.add(rs.getString(1));
        }
      }
    }
    tables.sort(String.CASE_INSENSITIVE_ORDER);
    return tables;
  }

  /** A table's columns, keys, indexes and foreign keys at this revision. */
  DoltTable table(Connection dolt, String table) throws SQLException {
    List<DoltColumn> columns = new ArrayList<>();
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SHOW FULL COLUMNS FROM " + quote(table))) {
      while (rs.next()) {
        columns.add(new DoltColumn(rs.getString("Field"), rs.getString("Type"), "YES".equalsIgnoreCase(rs.getString("Null"))));
      }
    }
    Map<String, List<Object[]>> indexColumns = new LinkedHashMap<>();
    Map<String, Boolean> unique = new LinkedHashMap<>();
    try (Statement statement = dolt.createStatement(); ResultSet rs = statement.executeQuery("SHOW INDEX FROM " + quote(table))) {
      while (rs.next()) {
        String name = rs.getString("Key_name");
        int prefix = rs.getInt("Sub_part");
        indexColumns.computeIfAbsent(name, k -> new ArrayList<>())
            .add(new Object[] {rs.getString("Column_name"), prefix, rs.getInt("Seq_in_index")});
        unique.put(name, rs.getInt("Non_unique") == 0);
      }
    }
    List<String> primaryKey = new ArrayList<>();
    List<DoltTable.Index> indexes = new ArrayList<>();
    indexColumns.forEach((name, parts) -> {
      parts.sort(java.util.Comparator.comparingInt(p -> (Integer) p[2]));
      List<String> names = parts.stream().map(p -> (String) p[0]).toList();
      if (name.equalsIgnoreCase("PRIMARY")) {
        primaryKey.addAll(names);
      } else {
        indexes.add(new DoltTable.Index(name, names, parts.stream().map(p -> (Integer) p[1]).toList(), unique.get(name)));
      }
    });
    return new DoltTable(table, columns, primaryKey, indexes, foreignKeys(dolt, table));
  }

  private static final Pattern FOREIGN_KEY = Pattern.compile(
      "CONSTRAINT `((?:[^`]|``)+)` FOREIGN KEY \\(([^)]*)\\) REFERENCES `((?:[^`]|``)+)` \\(([^)]*)\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("`((?:[^`]|``)+)`");

  /** The foreign keys, from {@code SHOW CREATE TABLE}. */
  private static List<DoltTable.ForeignKey> foreignKeys(Connection dolt, String table) throws SQLException {
    String ddl;
    try (Statement statement = dolt.createStatement(); ResultSet rs = statement.executeQuery("SHOW CREATE TABLE " + quote(table))) {
      rs.next();
      ddl = rs.getString(2);
    }
    List<DoltTable.ForeignKey> keys = new ArrayList<>();
    Matcher matcher = FOREIGN_KEY.matcher(ddl);
    while (matcher.find()) {
      keys.add(new DoltTable.ForeignKey(unquote(matcher.group(1)), identifiers(matcher.group(2)), unquote(matcher.group(3)),
          identifiers(matcher.group(4))));
    }
    return keys;
  }

  private static List<String> identifiers(String list) {
    List<String> names = new ArrayList<>();
    Matcher matcher = IDENTIFIER.matcher(list);
    while (matcher.find()) {
      names.add(unquote(matcher.group(1)));
    }
    return names;
  }

  private static String unquote(String quoted) {
    return quoted.replace("``", "`");
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
