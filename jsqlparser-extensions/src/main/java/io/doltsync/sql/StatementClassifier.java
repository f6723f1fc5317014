package io.doltsync.sql;

/**
 * Decides, from tokens and without a full parse, what a SQL text is and whether it goes to Dolt.
 * Strings, quoted identifiers and comments of the dialect never fool it. Thread-safe; about a
 * microsecond per statement.
 */
public final class StatementClassifier {

  private final SqlDialect dialect;

  public StatementClassifier(SqlDialect dialect) {
    this.dialect = dialect;
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /** Classifies a SQL text. Never throws; text it cannot read is {@link StatementKind#OTHER} for the primary. */
  public Classification classify(String sql) {
    throw new UnsupportedOperationException("TODO");
  }
}
