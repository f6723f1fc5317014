package io.doltsync.sql;

import io.doltsync.sql.lex.Keyword;
import io.doltsync.sql.lex.SqlLexer;
import io.doltsync.sql.lex.TokenType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds Dolt's versioning SQL ({@link DoltFeature}) among the tokens of a text. Feed it every token in
 * order, then call {@link #finish()}. Features are collected as bits of an int, so the common case of
 * no feature allocates nothing. Some decisions wait for the next token (is {@code dolt_x} followed by
 * {@code (}? is {@code `db/branch`} followed by {@code .}?).
 */
final class DoltFeatureDetector {

  private static final String DOLT_PREFIX = "dolt_";
  private static final String[] REVISION_VARIABLE_SUFFIXES = {"_head", "_head_ref", "_working", "_staged"};
  private static final List<Set<DoltFeature>> FEATURE_SETS = featureSets();

  private enum Pending { NONE, DOLT_NAME, ORACLE_AS_OF, REVISION_QUALIFIER }

  private final SqlDialect dialect;
  private final String sql;
  private int found;
  private Pending pending = Pending.NONE;
  private boolean pendingAfterCall;
  private boolean pendingTableName;
  private boolean pendingInFromList;
  private TokenType previousType = TokenType.END;
  private Keyword previous;
  private Keyword beforePrevious;
  private boolean previousStartedStatement;
  private Keyword statementVerb;
  private int fromListDepth = -1;

  DoltFeatureDetector(SqlDialect dialect, String sql) {
    this.dialect = dialect;
    this.sql = sql;
  }

  /** The immutable set of the features whose ordinal bits are set in {@code bits}. */
  static Set<DoltFeature> featureSet(int bits) {
    return FEATURE_SETS.get(bits);
  }

  /**
   * Feeds the lexer's current token.
   *
   * @param keyword        the keyword it spells, or null
   * @param depth          the number of parentheses open before it
   * @param statementStart whether it is the first token of a statement
   */
  void accept(SqlLexer lexer, Keyword keyword, int depth, boolean statementStart) {
    TokenType type = lexer.type();
    resolvePending(type, keyword);
    if (statementStart) {
      statementVerb = keyword;
      fromListDepth = -1;
    }
    switch (type) {
      case WORD -> word(lexer, keyword, depth);
      case QUOTED_IDENTIFIER -> quotedIdentifier(lexer, depth);
      case LEFT_PAREN -> functionCall();
      case SYSTEM_VARIABLE -> systemVariable(lexer);
      default -> { }
    }
    trackFromList(type, keyword, depth);
    beforePrevious = previous;
    previous = keyword;
    previousType = type;
    previousStartedStatement = statementStart;
  }

  /** Settles what the last token left open and returns the features found, one bit per ordinal. */
  int finish() {
    resolvePending(TokenType.END, null);
    return found;
  }

  private void add(DoltFeature feature) {
    found |= 1 << feature.ordinal();
  }

  private void resolvePending(TokenType type, Keyword keyword) {
    switch (pending) {
      case DOLT_NAME -> {
        if (pendingAfterCall) {
          add(DoltFeature.PROCEDURE);
        } else if (type == TokenType.LEFT_PAREN && !pendingTableName) {
          add(pendingInFromList ? DoltFeature.TABLE_FUNCTION : DoltFeature.FUNCTION);
        } else {
          add(DoltFeature.SYSTEM_TABLE);
        }
      }
      case ORACLE_AS_OF -> {
        if (keyword != Keyword.TIMESTAMP && keyword != Keyword.SCN && keyword != Keyword.PERIOD) {
          add(DoltFeature.AS_OF);
        }
      }
      case REVISION_QUALIFIER -> {
        if (type == TokenType.DOT) {
          add(DoltFeature.REVISION_DATABASE);
        }
      }
      case NONE -> { }
    }
    pending = Pending.NONE;
  }

  private void word(SqlLexer lexer, Keyword keyword, int depth) {
    if (keyword == Keyword.OF && previous == Keyword.AS) {
      asOf();
    } else if (startsWithDoltPrefix(lexer.start(), lexer.end())) {
      awaitDoltName(depth);
    }
  }

  /**
   * A bare {@code AS OF} is Dolt's, except MariaDB's own {@code FOR SYSTEM_TIME AS OF} on system-versioned
   * tables and Oracle's flashback query {@code AS OF TIMESTAMP|SCN|PERIOD}.
   */
  private void asOf() {
    if (dialect == SqlDialect.ORACLE) {
      pending = Pending.ORACLE_AS_OF;
    } else if (dialect != SqlDialect.MARIADB || beforePrevious != Keyword.SYSTEM_TIME) {
      add(DoltFeature.AS_OF);
    }
  }

  private void quotedIdentifier(SqlLexer lexer, int depth) {
    int nameStart = lexer.start() + 1;
    int nameEnd = Math.max(nameStart, lexer.end() - 1);
    if (startsWithDoltPrefix(nameStart, nameEnd)) {
      awaitDoltName(depth);
    } else if (containsRevisionDelimiter(nameStart, nameEnd)) {
      boolean databaseName = previous == Keyword.USE
          || (statementVerb == Keyword.SHOW && (previous == Keyword.FROM || previous == Keyword.IN));
      if (databaseName) {
        add(DoltFeature.REVISION_DATABASE);
      } else {
        pending = Pending.REVISION_QUALIFIER;
      }
    }
  }

  private void awaitDoltName(int depth) {
    pending = Pending.DOLT_NAME;
    pendingAfterCall = previous == Keyword.CALL;
    pendingTableName = previous == Keyword.INTO || previous == Keyword.TABLE; // INSERT INTO dolt_docs (cols)
    pendingInFromList = previous == Keyword.FROM || previous == Keyword.JOIN || previous == Keyword.LATERAL
        || (previousType == TokenType.COMMA && depth == fromListDepth);
  }

  /** HASHOF(, ACTIVE_BRANCH(, HAS_ANCESTOR(, and COMMIT( / MERGE( anywhere but as a statement's verb. */
  private void functionCall() {
    if (previousType != TokenType.WORD || previous == null) {
      return;
    }
    switch (previous) {
      case HASHOF, ACTIVE_BRANCH, HAS_ANCESTOR -> add(DoltFeature.FUNCTION);
      case COMMIT, MERGE -> {
        if (!previousStartedStatement) {
          add(DoltFeature.FUNCTION);
        }
      }
      default -> { }
    }
  }

  private void systemVariable(SqlLexer lexer) {
    int nameEnd = lexer.end();
    int nameStart = Math.max(lexer.start() + 2, sql.lastIndexOf('.', nameEnd - 1) + 1);
    for (String suffix : REVISION_VARIABLE_SUFFIXES) {
      int suffixStart = nameEnd - suffix.length();
      if (suffixStart > nameStart && sql.regionMatches(true, suffixStart, suffix, 0, suffix.length())) {
        add(DoltFeature.SESSION_VARIABLE);
        return;
      }
    }
  }

  /** Tracks whether a {@code ,} continues a FROM list, where {@code dolt_x(...)} is a table function. */
  private void trackFromList(TokenType type, Keyword keyword, int depth) {
    if (keyword == Keyword.FROM || keyword == Keyword.JOIN) {
      fromListDepth = depth;
    } else if (depth <= fromListDepth && (type == TokenType.RIGHT_PAREN || endsFromList(keyword))) {
      fromListDepth = -1;
    }
  }

  private static boolean endsFromList(Keyword keyword) {
    if (keyword == null) {
      return false;
    }
    return switch (keyword) {
      case WHERE, ON, USING, SET, GROUP, HAVING, ORDER, LIMIT, UNION, SELECT, VALUES, RETURNING -> true;
      default -> false;
    };
  }

  private boolean startsWithDoltPrefix(int start, int end) {
    return end - start >= DOLT_PREFIX.length()
        && (sql.charAt(start) == 'd' || sql.charAt(start) == 'D')
        && sql.regionMatches(true, start, DOLT_PREFIX, 0, DOLT_PREFIX.length());
  }

  private boolean containsRevisionDelimiter(int start, int end) {
    for (int i = start; i < end; i++) {
      char c = sql.charAt(i);
      if (c == '/' || c == '@') {
        return true;
      }
    }
    return false;
  }

  private static List<Set<DoltFeature>> featureSets() {
    DoltFeature[] features = DoltFeature.values();
    List<Set<DoltFeature>> sets = new ArrayList<>(1 << features.length);
    for (int bits = 0; bits < 1 << features.length; bits++) {
      EnumSet<DoltFeature> set = EnumSet.noneOf(DoltFeature.class);
      for (DoltFeature feature : features) {
        if ((bits & (1 << feature.ordinal())) != 0) {
          set.add(feature);
        }
      }
      sets.add(Set.copyOf(set));
    }
    return List.copyOf(sets);
  }
}
