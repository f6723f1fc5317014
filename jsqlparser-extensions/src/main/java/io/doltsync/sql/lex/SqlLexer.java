package io.doltsync.sql.lex;

import io.doltsync.spi.LexicalRules;
import io.doltsync.sql.SqlDialect;

/**
 * A cursor over the tokens of a SQL text, following one dialect's rules for quotes, escapes and
 * comments. Tokens are not objects: after {@link #next()} the current token is described by
 * {@link #type()}, {@link #start()} and {@link #end()}, offsets into the original text.
 *
 * <p>The dialect's {@link LexicalRules} say which forms exist. For the built-in dialects: {@code '..'} strings
 * double {@code ''} and, in MySQL/MariaDB, take backslash escapes; {@code ".."} is a string in MySQL/MariaDB
 * and an identifier elsewhere; backticks quote identifiers; PostgreSQL adds {@code E'..'} and
 * {@code $tag$..$tag$}, H2 {@code $$..$$}, Oracle {@code q'[..]'}; a custom dialect may add {@code [..]}
 * identifiers and {@code N'..'} strings (SQL Server). Comments: {@code --} (in MySQL/MariaDB only when followed
 * by whitespace, a control character or the end), {@code #} (MySQL/MariaDB), {@code //} (H2) and
 * {@code /* *}{@code /} (nested in PostgreSQL). The body of a MySQL/MariaDB executable comment
 * {@code /*!NNNNN ... *}{@code /} is read as code when the server would run it
 * ({@link LexicalRules#executableCommentServerVersion()}), else as a comment, as the server reads it: a version
 * is five digits or six, MariaDB also runs {@code /*M!..*}{@code /} and never MySQL 5.7's {@code 50700-99999},
 * and a skipped versioned comment may hold one level of {@code /* *}{@code /} inside it. In MySQL and MariaDB only
 * a line feed ends a {@code --} or {@code #} comment. H2 nests block comments and reads a non-ASCII space as a space.
 *
 * <p>Never throws: quotes and comments left open run to the end of the text, and {@link #unterminated()} tells so
 * (the server refuses such a text). Not thread-safe.
 */
public final class SqlLexer {

  private static final int MIN_VERSION_DIGITS = 5;
  /** MariaDB never runs {@code /*!NNNNN} of MySQL 5.7 and later (five-digit versions from here). */
  private static final int MYSQL_57 = 50700;
  /** Letters, digits, {@code _} and {@code $}; every non-ASCII character is a word character too. */
  private static final boolean[] ASCII_WORD_CHARS = asciiWordChars();

  private final String text;
  private final int limit;
  private final LexicalRules rules;
  private final boolean backslashEscapes;
  private final boolean doubleQuotedStrings;
  private int pos;
  private boolean inExecutableComment;
  private boolean unterminated;
  private TokenType type = TokenType.END;
  private int start;
  private int end;
  private int wordHash;

  /** A lexer over the whole text. */
  public SqlLexer(String text, SqlDialect dialect) {
    this(text, 0, text.length(), dialect);
  }

  /** A lexer over {@code text[from, to)}; offsets stay those of the whole text. */
  public SqlLexer(String text, int from, int to, SqlDialect dialect) {
    this.text = text;
    this.pos = from;
    this.limit = to;
    this.rules = dialect.rules();
    this.backslashEscapes = rules.backslashEscapes();
    this.doubleQuotedStrings = rules.doubleQuotedStrings();
  }

  /** Moves to the next token and returns its type; {@link TokenType#END} from the end on. */
  public TokenType next() {
    skipWhitespaceAndComments();
    start = pos;
    type = pos < limit ? scanToken(text.charAt(pos)) : TokenType.END;
    end = pos;
    return type;
  }

  public TokenType type() {
    return type;
  }

  /** Offset of the current token's first character. */
  public int start() {
    return start;
  }

  /** Offset just after the current token's last character. */
  public int end() {
    return end;
  }

  /** The current token's text. */
  public String tokenText() {
    return text.substring(start, end);
  }

  /**
   * True once a quote or a block comment (also an executable one) was left open at the end of the text: the
   * server refuses the text as a syntax error, whatever doltsync makes of the rest.
   */
  public boolean unterminated() {
    return unterminated || inExecutableComment && pos >= limit && type == TokenType.END;
  }

