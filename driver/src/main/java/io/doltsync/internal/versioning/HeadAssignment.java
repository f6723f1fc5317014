package io.doltsync.internal.versioning;

import io.doltsync.sql.lex.TokenType;
import java.sql.SQLException;
import java.util.Locale;

/**
 * {@code SET @@<db>_head = <expression>} (also {@code @@session.<db>_head} and {@code :=}): puts the
 * connection on a detached head, or takes it off for {@code NULL} and {@code DEFAULT}.
 *
 * @param value the expression; null for {@code DEFAULT}
 */
record HeadAssignment(SqlText value) {

  /** The assignment a statement makes, or null when it is not a {@code SET} of the database's head. */
  static HeadAssignment parse(SqlText text, String database) throws SQLException {
    SqlText.Token variable = text.token(1);
    if (!text.token(0).isWord("SET") || variable.type() != TokenType.SYSTEM_VARIABLE
        || !isHeadVariable(variable.text(), database)) {
      return null;
    }
    int start = 2;
    if (text.token(start).isOperator(":")) {
      start++;
    }
    if (!text.token(start).isOperator("=")) {
      throw new SQLException("expected '=' after " + variable.text(), "42000");
    }
    start++;
    int end = start;
    int depth = 0;
    for (; !text.token(end).endsStatement(); end++) {
      TokenType type = text.token(end).type();
      depth += type == TokenType.LEFT_PAREN ? 1 : type == TokenType.RIGHT_PAREN ? -1 : 0;
      if (type == TokenType.COMMA && depth == 0) {
        throw new SQLException("SET " + variable.text() + " must be the only assignment of its SET statement", "42000");
      }
    }
    if (end == start) {
      throw new SQLException("no value for " + variable.text(), "42000");
    }
    boolean isDefault = end == start + 1 && text.token(start).isWord("DEFAULT");
    return new HeadAssignment(isDefault ? null : text.slice(start, end));
  }

  /** True when a {@code @@...} token names the database's head: {@code @@<db>_head}, {@code @@session.<db>_head}. */
  static boolean isHeadVariable(String token, String database) {
    String name = token.substring(2).toLowerCase(Locale.ROOT);
    if (name.startsWith("session.")) {
      name = name.substring("session.".length());
    }
    return name.equals((database + "_head").toLowerCase(Locale.ROOT));
  }
}
