package io.doltsync.sql;

/**
 * Works out what a write statement changes, using JSqlParser for structure and doltsync's own lexer for
 * the original-text pieces ({@link PreSelect}). Dolt syntax JSqlParser cannot read ({@code AS OF},
 * {@code /*! *}{@code /}) is normalised for the parser only; nothing rewritten is ever executed.
 * Thread-safe; results are cached per SQL text in a bounded cache.
 */
public final class WriteAnalyzer {

  private final SqlDialect dialect;

  public WriteAnalyzer(SqlDialect dialect) {
    this.dialect = dialect;
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /** Analyses one SQL text (possibly several statements). Never throws. */
  public WriteAnalysis analyze(String sql) {
    throw new UnsupportedOperationException("TODO");
  }
}