  /** The keyword the current token spells, or null when it is not a {@link TokenType#WORD} keyword. */
  public Keyword keyword() {
    return type == TokenType.WORD ? Keyword.lookup(text, start, end, wordHash) : null;
  }

  private void skipWhitespaceAndComments() {
    while (pos < limit) {
      char c = text.charAt(pos);
      if (c <= ' ' || (c > ASCII_WORD_CHARS.length && unicodeSpace(c))) {
        pos++;
      } else if (!(c == '-' || c == '/' || c == '#' || c == '*') || !skipComment(c)) {
        return;
      }
    }
  }

  /** Skips the comment (or executable-comment marker) starting with {@code c} at {@link #pos}; false when there is none. */
  private boolean skipComment(char c) {
    char following = charAt(pos + 1);
    if (c == '-' && following == '-' && (!rules.dashCommentNeedsSpace() || charAt(pos + 2) <= ' ')) {
      pos = lineEnd(pos + 2);
    } else if ((c == '#' && rules.hashComments()) || (c == '/' && following == '/' && rules.doubleSlashComments())) {
      pos = lineEnd(pos + 1);
    } else if (c == '/' && following == '*') {
      pos = skipBlockComment();
    } else if (c == '*' && following == '/' && inExecutableComment) {
      inExecutableComment = false;
      pos += 2;
    } else {
      return false;
    }
    return true;
  }

  /** The character at {@code i}, or 0 past the end: 0 also counts as "control character" for {@code --}. */
  private char charAt(int i) {
    return i < limit ? text.charAt(i) : 0;
  }

  private int lineEnd(int from) {
    boolean carriageReturnEnds = rules.lineCommentsEndAtCarriageReturn();
    int i = from;
    while (i < limit && text.charAt(i) != '\n' && (text.charAt(i) != '\r' || !carriageReturnEnds)) {
      i++;
    }
    return i;
  }

  private int skipBlockComment() {
    int bodyStart = pos + 2;
    if (rules.executableComments()) {
      boolean mariaDbMarker = charAt(bodyStart) == 'M' && rules.mariaDbExecutableComments();
      int marker = mariaDbMarker ? bodyStart + 1 : bodyStart;
      if (charAt(marker) == '!') {
        int digits = 0;
        while (digits < MIN_VERSION_DIGITS && isDigit(charAt(marker + 1 + digits))) {
          digits++;
        }
        if (digits < MIN_VERSION_DIGITS) {
          inExecutableComment = true; // no version: the server runs the body, digits and all
          return marker + 1;
        }
        int versionEnd = marker + 1 + (isDigit(charAt(marker + 1 + MIN_VERSION_DIGITS)) ? 6 : 5);
        int version = Integer.parseInt(text, marker + 1, versionEnd, 10);
        if (runs(version, mariaDbMarker)) {
          inExecutableComment = true;
          return versionEnd;
        }
        return skipCommentBody(versionEnd, 1); // a later server's code: a comment that may hold one comment
      }
    }
    return skipCommentBody(bodyStart, rules.nestedBlockComments() ? Integer.MAX_VALUE : 0);
  }

  /** Whether the server runs the body of a versioned executable comment. */
  private boolean runs(int version, boolean mariaDbMarker) {
    int server = rules.executableCommentServerVersion();
    if (server == 0) {
      return true; // server unknown: read it as code
    }
    boolean mysql57 = rules.mariaDbExecutableComments() && !mariaDbMarker && version >= MYSQL_57 && version <= 99_999;
    return version <= server && !mysql57;
  }

  /** The end of a block comment's body from {@code from}, with up to {@code nesting} levels of comments inside. */
  private int skipCommentBody(int from, int nesting) {
    int depth = 1;
    int i = from;
    while (i < limit) {
      char c = text.charAt(i);
      char following = charAt(i + 1);
      if (c == '*' && following == '/') {
        i += 2;
        if (--depth == 0) {
          return i;
        }
      } else if (c == '/' && following == '*' && depth <= nesting) {
        depth++;
        i += 2;
      } else {
        i++;
      }
    }
    unterminated = true;
    return limit;
  }

