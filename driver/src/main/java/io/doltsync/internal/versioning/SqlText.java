package io.doltsync.internal.versioning;

import io.doltsync.sql.SqlDialect;
import io.doltsync.sql.lex.Identifiers;
import io.doltsync.sql.lex.Keyword;
import io.doltsync.sql.lex.SqlLexer;
import io.doltsync.sql.lex.StatementSplitter;
import io.doltsync.sql.lex.TokenType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One SQL text as Dolt reads it (MySQL lexical rules), cut into tokens, together with the values of its
 * {@code ?} parameters. Immutable. Fragments and rewrites keep every value with its {@code ?}.
 */
final class SqlText {

  /** One token; {@code parameter} is the index of its value for a {@code ?}, else -1. */
  record Token(TokenType type, int start, int end, String text, int parameter) {

    boolean isWord(String word) {
      return type == TokenType.WORD && text.equalsIgnoreCase(word);
    }

    boolean isOperator(String operator) {
      return type == TokenType.OPERATOR && text.equals(operator);
    }

    /** True for an identifier, quoted or not (keywords included: the grammar at hand decides). */
    boolean isName() {
      return type == TokenType.WORD || type == TokenType.QUOTED_IDENTIFIER;
    }

    /** The identifier without its quotes. */
    String name() {
      return Identifiers.unquote(text);
    }

    /** True at the end of the text or of its first statement. */
    boolean endsStatement() {
      return type == TokenType.END || type == TokenType.SEMICOLON;
    }
  }

  /** A token range {@code [from, to)} to be replaced by one {@code ?} bound to {@code value}. */
  record Replacement(int from, int to, Object value) {}

  private final String sql;
  private final List<Token> tokens;
  private final List<Object> parameters;
  private final Token end;

  private SqlText(String sql, List<Token> tokens, List<Object> parameters) {
    this.sql = sql;
    this.tokens = tokens;
    this.parameters = parameters;
    this.end = new Token(TokenType.END, sql.length(), sql.length(), "", -1);
  }

  /**
   * Cuts a text into tokens.
   *
   * @param parameters the values of its {@code ?} markers in order; empty for a text run without values
   * @throws SQLException (SQLState 07001) when the text has more markers than values but at least one value
   */
  static SqlText of(String sql, List<Object> parameters) throws SQLException {
    List<Token> tokens = new ArrayList<>();
    SqlLexer lexer = new SqlLexer(sql, SqlDialect.MYSQL);
    int markers = 0;
    for (TokenType type = lexer.next(); type != TokenType.END; type = lexer.next()) {
      int parameter = type == TokenType.PARAMETER ? markers++ : -1;
      tokens.add(new Token(type, lexer.start(), lexer.end(), lexer.tokenText(), parameter));
    }
    if (!parameters.isEmpty() && markers > parameters.size()) {
      throw new SQLException("the statement has " + markers + " parameter markers but " + parameters.size()
          + " values are bound", "07001");
    }
    return new SqlText(sql, List.copyOf(tokens), Collections.unmodifiableList(new ArrayList<>(parameters)));
  }

  /** Plain text without parameters. */
  static SqlText of(String sql) throws SQLException {
    return of(sql, List.of());
  }

  String sql() {
    return sql;
  }

  List<Object> parameters() {
    return parameters;
  }

  int size() {
    return tokens.size();
  }

  /** The token at {@code index}; an {@link TokenType#END} token past the last one. */
  Token token(int index) {
    return index >= 0 && index < tokens.size() ? tokens.get(index) : end;
  }

  /** The index of the {@code )} closing the {@code (} at {@code open}, or -1 when it is not closed. */
  int closingParen(int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      TokenType type = tokens.get(i).type();
      if (type == TokenType.LEFT_PAREN) {
        depth++;
      } else if (type == TokenType.RIGHT_PAREN && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Tokens {@code [from, to)} as a text of their own, original spelling and parameter values kept. */
  SqlText slice(int from, int to) {
    if (from >= to) {
      return new SqlText("", List.of(), List.of());
    }
    int offset = token(from).start();
    List<Token> sliced = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Token t = tokens.get(i);
      int parameter = -1;
      if (t.parameter() >= 0 && t.parameter() < parameters.size()) {
        parameter = values.size();
        values.add(parameters.get(t.parameter()));
      }
      sliced.add(new Token(t.type(), t.start() - offset, t.end() - offset, t.text(), parameter));
    }
    String text = sql.substring(offset, token(to - 1).end());
    return new SqlText(text, List.copyOf(sliced), Collections.unmodifiableList(values));
  }

  /**
   * The statements of the text, each with its values, without separating {@code ;} (a {@code ;} inside a
   * routine body does not separate); empty statements are left out.
   */
  List<SqlText> statements() {
    List<SqlText> statements = new ArrayList<>();
    StatementSplitter splitter = new StatementSplitter(SqlDialect.MYSQL);
    List<Integer> separators = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      Keyword keyword = t.type() == TokenType.WORD ? Keyword.valueOfWord(t.text()) : null;
      if (splitter.endsStatement(t.type(), keyword)) {
        separators.add(i);
      }
    }
    if (splitter.swallowedSeparators()) {
      separators.clear();
      for (int i = 0; i < tokens.size(); i++) {
        if (tokens.get(i).type() == TokenType.SEMICOLON) {
          separators.add(i);
        }
      }
    }
    int start = 0;
    separators.add(tokens.size());
    for (int separator : separators) {
      if (separator > start) {
        statements.add(slice(start, separator));
      }
      start = separator + 1;
    }
    return statements;
  }

  /** The comma-separated items between the parentheses at {@code open} and {@code close}. */
  List<SqlText> items(int open, int close) {
    List<SqlText> items = new ArrayList<>();
    if (close == open + 1) {
      return items;
    }
    int depth = 0;
    int itemStart = open + 1;
    for (int i = open + 1; i < close; i++) {
      TokenType type = tokens.get(i).type();
      if (type == TokenType.LEFT_PAREN) {
        depth++;
      } else if (type == TokenType.RIGHT_PAREN) {
        depth--;
      } else if (type == TokenType.COMMA && depth == 0) {
        items.add(slice(itemStart, i));
        itemStart = i + 1;
      }
    }
    items.add(slice(itemStart, close));
    return items;
  }

  /** This text with each replaced range turned into a {@code ?} bound to its value; ranges in text order. */
  SqlText replace(List<Replacement> replacements) throws SQLException {
    StringBuilder text = new StringBuilder();
    List<Object> values = new ArrayList<>();
    int copiedTo = 0;
    int token = 0;
    for (Replacement replacement : replacements) {
      token = keepParameters(token, replacement.from(), values);
      text.append(sql, copiedTo, token(replacement.from()).start()).append('?');
      values.add(replacement.value());
      copiedTo = token(replacement.to() - 1).end();
      token = replacement.to();
    }
    keepParameters(token, tokens.size(), values);
    text.append(sql, copiedTo, sql.length());
    return of(text.toString(), values);
  }

  private int keepParameters(int from, int to, List<Object> values) {
    for (int i = from; i < to; i++) {
      int parameter = tokens.get(i).parameter();
      if (parameter >= 0 && parameter < parameters.size()) {
        values.add(parameters.get(parameter));
      }
    }
    return to;
  }

  /** {@code name} as a backtick-quoted MySQL identifier. */
  static String quoteIdentifier(String name) {
    return '`' + name.replace("`", "``") + '`';
  }

  @Override
  public String toString() {
    return sql;
  }
}
