package io.doltsync.sql;

import io.doltsync.sql.lex.Identifiers;
import io.doltsync.sql.lex.Keyword;
import io.doltsync.sql.lex.StringLiterals;
import io.doltsync.sql.lex.TokenList;
import io.doltsync.sql.lex.TokenType;

/**
 * Rewrites a statement into the text JSqlParser reads. Only the analysis sees it; it is never executed.
 *
 * <ul>
 *   <li>Comments go, each replaced by one space, so MySQL's {@code /*!NNNNN ... *}{@code /} leaves its body
 *       as code and no dialect's comment rules reach the parser.</li>
 *   <li>Adjacent {@code -} {@code -} tokens (MySQL {@code a--1}, not a comment there) are spaced apart.</li>
 *   <li>Dolt's bare {@code t AS OF x} becomes {@code t TIMESTAMP AS OF x}, which JSqlParser reads as time travel.</li>
 *   <li>The 2020 Dolt spelling {@code ==} becomes {@code =}.</li>
 *   <li>Every string literal is respelled by {@link ParserStrings}.</li>
 *   <li>On MySQL/MariaDB under {@code ANSI_QUOTES}, a {@code "name"} identifier becomes {@code `name`}: JSqlParser's
 *       MySQL and MariaDB grammars read every {@code ".."} as a string, as the server does without that mode.</li>
 * </ul>
 */
final class ParserInput {

  private final SqlDialect dialect;
  private final ParserStrings strings;

  ParserInput(SqlDialect dialect, ParserStrings strings) {
    this.dialect = dialect;
    this.strings = strings;
  }

  /** The parser text of the whole statement. */
  String of(StatementText statement) {
    StringBuilder out = new StringBuilder(statement.endOffset() - statement.startOffset() + 16);
    append(out, statement.tokens(), statement.from(), statement.to());
    return out.toString();
  }

  /**
   * H2's {@code MERGE INTO t [(cols)] KEY (k) VALUES ...|SELECT ...} as the INSERT JSqlParser can read:
   * MERGE becomes INSERT and the KEY clause goes. Null when the statement is not of that form.
   */
  String h2MergeAsInsert(StatementText statement) {
    int merge = statement.from();
    if (!statement.is(merge + 1, Keyword.INTO) || statement.findTopLevel(Keyword.USING, merge) >= 0) {
      return null;
    }
    StringBuilder out = new StringBuilder("INSERT ");
    int key = statement.findTopLevel(Keyword.KEY, merge);
    if (key < 0) {
      append(out, statement.tokens(), merge + 1, statement.to());
      return out.toString();
    }
    int keyEnd = statement.is(key + 1, TokenType.LEFT_PAREN) ? statement.closingParenthesis(key + 1) : -1;
    if (keyEnd < 0) {
      return null;
    }
    append(out, statement.tokens(), merge + 1, key);
    out.append(' ');
    append(out, statement.tokens(), keyEnd + 1, statement.to());
    return out.toString();
  }

  private void append(StringBuilder out, TokenList tokens, int from, int to) {
    for (int i = from; i < to; i++) {
      if (i > from && (tokens.start(i) > tokens.end(i - 1) || isDoubleMinus(tokens, i))) {
        out.append(' ');
      }
      int folded = foldSigns(out, tokens, i, from, to);
      if (folded > i) {
        i = folded - 1;
        continue;
      }
      if (i > from && isDoubleEquals(tokens, i)) {
        continue;
      }
      if (isBareAsOf(tokens, i, from, to)) {
        out.append("TIMESTAMP ");
      }
      if (tokens.type(i) == TokenType.STRING) {
        out.append(strings.encode(StringLiterals.value(tokens.tokenText(i), dialect)));
      } else if (tokens.type(i) == TokenType.QUOTED_IDENTIFIER && dialect.isMySqlFamily()
          && tokens.text().charAt(tokens.start(i)) == '"') {
        out.append('`').append(Identifiers.unquote(tokens.tokenText(i)).replace("`", "``")).append('`');
      } else {
        out.append(tokens.text(), tokens.start(i), tokens.end(i));
      }
    }
  }

