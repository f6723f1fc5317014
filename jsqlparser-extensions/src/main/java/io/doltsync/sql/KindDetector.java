package io.doltsync.sql;

import io.doltsync.sql.lex.Keyword;
import io.doltsync.sql.lex.TokenType;
import java.util.EnumSet;
import java.util.Set;

/**
 * Works out the {@link StatementKind} of one statement from its tokens: the leading keywords, the main
 * verb after a WITH clause, a data-modifying CTE, an H2 data-change delta table
 * ({@code SELECT ... FROM FINAL TABLE (INSERT ...)}, which writes), {@code EXPLAIN ANALYZE <write>} (which
 * runs the write) and PostgreSQL's {@code SELECT ... INTO t} (which creates a table). Feed it the statement's tokens in
 * order; one instance per statement.
 */
final class KindDetector {

  private static final int HEAD_SIZE = 6;
  private static final Set<Keyword> CREATE_MODIFIERS = EnumSet.of(
      Keyword.OR, Keyword.REPLACE, Keyword.TEMPORARY, Keyword.TEMP, Keyword.GLOBAL, Keyword.LOCAL,
      Keyword.UNLOGGED, Keyword.MEMORY, Keyword.CACHED, Keyword.PRIVATE,
      Keyword.UNIQUE, Keyword.FULLTEXT, Keyword.SPATIAL, Keyword.BITMAP, Keyword.HASH);
  private static final Set<Keyword> DROP_MODIFIERS = EnumSet.of(Keyword.TEMPORARY);
  private static final Set<Keyword> ALTER_MODIFIERS = EnumSet.of(Keyword.ONLINE, Keyword.OFFLINE, Keyword.IGNORE);
  private static final Set<Keyword> ROLLBACK_MODIFIERS = EnumSet.of(Keyword.WORK, Keyword.TRANSACTION);

  private final SqlDialect dialect;
  private final Keyword[] head = new Keyword[HEAD_SIZE];
  private int tokens;
  private int baseDepth = -1;
  private boolean previousOpensParenthesis;
  private Keyword previousKeyword;
  private Keyword keywordBeforeParenthesis;
  private Keyword writeInDeltaTable;
  private Keyword verbAfterWith;
  private Keyword writeInCte;
  private Keyword verbAfterFirst;
  private boolean analyzeBeforeVerb;
  private boolean intoAtTopLevel;

