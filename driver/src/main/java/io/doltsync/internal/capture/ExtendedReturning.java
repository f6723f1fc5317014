package io.doltsync.internal.capture;

import io.doltsync.sql.SqlDialect;
import io.doltsync.sql.lex.Keyword;
import io.doltsync.sql.lex.TokenList;
import io.doltsync.sql.lex.TokenType;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A PostgreSQL {@code INSERT}, {@code UPDATE} or {@code DELETE} with a {@code RETURNING} list of its own, extended
 * with the columns the capture reads from its rows: {@code <the text as written>\n, "c1" AS "doltsync$1", ...}.
 * RETURNING is the last clause of those statements, so the capture's columns follow the application's, which keep
 * their positions; the application is shown the first {@code rows - appended} columns only. Unqualified column
 * names read the row as the statement leaves it (an INSERT's or UPDATE's new row, a DELETE's deleted row); the
 * labels are doltsync's own, so that no label the application looks up finds them first.
 *
 * <p>On MariaDB (10.5+) an {@code INSERT} or {@code DELETE} without a RETURNING list of its own gets one ({@link #appendedTo}): all its
 * columns are the capture's, and the application, which asked for none, sees an update count instead ({@code hidden}).
 *
 * @param sql      the extended text, sent to the primary instead of the application's
 * @param appended how many columns were appended
 * @param hidden   the statement had no RETURNING of its own: the rows are the capture's alone, the application is
 *                 answered with their count as an update count
 * @param parameters the number of {@code ?} parameters of the text (-1: not counted)
 */
public record ExtendedReturning(String sql, int appended, boolean hidden, int parameters) {

  public ExtendedReturning(String sql, int appended) {
    this(sql, appended, false, -1);
  }

  /** The label prefix of the appended columns. */
  static final String LABEL = "doltsync$";

  /**
   * The extended text of {@code sql}, or {@code null} when its RETURNING list cannot be extended safely: the text
   * must be a single statement (no {@code ;} anywhere, also in a literal or comment: a conservative test) that
   * starts with INSERT, UPDATE or DELETE (not WITH) and has exactly one RETURNING outside parentheses.
   *
   * @param quote quotes an identifier for the primary
   */
  static ExtendedReturning of(String sql, SqlDialect dialect, List<String> columns, UnaryOperator<String> quote) {
    if (sql.indexOf(';') >= 0 || columns.isEmpty()) {
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
    int returning = 0;
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.type(i) == TokenType.WORD && tokens.keyword(i) == Keyword.RETURNING && tokens.depth(i) == 0) {
        returning++;
      }
    }
    if (returning != 1 || tokens.keyword(tokens.size() - 1) == Keyword.RETURNING) {
      return null;
    }
    StringBuilder extended = new StringBuilder(sql.length() + 32 * columns.size()).append(sql).append('\n');
    for (int c = 0; c < columns.size(); c++) {
      extended.append(", ").append(quote.apply(columns.get(c))).append(" AS \"").append(LABEL).append(c + 1)
          .append('"');
    }
    return new ExtendedReturning(extended.toString(), columns.size());
  }

  /**
   * {@code sql} with {@code \nRETURNING c1, c2, ...} appended (MariaDB 10.5+), or {@code null} when the text is not a
   * single INSERT or DELETE without a RETURNING of its own (no {@code ;} anywhere: a conservative test). The line break ends
   * a trailing {@code #} or {@code --} comment.
   *
   * @param select each column's select expression, as a row reader selects it (exact for every type)
   */
  static ExtendedReturning appendedTo(String sql, SqlDialect dialect, List<String> columns,
      UnaryOperator<String> select) {
    if (sql.indexOf(';') >= 0 || columns.isEmpty()) {
      return null;
    }
    TokenList tokens = TokenList.of(sql, dialect);
    if (tokens.size() == 0 || tokens.statements().size() != 1
        || (tokens.keyword(0) != Keyword.INSERT && tokens.keyword(0) != Keyword.DELETE)) {
      return null;
    }
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.type(i) == TokenType.WORD && tokens.keyword(i) == Keyword.RETURNING) {
        return null;
      }
    }
    StringBuilder extended = new StringBuilder(sql.length() + 16 * columns.size()).append(sql).append("\nRETURNING ");
    for (int c = 0; c < columns.size(); c++) {
      extended.append(c == 0 ? "" : ", ").append(select.apply(columns.get(c)));
    }
    return new ExtendedReturning(extended.toString(), columns.size(), true, tokens.parameterCount());
  }
}
