package io.doltsync.spi;

import java.util.Locale;
import java.util.Objects;

/**
 * How a primary database's SQL text is tokenised: which characters quote identifiers and strings, which
 * comment forms exist, and how unquoted identifiers are folded. doltsync's statement classifier reads a
 * primary's SQL by these rules, so that a quoted or commented {@code dolt_} name never routes a statement to
 * Dolt and a {@code ;} inside a string never splits one. A {@link SourceDialect} returns its rules from
 * {@link SourceDialect#lexicalRules()}.
 *
 * <p>Start from {@link #standard()} (ISO SQL: {@code '..'} strings with doubled quotes, {@code ".."}
 * identifiers, {@code --} and {@code /* *}{@code /} comments, unquoted names folded to upper case) or from one
 * of the presets, and change what differs:
 *
 * <pre>{@code
 * LexicalRules tsql = LexicalRules.standard().toBuilder()
 *     .bracketIdentifiers(true).identifierQuote('[')
 *     .nationalStringPrefix(true).nestedBlockComments(true)
 *     .unquotedIdentifierCase(LexicalRules.IdentifierCase.AS_WRITTEN)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; equal when every rule is equal.
 */
public final class LexicalRules {

  /** What the database does with an identifier written without quotes. */
  public enum IdentifierCase {
    /** Folded to upper case (ISO SQL, Oracle, H2). */
    UPPER,
    /** Folded to lower case (PostgreSQL). */
    LOWER,
    /** Kept as written and compared as the database's collation says (MySQL, SQL Server). */
    AS_WRITTEN
  }

  /** Which dollar-quoted strings the database reads. */
  public enum DollarQuotes {
    /** None: {@code $} is an ordinary character. */
    NONE,
    /** {@code $$..$$} only (H2). */
    UNTAGGED,
    /** {@code $tag$..$tag$} and {@code $$..$$} (PostgreSQL); {@code $1} stays a parameter. */
    TAGGED
  }

  private static final LexicalRules STANDARD = new Builder().build();
  private static final LexicalRules MYSQL = new Builder()
      .doubleQuotedStrings(true).backslashEscapes(true).identifierQuote('`')
      .hashComments(true).dashCommentNeedsSpace(true).executableComments(true).quotedUserVariables(true)
      .lineCommentsEndAtCarriageReturn(false).unquotedIdentifierCase(IdentifierCase.AS_WRITTEN).build();
  private static final LexicalRules POSTGRESQL = new Builder()
      .escapeStringPrefix(true).dollarQuotes(DollarQuotes.TAGGED).nestedBlockComments(true).escapedQuestionMarks(true)
      .unquotedIdentifierCase(IdentifierCase.LOWER).build();
  private static final LexicalRules H2 = new Builder()
      .dollarQuotes(DollarQuotes.UNTAGGED).doubleSlashComments(true).nestedBlockComments(true).unicodeSpaces(true)
      .build();
  private static final LexicalRules ORACLE = new Builder()
      .alternativeQuoting(true).semicolonsSeparateStatements(false).build();

  private final char identifierQuote;
  private final boolean doubleQuotedStrings;
  private final boolean backtickIdentifiers;
  private final boolean bracketIdentifiers;
  private final boolean backslashEscapes;
  private final boolean escapeStringPrefix;
  private final boolean nationalStringPrefix;
  private final boolean alternativeQuoting;
  private final DollarQuotes dollarQuotes;
  private final boolean hashComments;
  private final boolean doubleSlashComments;
  private final boolean nestedBlockComments;
  private final boolean dashCommentNeedsSpace;
  private final boolean executableComments;
  private final boolean quotedUserVariables;
  private final boolean escapedQuestionMarks;
  private final boolean semicolonsSeparateStatements;
  private final IdentifierCase unquotedIdentifierCase;
  private final int executableCommentServerVersion;
  private final boolean mariaDbExecutableComments;
  private final boolean lineCommentsEndAtCarriageReturn;
  private final boolean unicodeSpaces;