  KindDetector(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /** Feeds the next token of the statement, with the number of parentheses open before it. */
  void accept(TokenType type, Keyword keyword, int depth) {
    if (baseDepth < 0) {
      if (type == TokenType.LEFT_PAREN) {
        return; // (SELECT ...) UNION (SELECT ...)
      }
      baseDepth = depth;
    }
    if (tokens < HEAD_SIZE) {
      head[tokens] = keyword;
    }
    if (tokens++ > 0) {
      noteFollowingToken(keyword, depth == baseDepth);
    }
    previousOpensParenthesis = type == TokenType.LEFT_PAREN;
    if (previousOpensParenthesis) {
      keywordBeforeParenthesis = previousKeyword;
    }
    previousKeyword = keyword;
  }

  private void noteFollowingToken(Keyword keyword, boolean topLevel) {
    if (isVerb(keyword)) {
      if (verbAfterFirst == null) {
        verbAfterFirst = keyword;
      }
      if (previousOpensParenthesis && keywordBeforeParenthesis == Keyword.TABLE && writeInDeltaTable == null
          && verbKind(keyword).isWrite()) {
        writeInDeltaTable = keyword; // FINAL|NEW|OLD TABLE (INSERT ...)
      }
      if (head[0] == Keyword.WITH && verbAfterWith == null) {
        if (topLevel) {
          verbAfterWith = keyword;
        } else if (previousOpensParenthesis && writeInCte == null && verbKind(keyword).isWrite()) {
          writeInCte = keyword;
        }
      }
    } else if ((keyword == Keyword.ANALYZE || keyword == Keyword.ANALYSE) && verbAfterFirst == null) {
      analyzeBeforeVerb = true;
    } else if (keyword == Keyword.INTO && topLevel) {
      intoAtTopLevel = true;
    }
  }

  /** The kind of the statement fed so far; {@link StatementKind#OTHER} when nothing was fed. */
  StatementKind kind() {
    Keyword first = head[0];
    if (first == null) {
      return StatementKind.OTHER;
    }
    return switch (first) {
      case WITH -> withKind();
      case SELECT, VALUES, TABLE -> selectKind();
      case INSERT, UPSERT, REPLACE, UPDATE, DELETE, MERGE -> verbKind(first);
      case CALL, EXEC, EXECUTE -> StatementKind.CALL;
      case CREATE -> createKind();
      case DROP -> dropKind();
      case ALTER -> firstAfter(ALTER_MODIFIERS) == Keyword.TABLE ? StatementKind.ALTER_TABLE : StatementKind.OTHER_DDL;
      case RENAME -> renameKind();
      case TRUNCATE -> StatementKind.TRUNCATE;
      case COMMENT -> StatementKind.OTHER_DDL;
      case START -> head[1] == Keyword.TRANSACTION ? StatementKind.BEGIN : StatementKind.OTHER;
      case BEGIN -> beginKind();
      case COMMIT -> StatementKind.COMMIT;
      case END -> dialect.grammar() == SqlDialect.POSTGRESQL ? StatementKind.COMMIT : StatementKind.OTHER;
      case ABORT -> dialect.grammar() == SqlDialect.POSTGRESQL ? StatementKind.ROLLBACK : StatementKind.OTHER;
      case ROLLBACK -> firstAfter(ROLLBACK_MODIFIERS) == Keyword.TO
          ? StatementKind.ROLLBACK_TO_SAVEPOINT : StatementKind.ROLLBACK;
      case SAVEPOINT -> StatementKind.SAVEPOINT;
      case RELEASE -> StatementKind.RELEASE_SAVEPOINT;
      case SET -> StatementKind.SET;
      case SHOW -> StatementKind.SHOW;
      case USE -> StatementKind.USE;
      case EXPLAIN -> explainKind(StatementKind.EXPLAIN);
      case DESCRIBE, DESC -> explainKind(StatementKind.DESCRIBE);
      case LOCK -> StatementKind.LOCK;
      case UNLOCK -> StatementKind.UNLOCK;
      case LOAD -> head[1] == Keyword.DATA || head[1] == Keyword.XML ? StatementKind.LOAD_DATA : StatementKind.OTHER;
      default -> StatementKind.OTHER;
    };
  }

  private StatementKind withKind() {
    StatementKind main = verbKind(verbAfterWith);
    if (main == StatementKind.SELECT && writeInCte != null) {
      return verbKind(writeInCte); // WITH d AS (DELETE ... RETURNING *) SELECT ... writes
    }
    return main == StatementKind.SELECT ? selectKind() : main;
  }

  private StatementKind selectKind() {
    if (writeInDeltaTable != null) {
      return verbKind(writeInDeltaTable);
    }
    return dialect.grammar() == SqlDialect.POSTGRESQL && intoAtTopLevel ? StatementKind.CREATE_TABLE : StatementKind.SELECT;
  }

  private StatementKind createKind() {
    Keyword object = firstAfter(CREATE_MODIFIERS);
    if (object == Keyword.TABLE) {
      return StatementKind.CREATE_TABLE;
    }
    return object == Keyword.INDEX ? StatementKind.CREATE_INDEX : StatementKind.OTHER_DDL;
  }

  private StatementKind dropKind() {
    Keyword object = firstAfter(DROP_MODIFIERS);
    if (object == Keyword.TABLE) {
      return StatementKind.DROP_TABLE;
    }
    return object == Keyword.INDEX ? StatementKind.DROP_INDEX : StatementKind.OTHER_DDL;
  }

  /** RENAME TABLE a TO b; Oracle also has RENAME a TO b. */
  private StatementKind renameKind() {
    boolean table = head[1] == Keyword.TABLE || (dialect.grammar() == SqlDialect.ORACLE && head[2] == Keyword.TO);
    return table ? StatementKind.RENAME_TABLE : StatementKind.OTHER_DDL;
  }

  /** BEGIN starts a transaction, except Oracle's PL/SQL block and MariaDB's BEGIN NOT ATOMIC compound statement. */
  private StatementKind beginKind() {
    boolean block = dialect.grammar() == SqlDialect.ORACLE || (head[1] == Keyword.NOT && head[2] == Keyword.ATOMIC);
    return block ? StatementKind.OTHER : StatementKind.BEGIN;
  }

  /** EXPLAIN ANALYZE runs the statement it explains, so it counts as that statement when that writes. */
  private StatementKind explainKind(StatementKind plain) {
    if (!analyzeBeforeVerb || verbAfterFirst == null) {
      return plain;
    }
    StatementKind explained = verbKind(verbAfterFirst);
    return explained == StatementKind.SELECT ? plain : explained;
  }

  /** The first leading keyword after the first one that is not in {@code skipped}. */
  private Keyword firstAfter(Set<Keyword> skipped) {
    for (int i = 1; i < HEAD_SIZE; i++) {
      if (head[i] == null || !skipped.contains(head[i])) {
        return head[i];
      }
    }
    return null;
  }

  private static boolean isVerb(Keyword keyword) {
    return keyword == Keyword.WITH || verbKind(keyword) != StatementKind.OTHER;
  }

  private static StatementKind verbKind(Keyword verb) {
    if (verb == null) {
      return StatementKind.OTHER;
    }
    return switch (verb) {
      case SELECT, VALUES, TABLE -> StatementKind.SELECT;
      case INSERT, UPSERT -> StatementKind.INSERT;
      case REPLACE -> StatementKind.REPLACE;
      case UPDATE -> StatementKind.UPDATE;
      case DELETE -> StatementKind.DELETE;
      case MERGE -> StatementKind.MERGE;
      default -> StatementKind.OTHER;
    };
  }
}
