package io.doltsync.sql.lex;

import io.doltsync.sql.SqlDialect;

/** Decodes the value of a {@link TokenType#STRING} token by its dialect's escape rules. */
public final class StringLiterals {

  private StringLiterals() {
  }

  /** The characters a string token stands for; a token left open at the end of the text runs to its end. */
  public static String value(String token, SqlDialect dialect) {
    char first = token.charAt(0);
    if (first == '$') {
      String tag = token.substring(0, token.indexOf('$', 1) + 1);
      boolean closed = token.length() >= 2 * tag.length() && token.endsWith(tag);
      return token.substring(tag.length(), closed ? token.length() - tag.length() : token.length());
    }
    if (first == '\'' || first == '"') {
      String body = body(token, 1, first);
      return dialect.rules().backslashEscapes() ? unescapeMySql(body, first) : body.replace("''", "'");
    }
    if ((first == 'N' || first == 'n') && token.length() > 1 && token.charAt(1) == '\'') {
      String body = body(token, 2, '\'');
      return dialect.rules().backslashEscapes() ? unescapeMySql(body, '\'') : body.replace("''", "'");
    }
    if (first == 'E' || first == 'e') {
      return unescapePostgres(body(token, 2, '\''));
    }
    int delimiter = token.indexOf('\'') + 1; // Oracle q'X...X'
    return token.length() >= delimiter + 3 ? token.substring(delimiter + 1, token.length() - 2) : "";
  }

  private static String body(String token, int open, char quote) {
    boolean closed = token.length() > open && token.charAt(token.length() - 1) == quote;
    return token.substring(open, closed ? token.length() - 1 : token.length());
  }

  private static String unescapeMySql(String body, char quote) {
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == quote && i + 1 < body.length() && body.charAt(i + 1) == quote) {
        out.append(quote);
        i++;
      } else if (c == '\\' && i + 1 < body.length()) {
        char escaped = body.charAt(++i);
        switch (escaped) {
          case '0' -> out.append('\0');
          case 'b' -> out.append('\b');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'Z' -> out.append('\u001a');
          case '%', '_' -> out.append('\\').append(escaped); // kept for LIKE patterns
          default -> out.append(escaped);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String unescapePostgres(String body) {
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
        out.append('\'');
        i++;
      } else if (c == '\\' && i + 1 < body.length()) {
        i = appendPostgresEscape(body, i + 1, out);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Appends the escape starting at {@code at} (just after the backslash); returns the index of its last character. */
  private static int appendPostgresEscape(String body, int at, StringBuilder out) {
    char c = body.charAt(at);
    switch (c) {
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'x' -> {
        return appendCodePoint(body, at + 1, 2, 16, out, c);
      }
      case 'u' -> {
        return appendCodePoint(body, at + 1, 4, 16, out, c);
      }
      case 'U' -> {
        return appendCodePoint(body, at + 1, 8, 16, out, c);
      }
      default -> {
        if (c >= '0' && c <= '7') {
          return appendCodePoint(body, at, 3, 8, out, c);
        }
        out.append(c);
      }
    }
    return at;
  }

  /** Appends the code point in up to {@code maxDigits} digits from {@code from}; without digits, {@code fallback}. */
  private static int appendCodePoint(String body, int from, int maxDigits, int radix, StringBuilder out, char fallback) {
    int i = from;
    int codePoint = 0;
    while (i < body.length() && i < from + maxDigits && Character.digit(body.charAt(i), radix) >= 0) {
      codePoint = codePoint * radix + Character.digit(body.charAt(i), radix);
      i++;
    }
    if (i == from || !Character.isValidCodePoint(codePoint)) {
      out.append(fallback);
      return from - 1;
    }
    out.appendCodePoint(codePoint);
    return i - 1;
  }
}