  /**
   * A run of two or more signs before a number ({@code = --14}, MySQL's {@code - -14}; {@code a - -1}), which
   * JSqlParser cannot read, written as the one sign it amounts to ({@code = 14}, {@code a - - -1} as {@code a - 1}), so that
   * a key the statement names is learned. Only where the token before the run says whether its first sign is unary
   * (after an operator, {@code (}, {@code ,} or a word that takes an operand) or binary (after an operand); else the
   * run is left as it is. Returns the index of the number when the run was written, else {@code i}.
   */
  private static int foldSigns(StringBuilder out, TokenList tokens, int i, int from, int to) {
    if (!isSign(tokens, i) || (i > from && isSign(tokens, i - 1))) {
      return i;
    }
    int number = i;
    while (number < to && isSign(tokens, number)) {
      number++;
    }
    if (number - i < 2 || number >= to || tokens.type(number) != TokenType.NUMBER) {
      return i;
    }
    Boolean binary = i == from ? Boolean.FALSE : followsOperand(tokens, i - 1);
    if (binary == null) {
      return i;
    }
    boolean negative = false;
    for (int k = binary ? i + 1 : i; k < number; k++) {
      negative ^= isOperator(tokens, k, '-');
    }
    if (binary) {
      out.append(tokens.text().charAt(tokens.start(i))).append(' ');
    }
    if (negative) {
      out.append('-');
    }
    return number;
  }

  private static boolean isSign(TokenList tokens, int i) {
    return isOperator(tokens, i, '-') || isOperator(tokens, i, '+');
  }

  /** True when token {@code i} ends an operand, false when it takes one after it, null when not certain. */
  private static Boolean followsOperand(TokenList tokens, int i) {
    return switch (tokens.type(i)) {
      case NUMBER, STRING, PARAMETER, QUOTED_IDENTIFIER, USER_VARIABLE, SYSTEM_VARIABLE, RIGHT_PAREN -> Boolean.TRUE;
      case OPERATOR, LEFT_PAREN, COMMA -> Boolean.FALSE;
      case WORD -> OPERAND_TAKING_WORDS.contains(tokens.tokenText(i).toUpperCase(java.util.Locale.ROOT))
          ? Boolean.FALSE : tokens.keyword(i) == null ? Boolean.TRUE : null;
      default -> null;
    };
  }

  private static final java.util.Set<String> OPERAND_TAKING_WORDS = java.util.Set.of("WHERE", "AND", "OR", "XOR",
      "NOT", "SET", "SELECT", "ON", "WHEN", "THEN", "ELSE", "BETWEEN", "HAVING", "DIV", "MOD", "LIKE", "IS");

  private static boolean isDoubleMinus(TokenList tokens, int i) {
    return isOperator(tokens, i, '-') && isOperator(tokens, i - 1, '-');
  }

  private static boolean isDoubleEquals(TokenList tokens, int i) {
    return isOperator(tokens, i, '=') && isOperator(tokens, i - 1, '=') && tokens.start(i) == tokens.end(i - 1);
  }

  private static boolean isOperator(TokenList tokens, int i, char operator) {
    return tokens.type(i) == TokenType.OPERATOR && tokens.text().charAt(tokens.start(i)) == operator;
  }

  /**
   * {@code AS OF} not already part of a time-travel clause JSqlParser reads ({@code FOR SYSTEM_TIME AS OF},
   * {@code TIMESTAMP AS OF}, {@code VERSION AS OF}) and not Oracle's flashback {@code AS OF TIMESTAMP|SCN|PERIOD}.
   */
  private boolean isBareAsOf(TokenList tokens, int i, int from, int to) {
    if (tokens.keyword(i) != Keyword.AS || i + 1 >= to || tokens.keyword(i + 1) != Keyword.OF) {
      return false;
    }
    Keyword before = i > from ? tokens.keyword(i - 1) : null;
    if (before == Keyword.SYSTEM_TIME || before == Keyword.TIMESTAMP || before == Keyword.VERSION
        || before == Keyword.SYSTEM_VERSION || before == Keyword.SYSTEM_TIMESTAMP) {
      return false;
    }
    if (i + 2 >= to || !startsRevision(tokens, i + 2)) {
      return false; // `AS of` made of an alias, as in SELECT v AS of FROM t
    }
    Keyword after = tokens.keyword(i + 2);
    return dialect.grammar() != SqlDialect.ORACLE
        || (after != Keyword.TIMESTAMP && after != Keyword.SCN && after != Keyword.PERIOD);
  }

  /** Whether token {@code i} can start Dolt's revision expression: a literal, a marker, a variable, a call. */
  private static boolean startsRevision(TokenList tokens, int i) {
    return switch (tokens.type(i)) {
      case STRING, NUMBER, PARAMETER, USER_VARIABLE, SYSTEM_VARIABLE, LEFT_PAREN -> true;
      case WORD -> tokens.keyword(i) == null || tokens.keyword(i) == Keyword.HASHOF
          || tokens.keyword(i) == Keyword.TIMESTAMP || tokens.keyword(i) == Keyword.SCN
          || tokens.keyword(i) == Keyword.PERIOD;
      default -> false;
    };
  }
}