  private LexicalRules(Builder b) {
    this.identifierQuote = b.identifierQuote;
    this.doubleQuotedStrings = b.doubleQuotedStrings;
    this.backtickIdentifiers = b.backtickIdentifiers;
    this.bracketIdentifiers = b.bracketIdentifiers;
    this.backslashEscapes = b.backslashEscapes;
    this.escapeStringPrefix = b.escapeStringPrefix;
    this.nationalStringPrefix = b.nationalStringPrefix;
    this.alternativeQuoting = b.alternativeQuoting;
    this.dollarQuotes = b.dollarQuotes;
    this.hashComments = b.hashComments;
    this.doubleSlashComments = b.doubleSlashComments;
    this.nestedBlockComments = b.nestedBlockComments;
    this.dashCommentNeedsSpace = b.dashCommentNeedsSpace;
    this.executableComments = b.executableComments;
    this.quotedUserVariables = b.quotedUserVariables;
    this.escapedQuestionMarks = b.escapedQuestionMarks;
    this.semicolonsSeparateStatements = b.semicolonsSeparateStatements;
    this.unquotedIdentifierCase = b.unquotedIdentifierCase;
    this.executableCommentServerVersion = b.executableCommentServerVersion;
    this.mariaDbExecutableComments = b.mariaDbExecutableComments;
    this.lineCommentsEndAtCarriageReturn = b.lineCommentsEndAtCarriageReturn;
    this.unicodeSpaces = b.unicodeSpaces;
  }

  /** ISO SQL's rules; the base of a new dialect's rules. */
  public static LexicalRules standard() {
    return STANDARD;
  }

  /** MySQL and MariaDB: {@code ".."} strings, backslash escapes, backticks, {@code #} and {@code -- } comments, {@code /*! *}{@code /} code. */
  public static LexicalRules mysql() {
    return MYSQL;
  }

  /** PostgreSQL: {@code E'..'}, {@code $tag$..$tag$}, nested block comments, {@code ??} as pgjdbc's escaped {@code ?}, names folded to lower case. */
  public static LexicalRules postgresql() {
    return POSTGRESQL;
  }

  /** H2: {@code $$..$$} strings, {@code //} comments, nested block comments, Unicode spaces between tokens. */
  public static LexicalRules h2() {
    return H2;
  }

  /** Oracle: {@code q'[..]'} strings, and {@code ;} belongs to PL/SQL (the driver runs one statement per call). */
  public static LexicalRules oracle() {
    return ORACLE;
  }

  /** A builder holding these rules, to derive other rules from. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The quote {@link #quoteIdentifier} uses: {@code "}, {@code `} or {@code [} (closed by {@code ]}). */
  public char identifierQuote() {
    return identifierQuote;
  }

  /** True when {@code ".."} is a string (MySQL); false when it quotes an identifier. */
  public boolean doubleQuotedStrings() {
    return doubleQuotedStrings;
  }

  /** True when {@code `..`} quotes an identifier. */
  public boolean backtickIdentifiers() {
    return backtickIdentifiers;
  }

  /** True when {@code [..]} quotes an identifier, {@code ]]} standing for {@code ]} (SQL Server). */
  public boolean bracketIdentifiers() {
    return bracketIdentifiers;
  }

  /** True when a backslash escapes the next character inside {@code '..'} and {@code ".."} strings (MySQL). */
  public boolean backslashEscapes() {
    return backslashEscapes;
  }

  /** True when {@code E'..'} is a string with backslash escapes (PostgreSQL). */
  public boolean escapeStringPrefix() {
    return escapeStringPrefix;
  }

  /** True when {@code N'..'} is one string token (SQL Server's Unicode strings). */
  public boolean nationalStringPrefix() {
    return nationalStringPrefix;
  }

  /** True when {@code q'X..X'} and {@code Nq'X..X'} are strings (Oracle). */
  public boolean alternativeQuoting() {
    return alternativeQuoting;
  }

