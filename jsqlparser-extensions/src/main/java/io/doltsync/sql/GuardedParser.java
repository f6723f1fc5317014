package io.doltsync.sql;

import net.sf.jsqlparser.parser.AbstractJSqlParser.Dialect;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.statement.Statement;

/**
 * Runs JSqlParser on the caller's thread, the only cheap way to call it (its {@code parse()} starts a
 * thread per call to enforce a time-out). Guards stand in for that time-out: texts longer than
 * {@link #MAX_LENGTH} or nested deeper than {@link #MAX_NESTING} are not parsed. Tries the fast
 * non-complex mode first, then complex parsing once.
 */
final class GuardedParser {

  static final int MAX_LENGTH = 1 << 20;
  static final int MAX_NESTING = 64;

  private final Dialect dialect;
  private final boolean squareBrackets;

  GuardedParser(SqlDialect dialect) {
    this.squareBrackets = dialect.rules().bracketIdentifiers();
    if (dialect.grammar() == SqlDialect.MYSQL) {
      this.dialect = Dialect.MYSQL;
    } else if (dialect.grammar() == SqlDialect.MARIADB) {
      this.dialect = Dialect.MARIADB;
    } else if (dialect.grammar() == SqlDialect.POSTGRESQL) {
      this.dialect = Dialect.POSTGRESQL;
    } else if (dialect.grammar() == SqlDialect.H2) {
      this.dialect = Dialect.H2;
    } else if (dialect.grammar() == SqlDialect.ORACLE) {
      this.dialect = Dialect.ORACLE;
    } else {
      this.dialect = squareBrackets ? Dialect.SQLSERVER : Dialect.ANSI_SQL; // a custom dialect: its rules on ISO SQL
    }
  }

  /** The single statement {@code text} holds, or null when it is too big, too deep, or does not parse to its end. */
  Statement parse(String text, int nesting) {
    if (text.length() > MAX_LENGTH || nesting > MAX_NESTING) {
      return null;
    }
    Statement statement = parse(text, false);
    return statement != null ? statement : parse(text, true);
  }

  private Statement parse(String text, boolean complexParsing) {
    try {
      CCJSqlParser parser = CCJSqlParserUtil.newParser(text).withDialect(dialect).withAllowComplexParsing(complexParsing)
          .withSquareBracketQuotation(squareBrackets);
      Statement statement = parser.Statement();
      return parser.getNextToken().kind == CCJSqlParserConstants.EOF ? statement : null;
    } catch (ParseException | RuntimeException | StackOverflowError e) {
      return null; // JSqlParser signals bad input with checked, unchecked (TokenMgrException) and, when deep, stack errors
    }
  }
}
