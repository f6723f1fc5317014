package io.doltsync.internal.dialect;

import java.math.BigDecimal;
import java.sql.SQLDataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical text of a JSON value, so that two JSON texts meaning the same thing compare equal as
 * strings however the primary or Dolt serialised them: no insignificant whitespace, object keys sorted
 * (the last of duplicate keys wins, as in MySQL), strings with only the escapes JSON requires, and
 * every number written as the IEEE-754 double it denotes, which is how Dolt stores JSON numbers (Dolt
 * reads {@code 9007199254740993} as {@code 9007199254740992}).
 */
public final class CanonicalJson {

  private static final double PLAIN_NUMBER_LIMIT = 1e21;
  private static final double PLAIN_NUMBER_FLOOR = 1e-6;

  private CanonicalJson() {}

  /**
   * The canonical form of a JSON text.
   *
   * @throws SQLDataException (SQLState 22032) when the text is not JSON
   */
  public static String normalize(String json) throws SQLDataException {
    Parser parser = new Parser(json);
    Object value = parser.parseDocument();
    StringBuilder out = new StringBuilder(json.length());
    write(value, out);
    return out.toString();
  }

  /**
   * A SQL array's elements (as {@link java.sql.Array#getArray()} returns them) as a canonical JSON array:
   * numbers and booleans stay JSON numbers and booleans, nested arrays nest, anything else becomes a
   * JSON string of its text form.
   */
  public static String ofArray(Object[] elements) {
    StringBuilder out = new StringBuilder();
    write(fromArray(elements), out);
    return out.toString();
  }

  private static List<Object> fromArray(Object[] elements) {
    List<Object> values = new ArrayList<>(elements.length);
    for (Object element : elements) {
      if (element == null || element instanceof Boolean || element instanceof String) {
        values.add(element);
      } else if (element instanceof Object[] nested) {
        values.add(fromArray(nested));
      } else if (element instanceof Number number) {
        values.add(new JsonNumber(number.toString(), number.doubleValue()));
      } else if (element instanceof byte[] bytes) {
        values.add(hex(bytes));
      } else {
        values.add(element.toString());
      }
    }
    return values;
  }

  private static String hex(byte[] bytes) {
    StringBuilder hex = new StringBuilder(2 + bytes.length * 2).append("\\x");
    for (byte b : bytes) {
      hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return hex.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (value instanceof String s) {
      writeString(s, out);
    } else if (value instanceof JsonNumber n) {
      out.append(n.canonical());
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), out);
      }
      out.append(']');
    } else {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString((String) entry.getKey(), out);
        out.append(':');
        write(entry.getValue(), out);
      }
      out.append('}');
    }
  }

  /** Appends {@code s} as a JSON string: quoted, with {@code "}, {@code \\} and control characters escaped. */
  public static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** A JSON number: its literal and the double it denotes. */
  private record JsonNumber(String literal, double value) {
    String canonical() {
      if (Double.isInfinite(value) || Double.isNaN(value)) {
        return literal;
      }
      BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
      double magnitude = Math.abs(value);
      boolean plain = magnitude == 0 || (magnitude >= PLAIN_NUMBER_FLOOR && magnitude < PLAIN_NUMBER_LIMIT);
      return plain ? decimal.toPlainString() : decimal.toString().toLowerCase(Locale.ROOT);
    }
  }

  /** A strict recursive-descent JSON parser producing maps, lists, strings, numbers, booleans and nulls. */
  private static final class Parser {
    private final String text;
    private int at;

    Parser(String text) {
      this.text = text;
    }

    Object parseDocument() throws SQLDataException {
      Object value = parseValue();
      skipWhitespace();
      if (at != text.length()) {
        throw error("unexpected text after the JSON value");
      }
      return value;
    }

    private Object parseValue() throws SQLDataException {
      skipWhitespace();
      if (at >= text.length()) {
        throw error("unexpected end of text");
      }
      char c = text.charAt(at);
      return switch (c) {
        case '{' -> parseObject();
        case '[' -> parseArray();
        case '"' -> parseString();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> parseNumber();
      };
    }

    private Map<String, Object> parseObject() throws SQLDataException {
      Map<String, Object> object = new TreeMap<>();
      at++;
      skipWhitespace();
      if (peek() == '}') {
        at++;
        return object;
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw error("expected a string key");
        }
        String key = parseString();
        skipWhitespace();
        expect(':');
        object.put(key, parseValue());
        skipWhitespace();
        if (peek() == ',') {
          at++;
        } else {
          expect('}');
          return object;
        }
      }
    }

    private List<Object> parseArray() throws SQLDataException {
      List<Object> array = new ArrayList<>();
      at++;
      skipWhitespace();
      if (peek() == ']') {
        at++;
        return array;
      }
      while (true) {
        array.add(parseValue());
        skipWhitespace();
        if (peek() == ',') {
          at++;
        } else {
          expect(']');
          return array;
        }
      }
    }

    private String parseString() throws SQLDataException {
      StringBuilder value = new StringBuilder();
      at++;
      while (true) {
        if (at >= text.length()) {
          throw error("unterminated string");
        }
        char c = text.charAt(at++);
        if (c == '"') {
          return value.toString();
        }
        if (c != '\\') {
          value.append(c);
          continue;
        }
        if (at >= text.length()) {
          throw error("unterminated escape");
        }
        char escaped = text.charAt(at++);
        switch (escaped) {
          case '"', '\\', '/' -> value.append(escaped);
          case 'b' -> value.append('\b');
          case 'f' -> value.append('\f');
          case 'n' -> value.append('\n');
          case 'r' -> value.append('\r');
          case 't' -> value.append('\t');
          case 'u' -> {
            if (at + 4 > text.length()) {
              throw error("short \\u escape");
            }
            try {
              value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            } catch (NumberFormatException e) {
              throw error("bad \\u escape");
            }
            at += 4;
          }
          default -> throw error("bad escape \\" + escaped);
        }
      }
    }

    private JsonNumber parseNumber() throws SQLDataException {
      int start = at;
      while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
      String literal = text.substring(start, at);
      try {
        if (literal.isEmpty() || literal.startsWith("+")) {
          throw new NumberFormatException();
        }
        return new JsonNumber(literal, new BigDecimal(literal).doubleValue());
      } catch (NumberFormatException e) {
        at = start;
        throw error("unexpected character");
      }
    }

    private Object literal(String word, Object value) throws SQLDataException {
      if (!text.startsWith(word, at)) {
        throw error("unexpected character");
      }
      at += word.length();
      return value;
    }

    private void expect(char c) throws SQLDataException {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      at++;
    }

    private char peek() {
      return at < text.length() ? text.charAt(at) : '\0';
    }

    private void skipWhitespace() {
      while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
    }

    private SQLDataException error(String problem) {
      return new SQLDataException("invalid JSON text (" + problem + " at offset " + at + ")", "22032");
    }
  }
}