  private TokenType scanToken(char c) {
    switch (c) {
      case '\'':
        pos = skipQuoted(pos + 1, '\'', backslashEscapes);
        return TokenType.STRING;
      case '"':
        pos = skipQuoted(pos + 1, '"', doubleQuotedStrings && backslashEscapes);
        return doubleQuotedStrings ? TokenType.STRING : TokenType.QUOTED_IDENTIFIER;
      case '`':
        if (!rules.backtickIdentifiers()) {
          return single(TokenType.OPERATOR);
        }
        pos = skipQuoted(pos + 1, '`', false);
        return TokenType.QUOTED_IDENTIFIER;
      case '[':
        if (!rules.bracketIdentifiers()) {
          return single(TokenType.OPERATOR);
        }
        pos = skipQuoted(pos + 1, ']', false);
        return TokenType.QUOTED_IDENTIFIER;
      case '(':
        return single(TokenType.LEFT_PAREN);
      case ')':
        return single(TokenType.RIGHT_PAREN);
      case ',':
        return single(TokenType.COMMA);
      case ';':
        return single(TokenType.SEMICOLON);
      case '?':
        if (rules.escapedQuestionMarks() && charAt(pos + 1) == '?') {
          pos += 2;
          return TokenType.OPERATOR;
        }
        return single(TokenType.PARAMETER);
      case '@':
        return scanVariable();
      case '.':
        return isDigit(charAt(pos + 1)) ? scanNumber() : single(TokenType.DOT);
      default:
        if (isDigit(c)) {
          return scanNumber();
        }
        if (isWordChar(c)) {
          return scanWordOrPrefixedString(c);
        }
        return single(TokenType.OPERATOR);
    }
  }

  private TokenType single(TokenType singleCharType) {
    pos++;
    return singleCharType;
  }

  /** Skips a quoted body starting at {@code from}; returns the offset after the closing quote. */
  private int skipQuoted(int from, char quote, boolean backslashEscapes) {
    int i = from;
    while (i < limit) {
      char c = text.charAt(i);
      if (c == '\\' && backslashEscapes) {
        i += 2;
      } else if (c == quote) {
        if (charAt(i + 1) != quote) {
          return i + 1;
        }
        i += 2;
      } else {
        i++;
      }
    }
    unterminated = true;
    return limit;
  }

  private TokenType scanVariable() {
    boolean system = charAt(pos + 1) == '@';
    int nameStart = pos + (system ? 2 : 1);
    char quote = charAt(nameStart);
    if (!system && rules.quotedUserVariables() && (quote == '\'' || quote == '"' || quote == '`')) {
      pos = skipQuoted(nameStart + 1, quote, quote != '`');
      return TokenType.USER_VARIABLE;
    }
    pos = variableNameEnd(nameStart, system);
    if (pos == nameStart) {
      return TokenType.OPERATOR; // a lone @ or @@, e.g. PostgreSQL's operators
    }
    return system ? TokenType.SYSTEM_VARIABLE : TokenType.USER_VARIABLE;
  }

