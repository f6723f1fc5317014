package io.doltsync.internal.dialect;

import java.math.BigDecimal;
import java.sql.SQLDataException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON array (the canonical form of a SQL array) back into Java values for a driver that binds
 * {@code Object[]}: numbers as {@link BigDecimal}, strings, booleans, {@code null}, nested arrays as
 * {@code Object[]}; an object element is kept as its JSON text.
 */
final class JsonArrays {

  private final String text;
  private int at;

  private JsonArrays(String text) {
    this.text = text;
  }

  static Object[] parse(String json) throws SQLDataException {
    JsonArrays parser = new JsonArrays(json);
    parser.skipSpace();
    Object value = parser.value();
    parser.skipSpace();
    if (!(value instanceof Object[] array) || parser.at != json.length()) {
      throw new SQLDataException("not a JSON array: " + json, "22000");
    }
    return array;
  }

  private Object value() throws SQLDataException {
    char c = peek();
    if (c == '[') {
      at++;
      List<Object> elements = new ArrayList<>();
      skipSpace();
      if (peek() == ']') {
        at++;
        return elements.toArray();
      }
      while (true) {
        skipSpace();
        elements.add(value());
        skipSpace();
        char next = text.charAt(at++);
        if (next == ']') {
          return elements.toArray();
        }
        if (next != ',') {
          throw new SQLDataException("bad JSON array at " + at + ": " + text, "22000");
        }
      }
    }
    if (c == '"') {
      return string();
    }
    if (c == '{') {
      int start = at;
      int depth = 0;
      do {
        char d = text.charAt(at);
        if (d == '"') {
          string();
          continue;
        }
        depth += d == '{' || d == '[' ? 1 : d == '}' || d == ']' ? -1 : 0;
        at++;
      } while (depth > 0);
      return text.substring(start, at);
    }
    int start = at;
    while (at < text.length() && ",]} \t\r\n".indexOf(text.charAt(at)) < 0) {
      at++;
    }
    String word = text.substring(start, at);
    return switch (word) {
      case "null" -> null;
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> {
        try {
          yield new BigDecimal(word);
        } catch (NumberFormatException e) {
          throw new SQLDataException("bad JSON value " + word + " in " + text, "22000", e);
        }
      }
    };
  }

  private String string() throws SQLDataException {
    StringBuilder out = new StringBuilder();
    at++;
    while (true) {
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = text.charAt(at++);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> out.append(e);
      }
    }
  }

  private char peek() throws SQLDataException {
    if (at >= text.length()) {
      throw new SQLDataException("truncated JSON: " + text, "22000");
    }
    return text.charAt(at);
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }
}
