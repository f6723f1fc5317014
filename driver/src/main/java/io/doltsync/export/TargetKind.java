package io.doltsync.export;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of database an export writes into, with the SQL that differs between them: identifier quoting and
 * case, table options, the upsert statement, the scratch table of exported keys, and whether DDL is transactional.
 */
enum TargetKind {

  /** MySQL and MariaDB: Dolt's own types, tables in the binary collation like Dolt's. */
  MYSQL {
    @Override
    String quote(String identifier) {
      return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    String tableOptions() {
      return " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    }

    @Override
    String upsert(String table, List<String> columns, List<String> key, List<String> placeholders) {
      List<String> others = columns.stream().filter(c -> !key.contains(c)).toList();
      String update = others.isEmpty() ? quote(key.get(0)) + " = " + quote(key.get(0))
          : others.stream().map(c -> quote(c) + " = VALUES(" + quote(c) + ")").collect(Collectors.joining(", "));
      return insert(table, columns, placeholders) + " ON DUPLICATE KEY UPDATE " + update;
    }

    @Override
    String createKeyTable(String name, String columnDefinitions, String key) {
      return "CREATE TEMPORARY TABLE " + quote(name) + " (" + columnDefinitions + ", PRIMARY KEY (" + key + "))";
    }

    @Override
    String dropKeyTable(String name) {
      return "DROP TEMPORARY TABLE IF EXISTS " + quote(name);
    }

    @Override
    boolean transactionalDdl() {
      return false;
    }
  },

  /** PostgreSQL: everything, DDL included, in one transaction. */
  POSTGRESQL {
    @Override
    String upsert(String table, List<String> columns, List<String> key, List<String> placeholders) {
      List<String> others = columns.stream().filter(c -> !key.contains(c)).toList();
      String conflict = " ON CONFLICT (" + quoteAll(key) + ")";
      if (others.isEmpty()) {
        return insert(table, columns, placeholders) + conflict + " DO NOTHING";
      }
      String set = others.stream().map(c -> quote(c) + " = EXCLUDED." + quote(c)).collect(Collectors.joining(", "));
      return insert(table, columns, placeholders) + conflict + " DO UPDATE SET " + set;
    }

    @Override
    String createKeyTable(String name, String columnDefinitions, String key) {
      return "CREATE TEMPORARY TABLE " + quote(name) + " (" + columnDefinitions + ", PRIMARY KEY (" + key + ")) ON COMMIT DROP";
    }

    @Override
    String dropKeyTable(String name) {
      return "DROP TABLE IF EXISTS " + quote(name);
    }

    @Override
    boolean transactionalDdl() {
      return true;
    }
  },

  /** H2 (any mode but Oracle's). Unquoted names are upper case there, so lower-case Dolt names become upper case. */
  H2 {
    @Override
    String targetName(String doltName) {
      return upperCaseUnquoted(doltName);
    }
  },

  /** H2 in Oracle mode: Oracle's types and names, H2's statements. */
  H2_ORACLE {
    @Override
    String targetName(String doltName) {
      return upperCaseUnquoted(doltName);
    }
  };

  /** Quotes an identifier; standard double quotes unless the kind says otherwise. */
  String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** The name a Dolt table, column or index gets in the target. */
  String targetName(String doltName) {
    return doltName;
  }

  /** Table options appended to CREATE TABLE, with a leading space, or empty. */
  String tableOptions() {
    return "";
  }

  /** An INSERT that updates the row when its key exists (H2's MERGE ... KEY). */
  String upsert(String table, List<String> columns, List<String> key, List<String> placeholders) {
    return "MERGE INTO " + quote(table) + " (" + quoteAll(columns) + ") KEY (" + quoteAll(key) + ") VALUES ("
        + String.join(", ", placeholders) + ")";
  }

  /** A plain INSERT. */
  String insert(String table, List<String> columns, List<String> placeholders) {
    return "INSERT INTO " + quote(table) + " (" + quoteAll(columns) + ") VALUES (" + String.join(", ", placeholders) + ")";
  }

  /** A session-private scratch table holding exported keys, created without ending the transaction. */
  String createKeyTable(String name, String columnDefinitions, String key) {
    return "CREATE LOCAL TEMPORARY TABLE " + quote(name) + " (" + columnDefinitions + ", PRIMARY KEY (" + key
        + ")) TRANSACTIONAL";
  }

  String dropKeyTable(String name) {
    return "DROP TABLE IF EXISTS " + quote(name);
  }

  /** True when CREATE TABLE and ALTER TABLE are part of the transaction (they commit it everywhere else). */
  boolean transactionalDdl() {
    return false;
  }

  String quoteAll(List<String> identifiers) {
    return identifiers.stream().map(this::quote).collect(Collectors.joining(", "));
  }

  private static String upperCaseUnquoted(String doltName) {
    return doltName.equals(doltName.toLowerCase(Locale.ROOT)) ? doltName.toUpperCase(Locale.ROOT) : doltName;
  }

  /** The kind of the database a connection reaches (H2's mode is read from the database). */
  static TargetKind of(Connection connection) throws SQLException {
    DatabaseMetaData metaData = connection.getMetaData();
    String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("mysql") || product.contains("mariadb")) {
      return MYSQL;
    }
    if (product.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (product.equals("h2")) {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(
              "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MODE'")) {
        return rs.next() && "oracle".equalsIgnoreCase(rs.getString(1)) ? H2_ORACLE : H2;
      }
    }
    throw new SQLFeatureNotSupportedException("doltsync exports into MariaDB/MySQL, PostgreSQL and H2 (Oracle's types"
        + " through H2's Oracle mode), not into " + metaData.getDatabaseProductName(), "0A000");
  }
}