  private int variableNameEnd(int from, boolean dottedParts) {
    int i = from;
    while (i < limit) {
      char c = text.charAt(i);
      if (isWordChar(c) || (c == '.' && dottedParts && i > from && isWordChar(charAt(i + 1)))) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private TokenType scanNumber() {
    int i = pos;
    if (text.charAt(i) == '0' && (charAt(i + 1) == 'x' || charAt(i + 1) == 'X') && isHexDigit(charAt(i + 2))) {
      i += 2;
      while (isHexDigit(charAt(i))) {
        i++;
      }
    } else {
      i = skipDigits(i);
      if (charAt(i) == '.') {
        i = skipDigits(i + 1);
      }
      if (charAt(i) == 'e' || charAt(i) == 'E') {
        int exponent = charAt(i + 1) == '+' || charAt(i + 1) == '-' ? i + 2 : i + 1;
        if (isDigit(charAt(exponent))) {
          i = skipDigits(exponent);
        }
      }
    }
    if (i < limit && isWordChar(text.charAt(i)) && isDigit(text.charAt(pos))) {
      return scanWord(); // MySQL names may start with digits: 1abc
    }
    pos = i;
    return TokenType.NUMBER;
  }

  private int skipDigits(int from) {
    int i = from;
    while (isDigit(charAt(i))) {
      i++;
    }
    return i;
  }

  private TokenType scanWordOrPrefixedString(char c) {
    char following = charAt(pos + 1);
    if (rules.escapeStringPrefix() && (c == 'E' || c == 'e') && following == '\'') {
      pos = skipQuoted(pos + 2, '\'', true);
      return TokenType.STRING;
    }
    if (rules.nationalStringPrefix() && (c == 'N' || c == 'n') && following == '\'') {
      pos = skipQuoted(pos + 2, '\'', backslashEscapes);
      return TokenType.STRING;
    }
    if (rules.alternativeQuoting()) {
      int quote = (c == 'N' || c == 'n') && (following == 'q' || following == 'Q') ? pos + 2
          : (c == 'q' || c == 'Q') ? pos + 1 : -1;
      if (quote > 0 && charAt(quote) == '\'' && quote + 1 < limit) {
        pos = skipOracleQuoted(quote + 1);
        return TokenType.STRING;
      }
    }
    LexicalRules.DollarQuotes dollarQuotes = rules.dollarQuotes();
    if (dollarQuotes == LexicalRules.DollarQuotes.UNTAGGED && c == '$' && following == '$') {
      pos = h2DollarQuotedEnd();
      return TokenType.STRING;
    }
    if (dollarQuotes == LexicalRules.DollarQuotes.TAGGED && c == '$') {
      int dollarQuoteEnd = dollarQuotedEnd();
      if (dollarQuoteEnd > 0) {
        pos = dollarQuoteEnd;
        return TokenType.STRING;
      }
    }
    return scanWord();
  }

  private TokenType scanWord() {
    int hash = 0;
    int i = pos;
    while (i < limit) {
      char c = text.charAt(i);
      if (!isWordChar(c) || (c > ASCII_WORD_CHARS.length && unicodeSpace(c))) {
        break;
      }
      hash = Keyword.foldHash(hash, c);
      i++;
    }
    pos = i;
    wordHash = hash;
    return TokenType.WORD;
  }

  /** Oracle {@code q'X...X'}: {@code delimiter} is the offset of X; brackets close with their partner. */
  private int skipOracleQuoted(int delimiter) {
    char open = text.charAt(delimiter);
    char close = switch (open) {
      case '[' -> ']';
      case '{' -> '}';
      case '(' -> ')';
      case '<' -> '>';
      default -> open;
    };
    for (int i = delimiter + 1; i < limit; i++) {
      if (text.charAt(i) == close && charAt(i + 1) == '\'') {
        return i + 2;
      }
    }
    unterminated = true;
    return limit;
  }

  /** The end of a PostgreSQL {@code $tag$ ... $tag$} string starting at {@link #pos}, or -1 when there is none. */
  private int dollarQuotedEnd() {
    int tagEnd = pos + 1;
    if (isDigit(charAt(tagEnd))) {
      return -1; // $1 is a positional parameter, not a tag
    }
    while (tagEnd < limit && text.charAt(tagEnd) != '$' && isWordChar(text.charAt(tagEnd))) {
      tagEnd++;
    }
    if (charAt(tagEnd) != '$') {
      return -1;
    }
    int tagLength = tagEnd + 1 - pos;
    for (int i = tagEnd + 1; i + tagLength <= limit; i++) {
      if (text.charAt(i) == '$' && text.regionMatches(i, text, pos, tagLength)) {
        return i + tagLength;
      }
    }
    unterminated = true;
    return limit;
  }

  /** The end of an H2 {@code $$ ... $$} string starting at {@link #pos} (H2 knows no tags). */
  private int h2DollarQuotedEnd() {
    int close = text.indexOf("$$", pos + 2);
    if (close < 0 || close + 2 > limit) {
      unterminated = true;
      return limit;
    }
    return close + 2;
  }

  /** A non-ASCII space that separates tokens under these rules (H2 reads {@code UPDATE\u00a0t} as two words). */
  private boolean unicodeSpace(char c) {
    return rules.unicodeSpaces() && (Character.isSpaceChar(c) || Character.isWhitespace(c));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isWordChar(char c) {
    return c >= ASCII_WORD_CHARS.length || ASCII_WORD_CHARS[c];
  }

  private static boolean[] asciiWordChars() {
    boolean[] word = new boolean[128];
    for (char c = 0; c < word.length; c++) {
      word[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_' || c == '$';
    }
    return word;
  }
}
