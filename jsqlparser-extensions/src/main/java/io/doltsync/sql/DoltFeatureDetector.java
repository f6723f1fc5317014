package io.doltsync.sql;

import io.doltsync.sql.lex.Identifiers;
import io.doltsync.sql.lex.Keyword;
import io.doltsync.sql.lex.SqlLexer;
import io.doltsync.sql.lex.TokenType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds Dolt's versioning SQL ({@link DoltFeature}) among the tokens of a text. Feed it every token in
 * order, then call {@link #finish()}. Features are collected as bits of an int, so the common case of
 * no feature allocates nothing.
 *
 * <p>Only positions count, never bare names: a {@code dolt_*} name routes where a table is expected (after
 * FROM/JOIN/INTO/UPDATE/TABLE/TRUNCATE/DESCRIBE, in a FROM list, after a qualifier of such a name), and
 * there it is a system table, or a table function when {@code (} follows in a FROM list; {@code AS OF}
 * routes right after a table reference (or in SHOW) when an expression follows, not as the alias
 * {@code of}; a function routes when it is one of Dolt's own; {@code CALL dolt_*} routes. Column names,
 * aliases and qualifiers named {@code dolt_*} do not. Some decisions wait for the next token.
 */
final class DoltFeatureDetector {

  private static final String DOLT_PREFIX = "dolt_";
  private static final String[] REVISION_VARIABLE_SUFFIXES = {"_head", "_head_ref", "_working", "_staged"};
  /** Dolt's scalar functions named {@code dolt_*}; other {@code dolt_*(...)} calls are the primary's. */
  private static final String[] DOLT_FUNCTIONS = {"dolt_hashof", "dolt_hashof_table", "dolt_hashof_db",
      "dolt_merge_base", "dolt_version", "dolt_storage_format", "dolt_commit"};
  private static final List<Set<DoltFeature>> FEATURE_SETS = featureSets();
  /** Words in a table position that a table name still follows: {@code FROM ONLY t}, {@code INTO TABLE t}. */
  private static final Set<Keyword> BEFORE_TABLE_NAME = EnumSet.of(Keyword.TABLE, Keyword.ONLY, Keyword.IF,
      Keyword.NOT, Keyword.EXISTS, Keyword.IGNORE, Keyword.LOW_PRIORITY, Keyword.HIGH_PRIORITY, Keyword.DELAYED,
      Keyword.QUICK, Keyword.TEMPORARY, Keyword.LATERAL, Keyword.INTO);
  /** Words in a table position that are no table: {@code FROM (SELECT ...)}, {@code ON DUPLICATE KEY UPDATE SET}. */
  private static final Set<Keyword> NOT_A_TABLE = EnumSet.of(Keyword.SELECT, Keyword.VALUES, Keyword.WITH,
      Keyword.SET, Keyword.WHERE, Keyword.ON, Keyword.USING, Keyword.OF, Keyword.FOR, Keyword.AS,
      Keyword.FINAL, Keyword.NEW, Keyword.OLD);
  /** Words that follow a table alias, so {@code t AS of <word>} made {@code of} an alias. */
  private static final Set<Keyword> AFTER_ALIAS = EnumSet.of(Keyword.WHERE, Keyword.JOIN, Keyword.ON,
      Keyword.USING, Keyword.GROUP, Keyword.ORDER, Keyword.LIMIT, Keyword.UNION, Keyword.EXCEPT,
      Keyword.INTERSECT, Keyword.MINUS, Keyword.HAVING, Keyword.WINDOW, Keyword.SET, Keyword.FOR, Keyword.INNER,
      Keyword.LEFT, Keyword.RIGHT, Keyword.FULL, Keyword.CROSS, Keyword.NATURAL, Keyword.OUTER,
      Keyword.STRAIGHT_JOIN, Keyword.OFFSET, Keyword.FETCH, Keyword.RETURNING, Keyword.LOCK, Keyword.INTO,
      Keyword.VALUES, Keyword.SELECT, Keyword.AS, Keyword.LATERAL);

  private enum Pending { NONE, DOLT_TABLE, PROCEDURE, AS_OF, REVISION_QUALIFIER }

  /** Where the next token stands: no table position, a table, a FROM-list item, a DDL target, a procedure. */
  private enum Slot { NONE, TABLE, FROM_LIST, PRIMARY_DDL_TABLE, PROCEDURE }

  private enum AsOfStage { NONE, FOR, FOR_PERIOD, AS }

  private final SqlDialect dialect;
  private final String sql;
  private int found;
  private Set<String> systemTables;
  /** Names of common table expressions spelled {@code dolt_*}: references to them are no system tables. */
  private Set<String> cteNames;
  private int withDepth = -1;
  private TokenType beforePreviousType = TokenType.END;
  private Pending pending = Pending.NONE;
  private boolean pendingFromList;
  private int pendingStart;
  private int pendingEnd;
  private Slot slot = Slot.NONE;
  private Slot lastNameSlot = Slot.NONE;
  private boolean afterTableName;
  private AsOfStage asOf = AsOfStage.NONE;
  private TokenType previousType = TokenType.END;
  private Keyword previous;
  private Keyword beforePrevious;
  private int previousStart;
  private int previousEnd;
  private boolean previousStartedStatement;
  private boolean previousWasSlotName;
  private Keyword statementVerb;
  /** Tables a top-level DELETE named in its FROM list so far: the first is the one it deletes from. */
  private int deleteFromItems;
  /** Bit d: a FROM list is open at parenthesis depth d (a subquery's own list does not close the outer one). */
  private long fromListDepths;
  /** Bit d: a query (SELECT, DELETE, SHOW, ...) is open at parenthesis depth d, so FROM there takes tables. */
  private long queryDepths;
  /** The tables named in table positions so far (null until the first). */
  private List<TableReference> references;
  /** Every common table expression's name, lower case: references to them are no tables. */
  private Set<String> allCteNames;
  /** A table reference whose end is not known yet: a qualifier, or {@code (} of a table function, may follow. */
  private boolean refOpen;
  private String refSchema;
  private String refName;
  private int refEnd;
  private boolean refRead;
  private Slot refSlot;

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
    if (refOpen && type != TokenType.DOT && previousType != TokenType.DOT) {
      closeReference(type);
    }
    boolean asOfFollows = pending == Pending.AS_OF && startsAsOfExpression(type, keyword);
    resolvePending(type, keyword);
    if (asOfFollows && references != null && !references.isEmpty()) {
      boolean single = type == TokenType.STRING || type == TokenType.PARAMETER || type == TokenType.USER_VARIABLE
          || type == TokenType.NUMBER;
      int last = references.size() - 1;
      references.set(last, references.get(last).withAsOf(single ? lexer.tokenText() : null));
    }
    if (statementStart) {
      withDepth = -1;
      statementVerb = keyword;
      deleteFromItems = 0;
      fromListDepths = 0;
      queryDepths = 0;
      slot = Slot.NONE;
      asOf = AsOfStage.NONE;
    }
    Slot current = slot;
    slot = Slot.NONE;
    boolean followsTableName = afterTableName;
    afterTableName = false;
    boolean slotName = false;
    switch (type) {
      case WORD -> slotName = word(lexer, keyword, depth, current, followsTableName, statementStart);
      case QUOTED_IDENTIFIER -> slotName = quotedIdentifier(lexer, current, depth);
      case LEFT_PAREN -> functionCall(depth);
      case SYSTEM_VARIABLE -> systemVariable(lexer);
      case DOT -> {
        if (previousWasSlotName) {
          slot = lastNameSlot; // the name before was a qualifier: the table name follows
        }
      }
      case COMMA -> {
        if (isFromListAt(depth)) {
          slot = Slot.FROM_LIST;
        }
      }
      default -> { }
    }
    if (type != TokenType.WORD) {
      asOf = AsOfStage.NONE;
    }
    trackFromList(type, keyword, depth);
    beforePrevious = previous;
    beforePreviousType = previousType;
    previous = keyword;
    previousType = type;
    previousStart = lexer.start();
    previousEnd = lexer.end();
    previousStartedStatement = statementStart;
    previousWasSlotName = slotName;
  }

  /** Settles what the last token left open and returns the features found, one bit per ordinal. */
  int finish() {
    if (refOpen) {
      closeReference(TokenType.END);
    }
    resolvePending(TokenType.END, null);
    if (systemTables != null && cteNames != null) {
      systemTables.removeAll(cteNames);
    }
    if (systemTables != null && !systemTables.isEmpty()) {
      add(DoltFeature.SYSTEM_TABLE);
    }
    return found;
  }

  /**
   * The tables named in table positions, in text order, without common table expressions, table functions
   * and {@code dolt_*} system tables; empty when none. Call after {@link #finish()}.
   */
  List<TableReference> tables() {
    if (references == null) {
      return List.of();
    }
    List<TableReference> tables = new ArrayList<>(references.size());
    for (TableReference reference : references) {
      String key = reference.key();
      boolean cte = reference.schema() == null && allCteNames != null && allCteNames.contains(key);
      boolean system = systemTables != null && systemTables.contains(key);
      if (!cte && !system) {
        tables.add(reference);
      }
    }
    return tables;
  }

  /** Ends the open table reference at the token that follows it: {@code (} in a FROM list makes it a function. */
  private void closeReference(TokenType next) {
    refOpen = false;
    if (next == TokenType.LEFT_PAREN && refSlot == Slot.FROM_LIST) {
      return;
    }
    if (references == null) {
      references = new ArrayList<>(4);
    }
    references.add(new TableReference(refSchema, refName, refEnd, refRead, null, false));
  }

  /** The {@code dolt_*} system tables named in table positions, lower case; empty when none. */
  Set<String> systemTables() {
    return systemTables == null ? Set.of() : Set.copyOf(systemTables);
  }

  private void add(DoltFeature feature) {
    found |= 1 << feature.ordinal();
  }

  private void resolvePending(TokenType type, Keyword keyword) {
    switch (pending) {
      case DOLT_TABLE -> {
        if (type == TokenType.DOT) {
          break; // a database named dolt_*: the table follows
        }
        if (type == TokenType.LEFT_PAREN && pendingFromList) {
          add(DoltFeature.TABLE_FUNCTION);
        } else {
          if (systemTables == null) {
            systemTables = new LinkedHashSet<>();
          }
          systemTables.add(sql.substring(pendingStart, pendingEnd).toLowerCase(Locale.ROOT));
        }
      }
      case PROCEDURE -> {
        if (type != TokenType.DOT) {
          add(DoltFeature.PROCEDURE);
        }
      }
      case AS_OF -> {
        if (startsAsOfExpression(type, keyword)) {
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

  /** After {@code AS OF}: a revision expression follows, not a clause (then {@code of} was an alias). */
  private boolean startsAsOfExpression(TokenType type, Keyword keyword) {
    return switch (type) {
      case STRING, NUMBER, PARAMETER, USER_VARIABLE, SYSTEM_VARIABLE, LEFT_PAREN, QUOTED_IDENTIFIER -> true;
      case WORD -> {
        if (dialect.grammar() == SqlDialect.ORACLE
            && (keyword == Keyword.TIMESTAMP || keyword == Keyword.SCN || keyword == Keyword.PERIOD)) {
          yield false; // Oracle's flashback query
        }
        yield keyword == null || !AFTER_ALIAS.contains(keyword);
      }
      default -> false;
    };
  }

  /** Returns whether the word was a name in a table position. */
  private boolean word(SqlLexer lexer, Keyword keyword, int depth, Slot current, boolean followsTableName,
      boolean statementStart) {
    trackAsOf(keyword, followsTableName);
    if (keyword == Keyword.WITH && (statementStart || previousType == TokenType.LEFT_PAREN)) {
      withDepth = depth;
    }
    if (depth == withDepth && keyword != null && keyword != Keyword.WITH && keyword != Keyword.RECURSIVE
        && keyword != Keyword.AS && keyword != Keyword.NOT) {
      withDepth = -1; // the statement after the WITH list
    }
    if (isCteName(depth)) {
      cteName(lexer.start(), lexer.end());
      return false;
    }
    if (keyword != null) {
      noteQuery(keyword, depth);
      Slot opened = slotOpenedBy(keyword, depth, statementStart);
      if (opened != Slot.NONE) {
        slot = opened;
        return false;
      }
      if (current != Slot.NONE && BEFORE_TABLE_NAME.contains(keyword)) {
        slot = current;
        return false;
      }
      if (current == Slot.NONE || NOT_A_TABLE.contains(keyword)) {
        return false;
      }
    } else if (current == Slot.NONE) {
      return false;
    }
    name(lexer.start(), lexer.end(), lexer.end(), sql.substring(lexer.start(), lexer.end()), current, depth);
    return true;
  }

  private boolean quotedIdentifier(SqlLexer lexer, Slot current, int depth) {
    int nameStart = lexer.start() + 1;
    int nameEnd = Math.max(nameStart, lexer.end() - 1);
    if (isCteName(depth)) {
      cteName(nameStart, nameEnd);
      return false;
    }
    if (containsRevisionDelimiter(nameStart, nameEnd)) {
      boolean databaseName = previous == Keyword.USE
          || (statementVerb == Keyword.SHOW && (previous == Keyword.FROM || previous == Keyword.IN));
      if (databaseName) {
        add(DoltFeature.REVISION_DATABASE);
        return false;
      }
      if (current != Slot.NONE) {
        pending = Pending.REVISION_QUALIFIER;
      }
    }
    if (current == Slot.NONE) {
      return false;
    }
    // the name as the database reads it: doubled closing quotes (`a``b`, [a]]b]) collapsed
    String quoted = lexer.tokenText();
    String unquoted = Identifiers.unquote(quoted);
    name(nameStart, nameEnd, lexer.end(), unquoted.equals(quoted) ? sql.substring(nameStart, nameEnd) : unquoted, current, depth);
    return true;
  }

  private void cteName(int start, int end) {
    if (allCteNames == null) {
      allCteNames = new java.util.HashSet<>();
    }
    allCteNames.add(sql.substring(start, end).toLowerCase(Locale.ROOT));
    if (startsWithDoltPrefix(start, end)) {
      if (cteNames == null) {
        cteNames = new LinkedHashSet<>();
      }
      cteNames.add(sql.substring(start, end).toLowerCase(Locale.ROOT));
    }
  }

  /** Whether the current word names a common table expression: after WITH [RECURSIVE], or after "), " of one. */
  private boolean isCteName(int depth) {
    if (withDepth < 0 || depth != withDepth) {
      return false;
    }
    return previous == Keyword.WITH || previous == Keyword.RECURSIVE
        || (previousType == TokenType.COMMA && beforePreviousType == TokenType.RIGHT_PAREN);
  }

  /** A name in a table or procedure position; {@code tokenEnd} is where its token ends (after a closing quote). */
  private void name(int start, int end, int tokenEnd, String text, Slot current, int depth) {
    lastNameSlot = current;
    if (current == Slot.TABLE || current == Slot.FROM_LIST) {
      reference(text, tokenEnd, current, depth);
    }
    if (current == Slot.PROCEDURE) {
      if (startsWithDoltPrefix(start, end)) {
        pending = Pending.PROCEDURE;
      }
      return;
    }
    afterTableName = true;
    if (current != Slot.PRIMARY_DDL_TABLE && pending == Pending.NONE && startsWithDoltPrefix(start, end)) {
      pending = Pending.DOLT_TABLE;
      pendingFromList = current == Slot.FROM_LIST;
      pendingStart = start;
      pendingEnd = end;
    }
  }

  /** Opens a table reference, or names the table of one whose qualifier came before ({@code s.t}). */
  private void reference(String text, int tokenEnd, Slot current, int depth) {
    if (refOpen && previousType == TokenType.DOT) {
      refSchema = refName;
      refName = text;
      refEnd = tokenEnd;
      return;
    }
    if (refOpen) {
      closeReference(TokenType.WORD);
    }
    refOpen = true;
    refSchema = null;
    refName = text;
    refEnd = tokenEnd;
    refSlot = current;
    refRead = current == Slot.FROM_LIST && !isDeleteTarget(depth)
        && statementVerb != Keyword.DESCRIBE && statementVerb != Keyword.DESC && statementVerb != Keyword.EXPLAIN;
  }

  /**
   * Whether a FROM-list table of a top-level DELETE is the one it deletes from: the first one is ({@code DELETE
   * FROM t}, MySQL's {@code DELETE a FROM t a JOIN s ...}); the tables joined to it or listed after
   * {@code USING} are read.
   */
  private boolean isDeleteTarget(int depth) {
    if (statementVerb != Keyword.DELETE || depth != 0) {
      return false;
    }
    return deleteFromItems++ == 0;
  }

  /**
   * Whether {@code USING} opens a list of source tables: MERGE's source, PostgreSQL's {@code DELETE ... USING};
   * not a join's {@code USING (columns)}, which a {@code (} follows.
   */
  private boolean usingOpensSources(int depth) {
    return depth == 0 && (statementVerb == Keyword.MERGE || statementVerb == Keyword.DELETE);
  }

  /** The table position a keyword opens for the next token, or {@link Slot#NONE}. */
  private Slot slotOpenedBy(Keyword keyword, int depth, boolean statementStart) {
    switch (keyword) {
      case FROM -> {
        if (isQueryAt(depth) && previous != Keyword.DISTINCT) {
          openFromList(depth);
          return Slot.FROM_LIST;
        }
        return Slot.NONE;
      }
      case JOIN, STRAIGHT_JOIN, LATERAL -> {
        return Slot.FROM_LIST;
      }
      case USING -> {
        return usingOpensSources(depth) ? Slot.FROM_LIST : Slot.NONE;
      }
      case INTO -> {
        return statementVerb == Keyword.SELECT ? Slot.NONE : Slot.TABLE;
      }
      case UPDATE -> {
        boolean upsertClause = previous == Keyword.KEY || previous == Keyword.FOR || previous == Keyword.DO;
        return upsertClause ? Slot.NONE : Slot.TABLE;
      }
      case TABLE -> {
        return isTableDdl() ? Slot.PRIMARY_DDL_TABLE : Slot.TABLE;
      }
      case TRUNCATE -> {
        return statementStart ? Slot.PRIMARY_DDL_TABLE : Slot.NONE;
      }
      case INSERT, REPLACE -> {
        return statementStart ? Slot.TABLE : Slot.NONE; // MySQL's INSERT t VALUES, without INTO
      }
      case DESCRIBE, DESC, EXPLAIN -> {
        return statementStart ? Slot.TABLE : Slot.NONE;
      }
      case CALL -> {
        return statementStart ? Slot.PROCEDURE : Slot.NONE;
      }
      default -> {
        return Slot.NONE;
      }
    }
  }

  /** CREATE/DROP/ALTER/RENAME/TRUNCATE TABLE name the primary's own tables, whatever their names. */
  private boolean isTableDdl() {
    if (statementVerb == null) {
      return false;
    }
    return switch (statementVerb) {
      case CREATE, DROP, ALTER, RENAME, TRUNCATE -> true;
      default -> false;
    };
  }

  private void noteQuery(Keyword keyword, int depth) {
    switch (keyword) {
      case SELECT, DELETE, SHOW, UPDATE, DESCRIBE, DESC, EXPLAIN -> {
        if (depth < Long.SIZE) {
          queryDepths |= 1L << depth;
        }
      }
      default -> { }
    }
  }

  private boolean isQueryAt(int depth) {
    return depth >= Long.SIZE || (queryDepths & (1L << depth)) != 0;
  }

  /**
   * {@code t AS OF x}, {@code t FOR SYSTEM_TIME AS OF x} and {@code t FOR VERSION AS OF x} after a table
   * reference, and any {@code AS OF x} of a SHOW statement. MariaDB's own {@code FOR SYSTEM_TIME} stays there.
   */
  private void trackAsOf(Keyword keyword, boolean followsTableName) {
    AsOfStage stage = asOf;
    asOf = AsOfStage.NONE;
    if (keyword == Keyword.AS && (followsTableName || stage == AsOfStage.FOR_PERIOD
        || statementVerb == Keyword.SHOW)) {
      asOf = AsOfStage.AS;
    } else if (keyword == Keyword.OF && stage == AsOfStage.AS) {
      pending = Pending.AS_OF;
    } else if (keyword == Keyword.FOR && followsTableName) {
      asOf = AsOfStage.FOR;
    } else if (stage == AsOfStage.FOR && (keyword == Keyword.VERSION
        || (keyword == Keyword.SYSTEM_TIME && dialect.grammar() != SqlDialect.MARIADB))) {
      asOf = AsOfStage.FOR_PERIOD;
    }
  }

  /** HASHOF(, ACTIVE_BRANCH(, HAS_ANCESTOR(, Dolt's dolt_*( functions, and COMMIT( / MERGE( but as a verb. */
  private void functionCall(int depth) {
    if (queryDepths != 0 && depth + 1 < Long.SIZE) {
      queryDepths &= ~(1L << (depth + 1)); // a new level: no query there until one starts
    }
    if (previousType != TokenType.WORD || previousWasSlotName) {
      return;
    }
    if (previous == null) {
      if (isDoltFunction(previousStart, previousEnd)) {
        add(DoltFeature.FUNCTION);
      }
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

  private boolean isDoltFunction(int start, int end) {
    if (!startsWithDoltPrefix(start, end)) {
      return false;
    }
    for (String function : DOLT_FUNCTIONS) {
      if (function.length() == end - start && sql.regionMatches(true, start, function, 0, function.length())) {
        return true;
      }
    }
    return false;
  }

  private void systemVariable(SqlLexer lexer) {
    int nameEnd = lexer.end();
    int nameStart = Math.max(lexer.start() + 2, sql.lastIndexOf('.', nameEnd - 1) + 1);
    if (startsWithDoltPrefix(nameStart, nameEnd) && nameEnd - nameStart > DOLT_PREFIX.length()) {
      add(DoltFeature.SESSION_VARIABLE); // @@dolt_transaction_commit and the like
      return;
    }
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
    if (keyword == Keyword.JOIN) {
      openFromList(depth);
    } else if (type == TokenType.RIGHT_PAREN) {
      closeFromLists(depth); // the level closed, and any list open inside it
    } else if (keyword != Keyword.FROM && endsFromList(keyword)) {
      closeFromLists(depth);
      if (keyword == Keyword.USING && usingOpensSources(depth)) {
        openFromList(depth); // USING a, b: a comma continues the source list
      }
    }
  }

  private void openFromList(int depth) {
    if (depth < Long.SIZE) {
      fromListDepths |= 1L << depth;
    }
  }

  /** Closes the FROM lists open at {@code depth} and deeper. */
  private void closeFromLists(int depth) {
    if (depth < Long.SIZE) {
      fromListDepths &= (1L << depth) - 1;
    }
  }

  private boolean isFromListAt(int depth) {
    return depth < Long.SIZE && (fromListDepths & (1L << depth)) != 0;
  }

  private static boolean endsFromList(Keyword keyword) {
    if (keyword == null) {
      return false;
    }
    return switch (keyword) {
      case WHERE, ON, USING, SET, GROUP, HAVING, ORDER, LIMIT, UNION, SELECT, VALUES, RETURNING, WINDOW, EXCEPT,
          INTERSECT, MINUS, FOR, OFFSET, FETCH -> true;
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
