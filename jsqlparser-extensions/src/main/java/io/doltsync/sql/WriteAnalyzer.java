package io.doltsync.sql;

import io.doltsync.sql.TableWrite.Upsert;
import io.doltsync.sql.lex.TokenList;
import io.doltsync.sql.lex.TokenRange;
import io.doltsync.sql.lex.TokenType;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.statement.Statement;

/**
 * Works out what a write statement changes, using JSqlParser for structure and doltsync's own lexer for
 * the original-text pieces ({@link PreSelect}). Dolt syntax JSqlParser cannot read ({@code AS OF},
 * {@code /*! *}{@code /}) is normalised for the parser only; nothing rewritten is ever executed.
 * Thread-safe; results are cached per SQL text in a bounded cache.
 *
 * <p>A text is split into statements by doltsync's lexer and each statement is parsed on its own, so
 * parameter indexes and original-text cuts line up with the whole text. Statements that do not write are
 * not parsed. CALL is {@link WriteAnalysis.Status#ANALYZED} without table writes; other DDL, LOAD DATA and
 * unrecognised statements are {@link WriteAnalysis.Status#UNPARSEABLE}, as is any write whose effect the text
 * does not tell exactly (see {@link UnsupportedStatementException}). H2's {@code MERGE INTO t KEY(..)
 * VALUES} is read as an INSERT with {@link Upsert#MERGE}.
 */
public final class WriteAnalyzer {

  private final SqlDialect dialect;
  private final StatementClassifier classifier;
  private final ParserStrings strings;
  private final ParserInput parserInput;
  private final GuardedParser parser;
  private final AnalysisCache<WriteAnalysis> cache =
      new AnalysisCache<>(AnalysisCache.DEFAULT_MAX_ENTRIES, AnalysisCache.DEFAULT_MAX_CHARS);

  public WriteAnalyzer(SqlDialect dialect) {
    this.dialect = dialect;
    this.classifier = new StatementClassifier(dialect);
    this.strings = new ParserStrings(dialect);
    this.parserInput = new ParserInput(dialect, strings);
    this.parser = new GuardedParser(dialect);
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /** Analyses one SQL text (possibly several statements). Never throws. */
  public WriteAnalysis analyze(String sql) {
    String text = sql == null ? "" : sql;
    WriteAnalysis cached = cache.get(text);
    if (cached != null) {
      return cached;
    }
    WriteAnalysis analysis = compute(text);
    cache.put(text, analysis);
    return analysis;
  }

  /**
   * JSqlParser's tree of a text holding one statement, parsed on the caller's thread under the same guards as
   * {@link #analyze} (no thread per call, as JSqlParser's own {@code parse} with a time-out starts), or null when
   * the text holds several statements or none, or does not parse. Never throws.
   */
  public Statement parseOne(String sql) {
    try {
      TokenList tokens = TokenList.of(sql == null ? "" : sql, dialect);
      List<TokenRange> statements = tokens.statements();
      if (statements.size() != 1) {
        return null;
      }
      StatementText statement = new StatementText(tokens, statements.get(0));
      return parser.parse(parserInput.of(statement), statement.maxDepth());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private WriteAnalysis compute(String sql) {
    TokenList tokens = TokenList.of(sql, dialect);
    StatementKind kind = classifier.classify(sql).kind();
    List<TableWrite> writes = new ArrayList<>();
    boolean writing = false;
    for (TokenRange range : tokens.statements()) {
      StatementText statement = new StatementText(tokens, range);
      StatementKind statementKind = classifier.classify(sql, statement.startOffset(), statement.endOffset()).kind();
      if (statementKind.isWrite()) {
        writing = true;
        List<TableWrite> statementWrites = writes(statement, statementKind);
        if (statementWrites == null) {
          return new WriteAnalysis(WriteAnalysis.Status.UNPARSEABLE, kind, List.of(), tokens.identifiers(),
              tokens.parameterCount());
        }
        writes.addAll(statementWrites);
      }
    }
    WriteAnalysis.Status status = writing ? WriteAnalysis.Status.ANALYZED : WriteAnalysis.Status.NOT_A_WRITE;
    return new WriteAnalysis(status, kind, writes, tokens.identifiers(), tokens.parameterCount());
  }

  /**
   * True when a quoted identifier holds {@code .} or {@code @}: JSqlParser (5.4) reads {@code "t.dot"} as table
   * {@code dot} of schema {@code t} and {@code `t@x`} as a table behind a database link, so the tables it would
   * report are not the ones written. Such a statement is treated as one the parser cannot read.
   */
  private static boolean hasNameJSqlParserSplits(StatementText statement) {
    TokenList tokens = statement.tokens();
    for (int i = statement.from(); i < statement.to(); i++) {
      if (tokens.type(i) == TokenType.QUOTED_IDENTIFIER) {
        String text = tokens.tokenText(i);
        if (text.indexOf('.') >= 0 || text.indexOf('@') >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** The writes of one write statement, or null when they cannot be read from its text. */
  private List<TableWrite> writes(StatementText statement, StatementKind kind) {
    if (kind == StatementKind.CALL) {
      return List.of(); // the procedure's writes are not in the text; the caller treats calls conservatively
    }
    if (kind == StatementKind.OTHER || kind == StatementKind.OTHER_DDL || kind == StatementKind.LOAD_DATA) {
      return null;
    }
    if (hasNameJSqlParserSplits(statement)) {
      return null;
    }
    try {
      String h2Merge = kind == StatementKind.MERGE && dialect.grammar() == SqlDialect.H2 ? parserInput.h2MergeAsInsert(statement) : null;
      Statement parsed = parser.parse(h2Merge != null ? h2Merge : parserInput.of(statement), statement.maxDepth());
      if (parsed == null) {
        return null;
      }
      List<TableWrite> writes = WriteExtractor.writes(parsed, statement,
          new ValueSources(strings, statement.parametersBefore()), dialect);
      return h2Merge == null ? writes : writes.stream().map(write -> TableWrites.withUpsert(write, Upsert.MERGE)).toList();
    } catch (RuntimeException e) {
      return null; // an UnsupportedStatementException, or a shape of JSqlParser's tree not foreseen: fail closed
    }
  }
}
