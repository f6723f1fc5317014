package io.doltsync.sql;

/**
 * The one spelling of string literals doltsync hands to JSqlParser, and its reading back: every string
 * token, whatever its dialect form ({@code E'..'}, {@code $$..$$}, {@code q'[..]'}, MySQL {@code ".."}),
 * becomes {@code '...'} with {@code ''} doubled and, where JSqlParser's dialect reads backslash escapes
 * (MySQL/MariaDB), backslashes doubled. JSqlParser returns that body unchanged, so {@link #decode} gives the
 * exact value.
 */
final class ParserStrings {

  private final boolean backslashEscapes;

  ParserStrings(SqlDialect dialect) {
    this.backslashEscapes = dialect.isMySqlFamily();
  }

  /** The literal for {@code value}. */
  String encode(String value) {
    String escaped = backslashEscapes ? value.replace("\\", "\\\\") : value;
    return "'" + escaped.replace("'", "''") + "'";
  }

  /** The value of a literal body produced by {@link #encode}, as JSqlParser's {@code StringValue.getValue()} returns it. */
  String decode(String body) {
    StringBuilder value = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      value.append(c);
      boolean doubled = (c == '\'' || (c == '\\' && backslashEscapes))
          && i + 1 < body.length() && body.charAt(i + 1) == c;
      if (doubled) {
        i++;
      }
    }
    return value.toString();
  }
}
