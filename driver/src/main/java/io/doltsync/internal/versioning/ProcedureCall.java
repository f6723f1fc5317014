package io.doltsync.internal.versioning;

import io.doltsync.sql.lex.TokenType;
import java.util.List;
import java.util.Locale;

/**
 * A {@code CALL [db.]procedure[(arguments)]} statement.
 *
 * @param procedure the procedure, with the database qualifier it was called through
 * @param arguments the argument expressions
 */
record ProcedureCall(QualifiedName procedure, List<SqlText> arguments) {

  public ProcedureCall {
    arguments = List.copyOf(arguments);
  }

  /** The call a statement makes, or null when it is not a {@code CALL}. */
  static ProcedureCall parse(SqlText text) {
    QualifiedName procedure = QualifiedName.at(text, 1);
    if (!text.token(0).isWord("CALL") || procedure == null) {
      return null;
    }
    int next = 1 + procedure.tokenCount();
    List<SqlText> arguments = List.of();
    if (text.token(next).type() == TokenType.LEFT_PAREN) {
      int close = text.closingParen(next);
      if (close < 0) {
        return null;
      }
      arguments = text.items(next, close);
      next = close + 1;
    }
    return text.token(next).endsStatement() ? new ProcedureCall(procedure, arguments) : null;
  }

  /** The procedure's name in lower case, e.g. {@code dolt_branch}. */
  String name() {
    return procedure.name().toLowerCase(Locale.ROOT);
  }
}
