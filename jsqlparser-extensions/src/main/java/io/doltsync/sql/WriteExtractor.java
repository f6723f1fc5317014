package io.doltsync.sql;

import java.util.List;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;

/** Reads the {@link TableWrite}s of one parsed statement, by statement type. */
final class WriteExtractor {

  private WriteExtractor() {
  }

  /**
   * @throws UnsupportedStatementException when the statement is not a write doltsync models or its writes
   *     cannot be told exactly
   */
  static List<TableWrite> writes(Statement statement, StatementText text, ValueSources values, SqlDialect dialect) {
    if (statement instanceof Insert insert) {
      return InsertWrites.of(insert, values);
    }
    if (statement instanceof Upsert replace) {
      return InsertWrites.of(replace, values);
    }
    if (statement instanceof Update update) {
      return UpdateWrites.of(update, text, values, dialect);
    }
    if (statement instanceof Delete delete) {
      return DeleteWrites.of(delete, text, values, dialect);
    }
    if (statement instanceof Merge merge) {
      return MergeWrites.of(merge, values);
    }
    return SchemaWrites.of(statement);
  }

  /** Rejects PostgreSQL's data-modifying CTEs ({@code WITH d AS (DELETE ...)}), whose writes would go unseen. */
  static void requireReadOnlyCtes(List<WithItem<?>> withItems) {
    if (withItems != null && withItems.stream().anyMatch(item -> !(item.getStatement() instanceof Select))) {
      throw new UnsupportedStatementException("a data-modifying WITH item");
    }
  }
}
