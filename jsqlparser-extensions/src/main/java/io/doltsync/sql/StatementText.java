package io.doltsync.sql;

import io.doltsync.sql.lex.Keyword;
import io.doltsync.sql.lex.TokenList;
import io.doltsync.sql.lex.TokenRange;
import io.doltsync.sql.lex.TokenType;
import java.util.List;
import java.util.Set;

/** One statement of a text: its tokens, lookups at its top parenthesis level, and cuts of its original text. */
final class StatementText {

  private final TokenList tokens;
  private final int from;
  private final int to;
  private final int topDepth;

  StatementText(TokenList tokens, TokenRange range) {
    this.tokens = tokens;
    this.from = range.from();
    this.to = range.to();
    this.topDepth = tokens.depth(from);
  }

  TokenList tokens() {
    return tokens;
  }

  /** Index of the first token. */
  int from() {
    return from;
  }

  /** Index just after the last token. */
  int to() {
    return to;
  }

  /** Offset of the statement's first character in the text. */
  int startOffset() {
    return tokens.start(from);
  }

  /** Offset just after the statement's last character in the text. */
  int endOffset() {
    return tokens.end(to - 1);
  }

  /** The number of {@code ?} parameters before this statement in the text. */
  int parametersBefore() {
    return tokens.parametersBefore(from);
  }

  /** The deepest parenthesis nesting inside the statement. */
  int maxDepth() {
    int max = 0;
    for (int i = from; i < to; i++) {
      max = Math.max(max, tokens.depth(i) - topDepth);
    }
    return max;
  }

  /** Whether token {@code i} is inside the statement and spells {@code keyword}. */
  boolean is(int i, Keyword keyword) {
    return i >= from && i < to && tokens.keyword(i) == keyword;
  }

  /** Whether token {@code i} is inside the statement and of {@code type}. */
  boolean is(int i, TokenType type) {
    return i >= from && i < to && tokens.type(i) == type;
  }

  /** The first token in {@code [start, to())} outside any parentheses that spells {@code keyword}, or -1. */
  int findTopLevel(Keyword keyword, int start) {
    return findTopLevel(Set.of(keyword), start, to);
  }

  /** The first token in {@code [start, end)} outside any parentheses that spells one of {@code keywords}, or -1. */
  int findTopLevel(Set<Keyword> keywords, int start, int end) {
    for (int i = start; i < end; i++) {
      Keyword keyword = tokens.keyword(i);
      if (keyword != null && keywords.contains(keyword) && tokens.depth(i) == topDepth) {
        return i;
      }
    }
    return -1;
  }

  /** The first token from {@code start} that is not one of {@code keywords}. */
  int skip(Set<Keyword> keywords, int start) {
    int i = start;
    while (i < to && tokens.keyword(i) != null && keywords.contains(tokens.keyword(i))) {
      i++;
    }
    return i;
  }

  /** The index of the {@code )} closing the {@code (} at {@code open}, or -1. */
  int closingParenthesis(int open) {
    for (int i = open + 1; i < to; i++) {
      if (tokens.type(i) == TokenType.RIGHT_PAREN && tokens.depth(i) == tokens.depth(open) + 1) {
        return i;
      }
    }
    return -1;
  }

  /** The original text of tokens {@code [start, end)}, or null when the range is empty. */
  String cut(int start, int end) {
    return start < end ? tokens.sourceText(start, end) : null;
  }

  /** Adds the 1-based text-wide indexes of the {@code ?} among tokens {@code [start, end)}. */
  void addParameterIndexes(int start, int end, List<Integer> indexes) {
    for (int i = start; i < end; i++) {
      if (tokens.type(i) == TokenType.PARAMETER) {
        indexes.add(tokens.parametersBefore(i) + 1);
      }
    }
  }
}