  /** The dollar-quoted strings the database reads. */
  public DollarQuotes dollarQuotes() {
    return dollarQuotes;
  }

  /** True when {@code #} starts a comment to the end of the line (MySQL). */
  public boolean hashComments() {
    return hashComments;
  }

  /** True when {@code //} starts a comment to the end of the line (H2). */
  public boolean doubleSlashComments() {
    return doubleSlashComments;
  }

  /** True when block comments nest (PostgreSQL, SQL Server). */
  public boolean nestedBlockComments() {
    return nestedBlockComments;
  }

  /** True when {@code --} starts a comment only before whitespace, a control character or the end (MySQL). */
  public boolean dashCommentNeedsSpace() {
    return dashCommentNeedsSpace;
  }

  /** True when the body of {@code /*! .. *}{@code /} is code, not a comment (MySQL). */
  public boolean executableComments() {
    return executableComments;
  }

  /** True when a user variable's name may be quoted: {@code @'a b'} (MySQL). */
  public boolean quotedUserVariables() {
    return quotedUserVariables;
  }

  /** True when {@code ??} is one operator, the JDBC driver's escape for a literal {@code ?} (pgjdbc). */
  public boolean escapedQuestionMarks() {
    return escapedQuestionMarks;
  }

  /** True when a top-level {@code ;} ends a statement; false when it only occurs inside procedural blocks (Oracle). */
  public boolean semicolonsSeparateStatements() {
    return semicolonsSeparateStatements;
  }

  /** What the database does with an unquoted identifier. */
  public IdentifierCase unquotedIdentifierCase() {
    return unquotedIdentifierCase;
  }

  /**
   * The server version that decides which versioned executable comments are code, as MySQL numbers it
   * ({@code 101119} for 10.11.19): {@code /*!NNNNN ..*}{@code /} (five or six digits) is code only when NNNNN is at
   * most this version, else a comment. 0 when unknown: every executable comment's body is read as code.
   */
  public int executableCommentServerVersion() {
    return executableCommentServerVersion;
  }

  /**
   * True when the server is MariaDB (the default of {@link #mysql()}): {@code /*M!..*}{@code /} is an executable
   * comment too, and {@code /*!NNNNN} with NNNNN from 50700 to 99999 (MySQL 5.7 and later) is always a comment.
   * False for a MySQL server, where {@code /*M!} starts an ordinary comment.
   */
  public boolean mariaDbExecutableComments() {
    return mariaDbExecutableComments;
  }

  /**
   * True when a carriage return ends a {@code --}, {@code #} or {@code //} comment as a line feed does (ISO SQL,
   * PostgreSQL, H2); false when only a line feed ends one (MySQL and MariaDB).
   */
  public boolean lineCommentsEndAtCarriageReturn() {
    return lineCommentsEndAtCarriageReturn;
  }

  /**
   * True when a non-ASCII space ({@code U+00A0}, {@code U+2028}, {@code U+3000}, any Java space or whitespace
   * character) separates tokens as a space does (H2); false when it is part of a name (ISO SQL, MySQL, PostgreSQL).
   */
  public boolean unicodeSpaces() {
    return unicodeSpaces;
  }

  /** Quotes {@code identifier} with {@link #identifierQuote()}, doubling the closing quote inside it. */
  public String quoteIdentifier(String identifier) {
    char close = identifierQuote == '[' ? ']' : identifierQuote;
    String body = identifier.replace(String.valueOf(close), String.valueOf(close) + close);
    return identifierQuote + body + close;
  }

  /** The name the database stores for {@code identifier} written without quotes. */
  public String foldUnquoted(String identifier) {
    return switch (unquotedIdentifierCase) {
      case UPPER -> identifier.toUpperCase(Locale.ROOT);
      case LOWER -> identifier.toLowerCase(Locale.ROOT);
      case AS_WRITTEN -> identifier;
    };
  }

