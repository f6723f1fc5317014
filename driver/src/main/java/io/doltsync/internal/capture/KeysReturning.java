package io.doltsync.internal.capture;

import io.doltsync.sql.SqlDialect;
import io.doltsync.sql.lex.Keyword;
import io.doltsync.sql.lex.TokenList;
import io.doltsync.sql.lex.TokenType;

/**
 * The text pgjdbc sends for a statement prepared with generated keys: an {@code INSERT}, {@code UPDATE} or
 * {@code DELETE} without a {@code RETURNING} of its own gets {@code \nRETURNING *} ({@code RETURN_GENERATED_KEYS})
 * or {@code \nRETURNING "c1", "c2"} (column names) appended (pgjdbc 42.7's {@code Parser.addReturning}), and its
 * generated keys are the rows that list returns. doltsync plans that text as a statement with a RETURNING list of its
 * own ({@link ExtendedReturning}), so that the capture reads the rows from the keys the application reads.
 */
public final class KeysReturning {

  private KeysReturning() {}

  /**
   * {@code sql} as pgjdbc sends it when prepared with generated keys {@code columns} ({@code {"*"}} for
   * {@code RETURN_GENERATED_KEYS}), or {@code null} when that text is not certain: not a single INSERT, UPDATE or
   * DELETE (no {@code ;} anywhere, no {@code WITH}), a {@code RETURNING} anywhere in it, or a column name that
   * pgjdbc's {@code quoteReturningIdentifiers=false} would send differently (only lower-case simple names are taken,
   * which read the same quoted or not).
   */
  public static String asSentByPgjdbc(String sql, SqlDialect dialect, String[] columns) {
    if (columns == null || columns.length == 0 || sql.indexOf(';') >= 0) {
      return null;
    }
    TokenList tokens = TokenList.of(sql, dialect);
    if (tokens.size() == 0 || tokens.statements().size() != 1) {
      return null;
    }
    Keyword verb = tokens.keyword(0);
    if (verb != Keyword.INSERT && verb != Keyword.UPDATE && verb != Keyword.DELETE) {
      return null;
    }
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.type(i) == TokenType.WORD && tokens.keyword(i) == Keyword.RETURNING) {
        return null;
      }
    }
    StringBuilder sent = new StringBuilder(sql.length() + 16).append(sql).append("\nRETURNING ");
    if (columns.length == 1 && !columns[0].isEmpty() && columns[0].charAt(0) == '*') {
      return columns[0].equals("*") ? sent.append('*').toString() : null;
    }
    for (int c = 0; c < columns.length; c++) {
      if (columns[c] == null || !columns[c].matches("[a-z_][a-z0-9_]*")) {
        return null;
      }
      sent.append(c == 0 ? "" : ", ").append('"').append(columns[c]).append('"');
    }
    return sent.toString();
  }
}
