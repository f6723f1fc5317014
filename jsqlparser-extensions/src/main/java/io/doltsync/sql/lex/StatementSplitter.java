package io.doltsync.sql.lex;

import io.doltsync.sql.SqlDialect;

/**
 * Tells a {@code ;} that ends a statement from one inside the body of a stored routine or trigger
 * ({@code CREATE PROCEDURE p() BEGIN ...; ...; END}). Feed it every token of a text in order.
 *
 * <p>Bodies are tracked only in CREATE statements, as BEGIN ... END and CASE ... END nesting ({@code END IF},
 * {@code END LOOP}, {@code END WHILE}, {@code END REPEAT} close nothing that was counted). A BEGIN right
 * after {@code (}, {@code ,} or {@code .} is a column name. A block still open at the end of the text was
 * not a block: {@link #swallowedSeparators()} then reports that its {@code ;} separated statements after all.
 * In Oracle a {@code ;} never separates statements: its JDBC driver runs one statement per call and a
 * {@code ;} is only valid inside PL/SQL.
 */
public final class StatementSplitter {

  private final boolean oracle;
  private boolean atStatementStart = true;
  private boolean inCreate;
  private TokenType previousType;
  private int blockDepth;
  private boolean endPending;
  private boolean swallowedSemicolon;
  private boolean tokenAfterSwallowedSemicolon;

  public StatementSplitter(SqlDialect dialect) {
    this.oracle = !dialect.rules().semicolonsSeparateStatements();
  }

  /** Feeds the next token; true when it is a {@code ;} that ends a statement. */
  public boolean endsStatement(TokenType type, Keyword keyword) {
    if (oracle) {
      return false;
    }
    if (atStatementStart) {
      inCreate = keyword == Keyword.CREATE;
    }
    boolean closesUncounted = endPending && closeEnd(keyword);
    boolean separator = type == TokenType.SEMICOLON && blockDepth == 0;
    if (type == TokenType.SEMICOLON && blockDepth > 0) {
      swallowedSemicolon = true;
    } else if (type != TokenType.SEMICOLON && swallowedSemicolon) {
      tokenAfterSwallowedSemicolon = true;
    }
    if (inCreate && !closesUncounted) {
      track(keyword);
    }
    atStatementStart = separator;
    previousType = type;
    return separator;
  }

  /**
   * True when a BEGIN or CASE was never closed but a {@code ;} inside it had more tokens after it: the
   * text was not a routine body after all, so every {@code ;} separates statements.
   */
  public boolean swallowedSeparators() {
    int openBlocks = endPending ? blockDepth - 1 : blockDepth;
    return openBlocks > 0 && tokenAfterSwallowedSemicolon;
  }

  /** Resolves a pending END by the token after it; true when that token was consumed (END CASE, END IF...). */
  private boolean closeEnd(Keyword following) {
    endPending = false;
    if (following == Keyword.IF || following == Keyword.LOOP || following == Keyword.WHILE
        || following == Keyword.REPEAT) {
      return true;
    }
    blockDepth = Math.max(0, blockDepth - 1);
    return following == Keyword.CASE;
  }

  private void track(Keyword keyword) {
    if (keyword == Keyword.CASE || (keyword == Keyword.BEGIN && !followsNamePunctuation())) {
      blockDepth++;
    } else if (keyword == Keyword.END) {
      endPending = true;
    }
  }

  private boolean followsNamePunctuation() {
    return previousType == TokenType.LEFT_PAREN || previousType == TokenType.COMMA || previousType == TokenType.DOT;
  }
}
