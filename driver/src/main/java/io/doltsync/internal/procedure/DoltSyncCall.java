package io.doltsync.internal.procedure;

import io.doltsync.sql.SqlDialect;
import io.doltsync.sql.lex.Identifiers;
import io.doltsync.sql.lex.StringLiterals;
import io.doltsync.sql.lex.TokenList;
import io.doltsync.sql.lex.TokenType;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code CALL DOLTSYNC_<NAME>(...)} statement: one of doltsync's own procedures, run by the driver and never
 * sent to the primary or to Dolt. The {@code doltsync_} prefix is reserved. Arguments are literals (strings in
 * the dialect's quoting, numbers, {@code NULL}, {@code TRUE}/{@code FALSE}) or {@code ?} markers.
 *
 * @param name      the procedure's name in lower case, e.g. {@code doltsync_verify}
 * @param arguments one entry per argument: its literal value, or a {@link Marker} for a {@code ?}
 */
public record DoltSyncCall(String name, List<Object> arguments) {

  /** The reserved prefix of doltsync's procedure names. */
  public static final String PREFIX = "doltsync_";

  /** A {@code ?} argument: the value bound at {@code index} (0-based among the text's markers). */
  public record Marker(int index) {}

  public DoltSyncCall {
    arguments = java.util.Collections.unmodifiableList(new ArrayList<>(arguments));
  }

  /**
   * The doltsync procedure a text calls, or null when it calls none.
   *
   * @throws SQLSyntaxErrorException (42000) when the text calls a {@code doltsync_} procedure in a way doltsync
   *                                 cannot run: trailing statements, arguments that are not literals or markers
   */
  public static DoltSyncCall parse(String sql, SqlDialect dialect) throws SQLSyntaxErrorException {
    TokenList tokens = TokenList.of(sql, dialect);
    int i = 0;
    if (tokens.size() < 2 || !isWord(tokens, 0, "CALL")) {
      return null;
    }
    i++;
    if (typeAt(tokens, i) != TokenType.WORD && typeAt(tokens, i) != TokenType.QUOTED_IDENTIFIER) {
      return null;
    }
    String name = Identifiers.unquote(tokens.tokenText(i)).toLowerCase(Locale.ROOT);
    if (!name.startsWith(PREFIX) || typeAt(tokens, i + 1) == TokenType.DOT) {
      return null;
    }
    i++;
    List<Object> arguments = new ArrayList<>();
    if (i < tokens.size() && tokens.type(i) == TokenType.LEFT_PAREN) {
      i = readArguments(sql, tokens, i + 1, dialect, arguments);
    }
    while (i < tokens.size() && tokens.type(i) == TokenType.SEMICOLON) {
      i++;
    }
    if (i < tokens.size()) {
      throw syntax("doltsync runs " + name.toUpperCase(Locale.ROOT) + " itself, so it must be the only statement"
          + " of its text; found more after it in: " + sql);
    }
    return new DoltSyncCall(name, arguments);
  }

  /** Reads {@code arg, arg, ...)} from {@code i}; returns the index after the closing parenthesis. */
  private static int readArguments(String sql, TokenList tokens, int i, SqlDialect dialect, List<Object> arguments)
      throws SQLSyntaxErrorException {
    if (i < tokens.size() && tokens.type(i) == TokenType.RIGHT_PAREN) {
      return i + 1;
    }
    while (true) {
      int start = i;
      boolean negative = false;
      if (i < tokens.size() && tokens.type(i) == TokenType.OPERATOR
          && (tokens.tokenText(i).equals("-") || tokens.tokenText(i).equals("+"))) {
        negative = tokens.tokenText(i).equals("-");
        i++;
      }
      if (i >= tokens.size()) {
        throw syntax("unclosed argument list in: " + sql);
      }
      arguments.add(literal(sql, tokens, i, dialect, negative, i > start));
      i++;
      if (i >= tokens.size()) {
        throw syntax("unclosed argument list in: " + sql);
      }
      if (tokens.type(i) == TokenType.RIGHT_PAREN) {
        return i + 1;
      }
      if (tokens.type(i) != TokenType.COMMA) {
        throw syntax("the arguments of doltsync's procedures are literals or ? markers; found '"
            + tokens.tokenText(i) + "' in: " + sql);
      }
      i++;
    }
  }

  private static Object literal(String sql, TokenList tokens, int i, SqlDialect dialect, boolean negative,
      boolean signed) throws SQLSyntaxErrorException {
    TokenType type = tokens.type(i);
    String text = tokens.tokenText(i);
    if (type == TokenType.NUMBER) {
      BigDecimal value = new BigDecimal(text);
      return negative ? value.negate() : value;
    }
    if (signed) {
      throw syntax("a sign must precede a number; found '" + text + "' in: " + sql);
    }
    if (type == TokenType.STRING) {
      return StringLiterals.value(text, dialect);
    }
    if (type == TokenType.PARAMETER) {
      return new Marker(tokens.parametersBefore(i));
    }
    if (type == TokenType.WORD) {
      switch (text.toUpperCase(Locale.ROOT)) {
        case "NULL": return null;
        case "TRUE": return Boolean.TRUE;
        case "FALSE": return Boolean.FALSE;
        default: break;
      }
    }
    throw syntax("the arguments of doltsync's procedures are literals or ? markers; found '" + text + "' in: " + sql);
  }

  /** The arguments with each marker replaced by its bound value. */
  public List<Object> values(List<Object> parameters) throws SQLException {
    List<Object> values = new ArrayList<>(arguments.size());
    for (Object argument : arguments) {
      if (argument instanceof Marker marker) {
        if (marker.index() >= parameters.size()) {
          throw new SQLException("no value bound for parameter " + (marker.index() + 1) + " of "
              + name.toUpperCase(Locale.ROOT), "07001");
        }
        values.add(parameters.get(marker.index()));
      } else {
        values.add(argument);
      }
    }
    return values;
  }

  /** How many {@code ?} markers the call has. */
  public int markerCount() {
    return (int) arguments.stream().filter(Marker.class::isInstance).count();
  }

  private static TokenType typeAt(TokenList tokens, int i) {
    return i < tokens.size() ? tokens.type(i) : TokenType.END;
  }

  private static boolean isWord(TokenList tokens, int i, String word) {
    return tokens.type(i) == TokenType.WORD && tokens.tokenText(i).equalsIgnoreCase(word);
  }

  private static SQLSyntaxErrorException syntax(String message) {
    return new SQLSyntaxErrorException(message, "42000");
  }
}
