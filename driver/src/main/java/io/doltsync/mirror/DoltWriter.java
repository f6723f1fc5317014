package io.doltsync.mirror;

import io.doltsync.dialect.DoltDdl;
import io.doltsync.journal.TableChange;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes table changes into Dolt and makes Dolt commits: creates and re-creates tables from primary
 * schemas, deletes and upserts rows in multi-row statements, and commits with author, message and date.
 * Used by one applier thread on one Dolt connection (manual-commit mode, on the mirrored branch).
 */
final class DoltWriter implements EntryWriter {

  /** MySQL's protocol allows 65,535 placeholders per statement; stay well below. */
  private static final int MAX_PLACEHOLDERS = 30_000;
  private static final int MAX_ROWS_PER_STATEMENT = 500;
  private static final DateTimeFormatter COMMIT_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final SourceDialect dialect;
  private final boolean textFallback;
  /** The primary schema each Dolt table was last created from, by lower-case Dolt table name. */
  private final Map<String, TableSchema> appliedSchemas = new HashMap<>();

  DoltWriter(SourceDialect dialect, boolean textFallback) {
    this.dialect = dialect;
    this.textFallback = textFallback;
  }

  /** Forgets what it knows of Dolt's tables (after a reconnect or an error). */
  @Override
  public void reset() {
    appliedSchemas.clear();
  }

  /** Applies one table change inside the connection's open transaction. */
  @Override
  public void apply(Connection dolt, TableChange change) throws SQLException {
    String table = change.table();
    switch (change.kind()) {
      case DROP -> {
        execute(dolt, "DROP TABLE IF EXISTS " + quote(table));
        appliedSchemas.remove(table.toLowerCase(Locale.ROOT));
      }
      case RESHAPE -> {
        recreate(dolt, table, change.schema());
        insert(dolt, "INSERT INTO ", table, change.columns(), change.upserts());
      }
      case REPLACE_ALL -> {
        ensureExists(dolt, table, change.schema());
        execute(dolt, "DELETE FROM " + quote(table));
        insert(dolt, "INSERT INTO ", table, change.columns(), change.upserts());
      }
      case ROWS -> {
        ensureExists(dolt, table, change.schema());
        delete(dolt, table, change.keyColumns(), change.deletedKeys());
        insert(dolt, "REPLACE INTO ", table, change.columns(), change.upserts());
      }
    }
  }

  /** Drops and creates the table from the primary's schema; rows are written by the caller. */
  void recreate(Connection dolt, String table, TableSchema schema) throws SQLException {
    execute(dolt, "DROP TABLE IF EXISTS " + quote(table));
    execute(dolt, DoltDdl.createTable(table, schema, dialect, textFallback));
    appliedSchemas.put(table.toLowerCase(Locale.ROOT), schema);
  }

  private void ensureExists(Connection dolt, String table, TableSchema schema) throws SQLException {
    String key = table.toLowerCase(Locale.ROOT);
    if (schema == null || schema.equals(appliedSchemas.get(key))) {
      return;
    }
    if (!tableExists(dolt, table)) {
      execute(dolt, DoltDdl.createTable(table, schema, dialect, textFallback));
    }
    appliedSchemas.put(key, schema);
  }

  /** Commits the open transaction as a Dolt commit; returns its hash, or {@code null} when nothing changed. */
  @Override
  public String commit(Connection dolt, String message, String authorName, String authorEmail, Instant date,
      boolean allowEmpty) throws SQLException {
    String hash = null;
    try (PreparedStatement commit = dolt.prepareStatement("CALL dolt_commit('-A', '"
        + (allowEmpty ? "--allow-empty" : "--skip-empty") + "', '-m', ?, '--author', ?, '--date', ?)")) {
      commit.setString(1, message);
      commit.setString(2, author(authorName, authorEmail));
      commit.setString(3, COMMIT_DATE.format(date));
      if (commit.execute()) {
        try (ResultSet rs = commit.getResultSet()) {
          if (rs.next()) {
            hash = rs.getString(1);
          }
        }
      }
    }
    dolt.commit();
    return hash;
  }

  /** Inserts rows in multi-row statements ({@code INSERT INTO} or {@code REPLACE INTO}). */
  void insert(Connection dolt, String verb, String table, List<String> columns, List<Object[]> rows)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    int perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, MAX_PLACEHOLDERS / Math.max(1, columns.size())));
    StringBuilder head = new StringBuilder(verb).append(quote(table)).append(" (");
    for (int i = 0; i < columns.size(); i++) {
      head.append(i == 0 ? "" : ", ").append(quote(DoltDdl.doltName(columns.get(i))));
    }
    head.append(") VALUES ");
    String tuple = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    for (int from = 0; from < rows.size(); from += perStatement) {
      List<Object[]> slice = rows.subList(from, Math.min(rows.size(), from + perStatement));
      String sql = head + String.join(", ", Collections.nCopies(slice.size(), tuple));
      try (PreparedStatement insert = dolt.prepareStatement(sql)) {
        int index = 1;
        for (Object[] row : slice) {
          for (Object value : row) {
            insert.setObject(index++, value);
          }
        }
        insert.executeUpdate();
      }
    }
  }

  private void delete(Connection dolt, String table, List<String> keyColumns, List<Object[]> keys)
      throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    int perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, MAX_PLACEHOLDERS / keyColumns.size()));
    for (int from = 0; from < keys.size(); from += perStatement) {
      List<Object[]> slice = keys.subList(from, Math.min(keys.size(), from + perStatement));
      StringBuilder sql = new StringBuilder("DELETE FROM ").append(quote(table)).append(" WHERE ");
      List<String> disjuncts = new ArrayList<>(slice.size());
      for (int i = 0; i < slice.size(); i++) {
        StringBuilder conjunct = new StringBuilder("(");
        for (int c = 0; c < keyColumns.size(); c++) {
          conjunct.append(c == 0 ? "" : " AND ").append(quote(DoltDdl.doltName(keyColumns.get(c)))).append(" = ?");
        }
        disjuncts.add(conjunct.append(')').toString());
      }
      sql.append(String.join(" OR ", disjuncts));
      try (PreparedStatement delete = dolt.prepareStatement(sql.toString())) {
        int index = 1;
        for (Object[] key : slice) {
          for (Object value : key) {
            delete.setObject(index++, value);
          }
        }
        delete.executeUpdate();
      }
    }
  }

  private static boolean tableExists(Connection dolt, String table) throws SQLException {
    try (PreparedStatement select = dolt.prepareStatement(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = database() AND table_name = ?")) {
      select.setString(1, table);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getInt(1) > 0;
      }
    }
  }

  private static void execute(Connection dolt, String sql) throws SQLException {
    try (Statement statement = dolt.createStatement()) {
      statement.execute(sql);
    }
  }

  static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  private static String author(String name, String email) {
    String safeName = name == null || name.isBlank() ? "doltsync" : name.replace("<", "").replace(">", "").strip();
    String safeEmail = email == null || email.isBlank() ? "doltsync@localhost" : email.replace("<", "").replace(">", "");
    return safeName + " <" + safeEmail + ">";
  }
}
