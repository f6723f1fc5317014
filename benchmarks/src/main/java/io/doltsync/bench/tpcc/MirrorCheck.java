package io.doltsync.bench.tpcc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * After a run, with the journal empty: does the head of Dolt's {@code main} hold exactly the primary's rows
 * in every TPC-C table (compared by {@link TableDigest}), and did every committed write transaction become
 * exactly one Dolt commit?
 */
final class MirrorCheck {

  /** BenchBase's TPC-C tables. */
  static final List<String> TABLES =
      List.of("warehouse", "item", "stock", "district", "customer", "history", "oorder", "new_order", "order_line");

  /** One table's comparison. */
  record TableResult(String table, TableDigest primary, TableDigest dolt) {
    boolean equal() {
      return primary.equals(dolt);
    }

    @Override
    public String toString() {
      return table + (equal() ? " equal (" + primary.rows() + " rows)"
          : " DIFFERS: primary " + primary.rows() + " rows, Dolt " + dolt.rows() + " rows"
              + (primary.rows() == dolt.rows() ? ", same count, different values" : ""));
    }
  }

  private MirrorCheck() {}

  /** Compares every table; {@code dolt} is a plain connection to the Dolt database. */
  static List<TableResult> compareTables(Connection primary, Connection dolt) throws SQLException {
    List<TableResult> results = new ArrayList<>();
    for (String table : TABLES) {
      List<String> columns = columns(primary, table);
      results.add(new TableResult(table, TableDigest.of(primary, table, columns),
          TableDigest.of(dolt, table + " AS OF 'main'", columns)));
    }
    return results;
  }

  /** The number of commits in the history of the connection's branch ({@code main}). */
  static long doltCommits(Connection dolt) throws SQLException {
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM dolt_log")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * The transactions the commits of the connection's branch carry: one per commit, or {@code k} for a group
   * commit (its {@code Doltsync-Group: k} trailer line).
   */
  static long doltTransactions(Connection dolt) throws SQLException {
    long transactions = 0;
    try (Statement statement = dolt.createStatement();
        ResultSet rs = statement.executeQuery("SELECT message FROM dolt_log")) {
      while (rs.next()) {
        java.util.regex.Matcher group = GROUP.matcher(rs.getString(1));
        transactions += group.find() ? Long.parseLong(group.group(1)) : 1;
      }
    }
    return transactions;
  }

  private static final java.util.regex.Pattern GROUP =
      java.util.regex.Pattern.compile("(?m)^Doltsync-Group: (\\d+)$");

  /**
   * The select list of {@code table}'s columns. On MariaDB/MySQL a {@code FLOAT} column is read as
   * {@code CAST(col AS DOUBLE)}: the text protocol sends a FLOAT with 6 significant digits ({@code 11026.9} for a
   * stored {@code 11026.919921875}), which would make an exact mirror look different (Dolt takes the cast too).
   */
  private static List<String> columns(Connection primary, String table) throws SQLException {
    boolean mysqlProtocol = !primary.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
        .contains("postgres");
    List<String> columns = new ArrayList<>();
    try (Statement statement = primary.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        String column = meta.getColumnName(i).toLowerCase(Locale.ROOT);
        boolean single = meta.getColumnType(i) == java.sql.Types.REAL
            || meta.getColumnType(i) == java.sql.Types.FLOAT && "FLOAT".equalsIgnoreCase(meta.getColumnTypeName(i));
        columns.add(mysqlProtocol && single ? "CAST(" + column + " AS DOUBLE) AS " + column : column);
      }
    }
    return columns;
  }
}