  private Object[] values() {
    return new Object[] {identifierQuote, doubleQuotedStrings, backtickIdentifiers, bracketIdentifiers, backslashEscapes,
        escapeStringPrefix, nationalStringPrefix, alternativeQuoting, dollarQuotes, hashComments, doubleSlashComments,
        nestedBlockComments, dashCommentNeedsSpace, executableComments, quotedUserVariables, escapedQuestionMarks,
        semicolonsSeparateStatements, unquotedIdentifierCase, executableCommentServerVersion, mariaDbExecutableComments,
        lineCommentsEndAtCarriageReturn, unicodeSpaces};
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LexicalRules rules && java.util.Arrays.equals(values(), rules.values());
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(values());
  }

  @Override
  public String toString() {
    return "LexicalRules" + java.util.Arrays.toString(values());
  }

  /** Collects rules; starts from {@link #standard()} unless made by {@link #toBuilder()}. */
  public static final class Builder {
    private char identifierQuote = '"';
    private boolean doubleQuotedStrings;
    private boolean backtickIdentifiers = true;
    private boolean bracketIdentifiers;
    private boolean backslashEscapes;
    private boolean escapeStringPrefix;
    private boolean nationalStringPrefix;
    private boolean alternativeQuoting;
    private DollarQuotes dollarQuotes = DollarQuotes.NONE;
    private boolean hashComments;
    private boolean doubleSlashComments;
    private boolean nestedBlockComments;
    private boolean dashCommentNeedsSpace;
    private boolean executableComments;
    private boolean quotedUserVariables;
    private boolean escapedQuestionMarks;
    private boolean semicolonsSeparateStatements = true;
    private IdentifierCase unquotedIdentifierCase = IdentifierCase.UPPER;
    private int executableCommentServerVersion;
    private boolean mariaDbExecutableComments = true;
    private boolean lineCommentsEndAtCarriageReturn = true;
    private boolean unicodeSpaces;

    /** A builder holding {@link #standard()}. */
    public Builder() {
    }

    private Builder(LexicalRules r) {
      identifierQuote = r.identifierQuote;
      doubleQuotedStrings = r.doubleQuotedStrings;
      backtickIdentifiers = r.backtickIdentifiers;
      bracketIdentifiers = r.bracketIdentifiers;
      backslashEscapes = r.backslashEscapes;
      escapeStringPrefix = r.escapeStringPrefix;
      nationalStringPrefix = r.nationalStringPrefix;
      alternativeQuoting = r.alternativeQuoting;
      dollarQuotes = r.dollarQuotes;
      hashComments = r.hashComments;
      doubleSlashComments = r.doubleSlashComments;
      nestedBlockComments = r.nestedBlockComments;
      dashCommentNeedsSpace = r.dashCommentNeedsSpace;
      executableComments = r.executableComments;
      quotedUserVariables = r.quotedUserVariables;
      escapedQuestionMarks = r.escapedQuestionMarks;
      semicolonsSeparateStatements = r.semicolonsSeparateStatements;
      unquotedIdentifierCase = r.unquotedIdentifierCase;
      executableCommentServerVersion = r.executableCommentServerVersion;
      mariaDbExecutableComments = r.mariaDbExecutableComments;
      lineCommentsEndAtCarriageReturn = r.lineCommentsEndAtCarriageReturn;
      unicodeSpaces = r.unicodeSpaces;
    }

    /** @see LexicalRules#identifierQuote() */
    public Builder identifierQuote(char quote) {
      this.identifierQuote = quote;
      return this;
    }

    /** @see LexicalRules#doubleQuotedStrings() */
    public Builder doubleQuotedStrings(boolean value) {
      this.doubleQuotedStrings = value;
      return this;
    }

    /** @see LexicalRules#backtickIdentifiers() */
    public Builder backtickIdentifiers(boolean value) {
      this.backtickIdentifiers = value;
      return this;
    }

    /** @see LexicalRules#bracketIdentifiers() */
    public Builder bracketIdentifiers(boolean value) {
      this.bracketIdentifiers = value;
      return this;
    }

