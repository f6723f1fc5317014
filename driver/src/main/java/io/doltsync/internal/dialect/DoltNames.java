package io.doltsync.internal.dialect;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.TableSchema;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which primary names Dolt can hold, as {@code dolt sql-server} decides (checked by {@code DoltNamesTest}):
 * <ul>
 *   <li>a table or column name has at most {@value #MAX_BYTES} bytes in UTF-8 (64 ASCII characters, 32
 *       two-byte ones);</li>
 *   <li>a table name is not empty, does not end in white space (Unicode spaces included), holds no NUL and
 *       no character outside Unicode's Basic Multilingual Plane (no emoji), and does not start with
 *       {@code dolt_} (Dolt keeps those names for its system tables);</li>
 *   <li>Dolt compares column names ignoring case, so two columns of one table whose
 *       {@link DoltDdl#doltName Dolt names} differ only in case would be one. Dolt creates tables whose names
 *       differ only in case, but resolves a name in a query to either of them, and doltsync keys its tables
 *       by their lower-case names; so two such tables cannot both be mirrored either.</li>
 * </ul>
 * A name Dolt cannot hold fails with an {@link SQLSyntaxErrorException} that names it; doltsync never
 * renames a table or column behind the application's back.
 */
public final class DoltNames {

  /** The longest table or column name Dolt holds, in UTF-8 bytes. */
  public static final int MAX_BYTES = 64;

  private DoltNames() {}

  /** Checks a table's own name and its columns' names. */
  public static void check(TableSchema table) throws SQLException {
    checkTableName(table.name());
    checkColumnNames(table.name(), table.columns().stream().map(ColumnSchema::name).toList());
  }

  /** Checks a table's own name (a primary name). */
  public static void checkTableName(String table) throws SQLException {
    String problem = tableNameProblem(DoltDdl.doltName(table));
    if (problem != null) {
      throw new SQLSyntaxErrorException("doltsync cannot mirror table " + table + ": " + problem
          + "; rename it, or exclude it with doltsync.exclude", "42602");
    }
  }

  /** Checks one column name of a table: its length in Dolt. */
  public static void checkColumnName(String table, String column) throws SQLException {
    int bytes = utf8Length(DoltDdl.doltName(column));
    if (bytes > MAX_BYTES) {
      throw new SQLSyntaxErrorException("doltsync cannot mirror column " + table + "." + column
          + ": its name has " + bytes + " bytes in UTF-8 and Dolt's names have at most " + MAX_BYTES, "42622");
    }
  }

  /** Checks the column names of one table: each one's length, and that no two become one Dolt column. */
  public static void checkColumnNames(String table, Collection<String> columns) throws SQLException {
    Map<String, String> seen = new HashMap<>();
    for (String column : columns) {
      checkColumnName(table, column);
      String doltName = DoltDdl.doltName(column);
      String other = seen.put(doltName.toLowerCase(Locale.ROOT), column);
      if (other != null) {
        throw new SQLSyntaxErrorException("doltsync cannot mirror table " + table + ": its columns " + other
            + " and " + column + " would both be column " + doltName + " in Dolt, which ignores the case of"
            + " column names; rename one", "42711");
      }
    }
  }

  /** Checks that no two of the tables (primary names) become one Dolt table. */
  public static void checkDistinct(Collection<String> tables) throws SQLException {
    Map<String, String> seen = new HashMap<>();
    for (String table : tables) {
      String doltName = DoltDdl.doltName(table);
      String other = seen.put(doltName.toLowerCase(Locale.ROOT), table);
      if (other != null && !other.equals(table)) {
        throw caseTwins(other, table);
      }
    }
  }

  /**
   * Checks that {@code table} does not become the same Dolt table as one of {@code others} (primary names);
   * collisions among the others themselves are not this table's concern.
   */
  public static void checkDistinct(String table, Collection<String> others) throws SQLException {
    String key = DoltDdl.doltName(table).toLowerCase(Locale.ROOT);
    for (String other : others) {
      if (!other.equals(table) && DoltDdl.doltName(other).toLowerCase(Locale.ROOT).equals(key)) {
        throw caseTwins(other, table);
      }
    }
  }

  private static SQLSyntaxErrorException caseTwins(String one, String other) {
    return new SQLSyntaxErrorException("doltsync cannot mirror both tables " + one + " and " + other
        + ": their names differ only in case, which Dolt's name resolution (and doltsync) does not tell apart;"
        + " rename one, or exclude one with doltsync.exclude", "42P07");
  }

  /** Why Dolt refuses a table of that name, or {@code null} when it takes it. */
  static String tableNameProblem(String doltName) {
    int bytes = utf8Length(doltName);
    if (bytes > MAX_BYTES) {
      return "its name has " + bytes + " bytes in UTF-8 and Dolt's names have at most " + MAX_BYTES;
    }
    if (doltName.isEmpty()) {
      return "Dolt refuses an empty table name";
    }
    if (isGoSpace(doltName.charAt(doltName.length() - 1))) {
      return "Dolt refuses a table name that ends in white space";
    }
    if (doltName.indexOf('\0') >= 0 || doltName.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
      return "Dolt refuses a table name with NUL or a character outside the Basic Multilingual Plane";
    }
    if (asciiLowerCase(doltName).startsWith("dolt_")) {
      return "Dolt keeps names starting with dolt_ for its system tables";
    }
    return null;
  }

  /** White space as Go's {@code unicode.IsSpace} (what Dolt tests) sees it. */
  private static boolean isGoSpace(char c) {
    return Character.isSpaceChar(c) || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == 0x85;
  }

  private static int utf8Length(String name) {
    return name.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String asciiLowerCase(String name) {
    StringBuilder lower = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      lower.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return lower.toString();
  }
}
