package io.doltsync.sql.lex;

/** The kinds of token {@link SqlLexer} produces. Comments and whitespace are not tokens. */
public enum TokenType {
  /** An unquoted identifier or keyword, also a number-led name such as {@code 1abc}. */
  WORD,
  /** A quoted identifier: {@code `x`} in every dialect, {@code "x"} outside MySQL/MariaDB. */
  QUOTED_IDENTIFIER,
  /** A string literal in any of the dialect's forms, including {@code E'..'}, {@code $$..$$} and {@code q'[..]'}. */
  STRING,
  NUMBER,
  /** A JDBC {@code ?} parameter marker. */
  PARAMETER,
  /** {@code @@name}, {@code @@session.name}. */
  SYSTEM_VARIABLE,
  /** {@code @name}, {@code @'name'}. */
  USER_VARIABLE,
  LEFT_PAREN,
  RIGHT_PAREN,
  COMMA,
  DOT,
  SEMICOLON,
  /** Any other character, one per token, plus PostgreSQL's {@code ??}. */
  OPERATOR,
  /** The end of the text. */
  END
}