    /** @see LexicalRules#backslashEscapes() */
    public Builder backslashEscapes(boolean value) {
      this.backslashEscapes = value;
      return this;
    }

    /** @see LexicalRules#escapeStringPrefix() */
    public Builder escapeStringPrefix(boolean value) {
      this.escapeStringPrefix = value;
      return this;
    }

    /** @see LexicalRules#nationalStringPrefix() */
    public Builder nationalStringPrefix(boolean value) {
      this.nationalStringPrefix = value;
      return this;
    }

    /** @see LexicalRules#alternativeQuoting() */
    public Builder alternativeQuoting(boolean value) {
      this.alternativeQuoting = value;
      return this;
    }

    /** @see LexicalRules#dollarQuotes() */
    public Builder dollarQuotes(DollarQuotes value) {
      this.dollarQuotes = Objects.requireNonNull(value, "dollarQuotes");
      return this;
    }

    /** @see LexicalRules#hashComments() */
    public Builder hashComments(boolean value) {
      this.hashComments = value;
      return this;
    }

    /** @see LexicalRules#doubleSlashComments() */
    public Builder doubleSlashComments(boolean value) {
      this.doubleSlashComments = value;
      return this;
    }

    /** @see LexicalRules#nestedBlockComments() */
    public Builder nestedBlockComments(boolean value) {
      this.nestedBlockComments = value;
      return this;
    }

    /** @see LexicalRules#dashCommentNeedsSpace() */
    public Builder dashCommentNeedsSpace(boolean value) {
      this.dashCommentNeedsSpace = value;
      return this;
    }

    /** @see LexicalRules#executableComments() */
    public Builder executableComments(boolean value) {
      this.executableComments = value;
      return this;
    }

    /** @see LexicalRules#quotedUserVariables() */
    public Builder quotedUserVariables(boolean value) {
      this.quotedUserVariables = value;
      return this;
    }

    /** @see LexicalRules#escapedQuestionMarks() */
    public Builder escapedQuestionMarks(boolean value) {
      this.escapedQuestionMarks = value;
      return this;
    }

    /** @see LexicalRules#semicolonsSeparateStatements() */
    public Builder semicolonsSeparateStatements(boolean value) {
      this.semicolonsSeparateStatements = value;
      return this;
    }

    /** @see LexicalRules#unquotedIdentifierCase() */
    public Builder unquotedIdentifierCase(IdentifierCase value) {
      this.unquotedIdentifierCase = Objects.requireNonNull(value, "unquotedIdentifierCase");
      return this;
    }

    /** @see LexicalRules#executableCommentServerVersion() */
    public Builder executableCommentServerVersion(int value) {
      this.executableCommentServerVersion = Math.max(0, value);
      return this;
    }

    /** @see LexicalRules#mariaDbExecutableComments() */
    public Builder mariaDbExecutableComments(boolean value) {
      this.mariaDbExecutableComments = value;
      return this;
    }

    /** @see LexicalRules#lineCommentsEndAtCarriageReturn() */
    public Builder lineCommentsEndAtCarriageReturn(boolean value) {
      this.lineCommentsEndAtCarriageReturn = value;
      return this;
    }

    /** @see LexicalRules#unicodeSpaces() */
    public Builder unicodeSpaces(boolean value) {
      this.unicodeSpaces = value;
      return this;
    }

    /**
     * The rules.
     *
     * @throws IllegalArgumentException when the identifier quote is not one these rules read as an identifier quote
     */
    public LexicalRules build() {
      boolean readable = switch (identifierQuote) {
        case '"' -> !doubleQuotedStrings;
        case '`' -> backtickIdentifiers;
        case '[' -> bracketIdentifiers;
        default -> false;
      };
      if (!readable) {
        throw new IllegalArgumentException("identifier quote " + identifierQuote + " is not an identifier quote under these rules");
      }
      return new LexicalRules(this);
    }
  }
}
