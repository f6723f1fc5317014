package io.doltsync.sql;

import io.doltsync.sql.lex.Keyword;
import io.doltsync.sql.lex.SqlLexer;
import io.doltsync.sql.lex.StatementSplitter;
import io.doltsync.sql.lex.TokenType;
import java.util.List;
import java.util.Set;

/**
 * Decides, from tokens and without a full parse, what a SQL text is and whether it goes to Dolt.
 * Strings, quoted identifiers and comments of the dialect never fool it. Thread-safe; about a
 * microsecond per statement, and a text without Dolt features allocates only the lexing state.
 *
 * <p>Dialect-specific decisions: MariaDB's own {@code FOR SYSTEM_TIME AS OF} and Oracle's flashback
 * {@code AS OF TIMESTAMP|SCN} stay on the primary; in Oracle, {@code BEGIN} opens a PL/SQL block (kind
 * {@link StatementKind#OTHER}) and {@code ;} never separates statements (see
 * {@link StatementSplitter}); in PostgreSQL, {@code SELECT ... INTO t} is a {@link StatementKind#CREATE_TABLE}.
 */
public final class StatementClassifier {

  private final SqlDialect dialect;
  private final Classification[] withoutFeatures;
  private final AnalysisCache<Classification> cache =
      new AnalysisCache<>(AnalysisCache.DEFAULT_MAX_ENTRIES, AnalysisCache.DEFAULT_MAX_CHARS);

  public StatementClassifier(SqlDialect dialect) {
    this.dialect = dialect;
    StatementKind[] kinds = StatementKind.values();
    this.withoutFeatures = new Classification[kinds.length * 2];
    for (StatementKind kind : kinds) {
      withoutFeatures[2 * kind.ordinal()] = new Classification(kind, Set.of(), false);
      withoutFeatures[2 * kind.ordinal() + 1] = new Classification(kind, Set.of(), true);
    }
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /**
   * {@link #classify(String)} through a bounded cache by text: the decision is made once per SQL text, and
   * a repeated text costs one hash lookup.
   */
  public Classification classifyCached(String sql) {
    if (sql == null) {
      return classify(null);
    }
    Classification cached = cache.get(sql);
    if (cached == null) {
      cached = classify(sql);
      cache.put(sql, cached);
    }
    return cached;
  }

  /**
   * Classifies a SQL text. Never throws; text it cannot read is {@link StatementKind#OTHER} for the primary. A
   * statement with a quote or block comment left open ({@link SqlLexer#unterminated()}) is
   * {@link StatementKind#UNREADABLE}: the primary answers it with
   * its own syntax error, and doltsync runs nothing before it (a locking read of rows another session holds would
   * wait into a lock timeout where the raw driver reports the syntax error).
   */
  public Classification classify(String sql) {
    return sql == null ? withoutFeatures(StatementKind.OTHER, false) : classify(sql, 0, sql.length());
  }

  /** Classifies {@code sql[from, to)}, e.g. one statement of a multi-statement text. */
  Classification classify(String sql, int from, int to) {
    SqlLexer lexer = new SqlLexer(sql, from, to, dialect);
    StatementSplitter splitter = new StatementSplitter(dialect);
    KindDetector kind = new KindDetector(dialect);
    DoltFeatureDetector features = new DoltFeatureDetector(dialect, sql);
    boolean inFirstStatement = true;
    boolean firstStatementHasTokens = false;
    boolean multiStatement = false;
    boolean statementStart = true;
    int depth = 0;
    KindDetector later = null;
    StatementKind laterWrite = null;
    for (TokenType type = lexer.next(); type != TokenType.END; type = lexer.next()) {
      Keyword keyword = lexer.keyword();
      if (splitter.endsStatement(type, keyword)) {
        inFirstStatement = !firstStatementHasTokens; // leading empty statements do not count
        statementStart = true;
        depth = 0;
        laterWrite = laterWrite != null || later == null ? laterWrite : writeKind(later);
        later = null;
        continue;
      }
      if (inFirstStatement) {
        firstStatementHasTokens = true;
        kind.accept(type, keyword, depth);
      } else {
        multiStatement = true;
        if (laterWrite == null) {
          later = later == null ? new KindDetector(dialect) : later;
          later.accept(type, keyword, depth);
        }
      }
      features.accept(lexer, keyword, depth, statementStart);
      statementStart = false;
      if (type == TokenType.LEFT_PAREN) {
        depth++;
      } else if (type == TokenType.RIGHT_PAREN && depth > 0) {
        depth--;
      }
    }
    multiStatement |= splitter.swallowedSeparators();
    laterWrite = laterWrite != null || later == null ? laterWrite : writeKind(later);
    if (lexer.unterminated() && !multiStatement && to == sql.length()) {
      // the primary refuses the statement: nothing runs before it. Statements before an open quote may run (with
      // multi-statement texts on), so such a text is read as usual; a range of the text, one statement of it, may
      // end inside an executable comment that the whole text closes
      return withoutFeatures(StatementKind.UNREADABLE, false);
    }
    StatementKind textKind = kind.kind();
    if (laterWrite != null && !textKind.isWrite() && !textKind.isTransactionControl()) {
      textKind = laterWrite; // SELECT 1; UPDATE t ...: the text writes (the first statement's kind would pass it by)
    }
    int featureBits = features.finish();
    List<TableReference> tables = features.tables();
    if (featureBits == 0 && tables.isEmpty()) {
      return withoutFeatures(textKind, multiStatement);
    }
    return new Classification(textKind, DoltFeatureDetector.featureSet(featureBits), multiStatement,
        features.systemTables(), tables);
  }

  /** The kind of a later statement when it writes, else null. */
  private static StatementKind writeKind(KindDetector detector) {
    StatementKind kind = detector.kind();
    return kind.isWrite() ? kind : null;
  }

  private Classification withoutFeatures(StatementKind kind, boolean multiStatement) {
    return withoutFeatures[2 * kind.ordinal() + (multiStatement ? 1 : 0)];
  }
}
