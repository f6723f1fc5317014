package io.doltsync.internal.versioning;

import io.doltsync.sql.lex.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A call of one of the version-control functions Dolt removed in 2023, found in a statement:
 * {@code DOLT_COMMIT(...)}, {@code COMMIT(...)} or {@code MERGE(...)}. Not a call: a statement's own verb
 * ({@code COMMIT}, {@code MERGE INTO}), the procedure of a {@code CALL}, a qualified name.
 *
 * @param nameToken  the index of the function's name
 * @param closeParen the index of its closing parenthesis
 */
record VersionFunctionCall(Function function, int nameToken, int closeParen) {

  /** The functions. */
  enum Function { DOLT_COMMIT, COMMIT, MERGE }

  /** The calls in a text, in text order; nested calls are not looked into. */
  static List<VersionFunctionCall> find(SqlText text) {
    List<VersionFunctionCall> calls = new ArrayList<>();
    for (int i = 1; i < text.size(); i++) {
      Function function = function(text.token(i));
      boolean procedureOfCall = i == 1 && text.token(0).isWord("CALL");
      boolean qualified = text.token(i - 1).type() == TokenType.DOT;
      if (function != null && text.token(i + 1).type() == TokenType.LEFT_PAREN && !procedureOfCall && !qualified) {
        int close = text.closingParen(i + 1);
        if (close > 0) {
          calls.add(new VersionFunctionCall(function, i, close));
          i = close;
        }
      }
    }
    return calls;
  }

  /** The argument expressions of this call in {@code text}. */
  List<SqlText> arguments(SqlText text) {
    return text.items(nameToken + 1, closeParen);
  }

  private static Function function(SqlText.Token token) {
    if (token.type() != TokenType.WORD) {
      return null;
    }
    return switch (token.text().toUpperCase(Locale.ROOT)) {
      case "DOLT_COMMIT" -> Function.DOLT_COMMIT;
      case "COMMIT" -> Function.COMMIT;
      case "MERGE" -> Function.MERGE;
      default -> null;
    };
  }
}
