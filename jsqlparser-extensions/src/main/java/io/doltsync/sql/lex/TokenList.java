package io.doltsync.sql.lex;

import io.doltsync.sql.SqlDialect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * All tokens of a SQL text with random access: type, keyword, offsets, parenthesis depth and JDBC
 * parameter numbering, plus the split into statements. For analysis that looks back and forth; the
 * hot path uses {@link SqlLexer} directly. Immutable after construction.
 */
public final class TokenList {

  private final String text;
  private int size;
  private TokenType[] types = new TokenType[32];
  private Keyword[] keywords = new Keyword[32];
  private int[] starts = new int[32];
  private int[] ends = new int[32];
  private int[] depths = new int[32];
  private int[] parametersBefore = new int[33];
  private final List<TokenRange> statements;

  private TokenList(String text, SqlDialect dialect) {
    this.text = text;
    SqlLexer lexer = new SqlLexer(text, dialect);
    StatementSplitter splitter = new StatementSplitter(dialect);
    List<TokenRange> split = new ArrayList<>();
    int statementStart = 0;
    int depth = 0;
    for (TokenType type = lexer.next(); type != TokenType.END; type = lexer.next()) {
      Keyword keyword = lexer.keyword();
      add(type, keyword, lexer.start(), lexer.end(), depth);
      if (type == TokenType.LEFT_PAREN) {
        depth++;
      } else if (type == TokenType.RIGHT_PAREN) {
        depth = Math.max(0, depth - 1);
      }
      if (splitter.endsStatement(type, keyword)) {
        addIfNotEmpty(split, statementStart, size - 1);
        statementStart = size;
      }
    }
    addIfNotEmpty(split, statementStart, size);
    this.statements = splitter.swallowedSeparators() ? splitAtEverySemicolon() : List.copyOf(split);
  }

  /** Lexes a whole text. */
  public static TokenList of(String text, SqlDialect dialect) {
    return new TokenList(text, dialect);
  }

  private void add(TokenType type, Keyword keyword, int start, int end, int depth) {
    if (size == types.length) {
      int capacity = size * 2;
      types = Arrays.copyOf(types, capacity);
      keywords = Arrays.copyOf(keywords, capacity);
      starts = Arrays.copyOf(starts, capacity);
      ends = Arrays.copyOf(ends, capacity);
      depths = Arrays.copyOf(depths, capacity);
      parametersBefore = Arrays.copyOf(parametersBefore, capacity + 1);
    }
    types[size] = type;
    keywords[size] = keyword;
    starts[size] = start;
    ends[size] = end;
    depths[size] = depth;
    parametersBefore[size + 1] = parametersBefore[size] + (type == TokenType.PARAMETER ? 1 : 0);
    size++;
  }

  /** Adds tokens {@code [from, to)} without trailing {@code ;} (Oracle keeps them inside a statement), unless empty. */
  private void addIfNotEmpty(List<TokenRange> ranges, int from, int to) {
    int end = to;
    while (end > from && types[end - 1] == TokenType.SEMICOLON) {
      end--;
    }
    if (from < end) {
      ranges.add(new TokenRange(from, end));
    }
  }

  private List<TokenRange> splitAtEverySemicolon() {
    List<TokenRange> split = new ArrayList<>();
    int statementStart = 0;
    for (int i = 0; i < size; i++) {
      if (types[i] == TokenType.SEMICOLON) {
        addIfNotEmpty(split, statementStart, i);
        statementStart = i + 1;
      }
    }
    addIfNotEmpty(split, statementStart, size);
    return List.copyOf(split);
  }

  /** The text the tokens were read from. */
  public String text() {
    return text;
  }

  public int size() {
    return size;
  }

  public TokenType type(int i) {
    return types[i];
  }

  /** The keyword token {@code i} spells, or null. */
  public Keyword keyword(int i) {
    return keywords[i];
  }

  public int start(int i) {
    return starts[i];
  }

  public int end(int i) {
    return ends[i];
  }

  /** The number of parentheses open before token {@code i}. */
  public int depth(int i) {
    return depths[i];
  }

  public String tokenText(int i) {
    return text.substring(starts[i], ends[i]);
  }

  /** The original text from the start of token {@code from} to the end of token {@code to - 1}; needs {@code from < to}. */
  public String sourceText(int from, int to) {
    return text.substring(starts[from], ends[to - 1]);
  }

  /** The number of {@code ?} parameters among the tokens before token {@code i}; {@code i} may be {@link #size()}. */
  public int parametersBefore(int i) {
    return parametersBefore[i];
  }

  public int parameterCount() {
    return parametersBefore[size];
  }

  /** The statements, without separating or trailing {@code ;}; empty statements are left out. */
  public List<TokenRange> statements() {
    return statements;
  }

  /** Every word and quoted identifier, unquoted, in text order without duplicates. */
  public Set<String> identifiers() {
    Set<String> identifiers = new LinkedHashSet<>();
    for (int i = 0; i < size; i++) {
      if (types[i] == TokenType.WORD) {
        identifiers.add(tokenText(i));
      } else if (types[i] == TokenType.QUOTED_IDENTIFIER) {
        identifiers.add(Identifiers.unquote(tokenText(i)));
      }
    }
    return identifiers;
  }
}
