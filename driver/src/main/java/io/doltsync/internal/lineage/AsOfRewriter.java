package io.doltsync.internal.lineage;

import io.doltsync.sql.TableReference;
import java.sql.SQLException;
import java.util.List;

/**
 * Puts {@code AS OF '<commit>'} after every table a query reads, at the positions the classifier found
 * (after the possibly qualified name, before any alias), so Dolt reads each table at its own commit.
 * References that already say {@code AS OF} keep theirs.
 */
final class AsOfRewriter {

  /** The commit one table is read at. */
  @FunctionalInterface
  interface CommitOfTable {
    /** The commit hash for the table, or throws when the table may not be read. */
    String commitOf(TableReference table) throws SQLException;
  }

  private AsOfRewriter() {}

  static String rewrite(String sql, List<TableReference> tables, CommitOfTable commits) throws SQLException {
    StringBuilder rewritten = new StringBuilder(sql.length() + tables.size() * 48);
    int copied = 0;
    for (TableReference table : tables) {
      if (!table.read() || table.hasAsOf()) {
        continue;
      }
      String commit = commits.commitOf(table);
      rewritten.append(sql, copied, table.end()).append(" AS OF '").append(commit.replace("'", "''")).append('\'');
      copied = table.end();
    }
    return rewritten.append(sql, copied, sql.length()).toString();
  }
}
