package io.doltsync.sql;

import io.doltsync.sql.lex.Keyword;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts the {@link RowSelection} of an UPDATE or DELETE out of its original text by token positions,
 * outside parentheses only. The from clause is what a SELECT needs to see the same rows:
 * <ul>
 *   <li>{@code UPDATE a JOIN b ON .. SET} (MySQL): the text between UPDATE and SET;</li>
 *   <li>{@code UPDATE t x SET .. FROM u, v WHERE} (PostgreSQL): {@code t x, u, v};</li>
 *   <li>{@code DELETE FROM t x WHERE}, {@code DELETE a FROM a JOIN b WHERE}: the text after FROM;</li>
 *   <li>{@code DELETE FROM t x USING u WHERE}: {@code t x, u} (PostgreSQL), {@code u} (MySQL, whose
 *       USING list holds every table);</li>
 *   <li>{@code DELETE t WHERE} (Oracle): {@code t}.</li>
 * </ul>
 * The where clause runs to a top-level ORDER BY, LIMIT, FETCH or RETURNING; the tail from ORDER BY, LIMIT
 * or FETCH to RETURNING. A statement with a WITH clause has none: the cut text would miss the CTEs.
 */
final class RowSelectionCutter {

  private static final Set<Keyword> UPDATE_MODIFIERS = EnumSet.of(Keyword.LOW_PRIORITY, Keyword.IGNORE);
  private static final Set<Keyword> DELETE_MODIFIERS = EnumSet.of(Keyword.LOW_PRIORITY, Keyword.QUICK, Keyword.IGNORE);
  private static final Set<Keyword> TAIL_STARTS = EnumSet.of(Keyword.ORDER, Keyword.LIMIT, Keyword.FETCH);

  private final StatementText statement;
  private final boolean mySqlFamily;
  private final List<Integer> parameters = new ArrayList<>();
  private final int end;
  private final int tail;
  private final int where;

  private RowSelectionCutter(StatementText statement, SqlDialect dialect) {
    this.statement = statement;
    this.mySqlFamily = dialect.isMySqlFamily();
    int returning = statement.findTopLevel(Keyword.RETURNING, statement.from());
    this.end = returning >= 0 ? returning : statement.to();
    this.tail = statement.findTopLevel(TAIL_STARTS, statement.from(), end);
    this.where = statement.findTopLevel(Set.of(Keyword.WHERE), statement.from(), tail >= 0 ? tail : end);
  }

  /** The rows of an UPDATE, or null when it starts with WITH or has no top-level SET. */
  static RowSelection update(StatementText statement, SqlDialect dialect) {
    return statement.is(statement.from(), Keyword.UPDATE) ? new RowSelectionCutter(statement, dialect).update() : null;
  }

  /** The rows of a DELETE, or null when it starts with WITH. */
  static RowSelection delete(StatementText statement, SqlDialect dialect) {
    return statement.is(statement.from(), Keyword.DELETE) ? new RowSelectionCutter(statement, dialect).delete() : null;
  }

  private RowSelection update() {
    int target = statement.skip(UPDATE_MODIFIERS, statement.from() + 1);
    int set = statement.findTopLevel(Keyword.SET, target);
    if (set < 0) {
      return null;
    }
    int from = findFrom(set + 1);
    String fromClause = cut(target, set);
    if (from >= 0) {
      fromClause += ", " + cut(from + 1, rowSourceEnd());
    }
    return finish(fromClause);
  }

  private RowSelection delete() {
    int start = statement.skip(DELETE_MODIFIERS, statement.from() + 1);
    int from = findFrom(start);
    if (from < 0) {
      return finish(cut(start, rowSourceEnd())); // Oracle: DELETE t WHERE ...
    }
    int using = from == start ? statement.findTopLevel(Set.of(Keyword.USING), from + 1, rowSourceEnd()) : -1;
    if (using < 0) {
      return finish(cut(from + 1, rowSourceEnd()));
    }
    if (mySqlFamily) {
      return finish(cut(using + 1, rowSourceEnd()));
    }
    String targets = cut(from + 1, using);
    return finish(targets + ", " + cut(using + 1, rowSourceEnd()));
  }

  /** The first top-level FROM from {@code start} before the WHERE, skipping {@code IS DISTINCT FROM}. */
  private int findFrom(int start) {
    int from = statement.findTopLevel(Set.of(Keyword.FROM), start, rowSourceEnd());
    while (from >= 0 && statement.is(from - 1, Keyword.DISTINCT)) {
      from = statement.findTopLevel(Set.of(Keyword.FROM), from + 1, rowSourceEnd());
    }
    return from;
  }

  private int rowSourceEnd() {
    if (where >= 0) {
      return where;
    }
    return tail >= 0 ? tail : end;
  }

  private RowSelection finish(String fromClause) {
    String whereClause = where >= 0 ? cut(where + 1, tail >= 0 ? tail : end) : null;
    String tailClause = tail >= 0 ? cut(tail, end) : null;
    return new RowSelection(fromClause, whereClause, tailClause, parameters);
  }

  /** The text of tokens {@code [start, end)}, noting their parameters; call in text order. */
  private String cut(int start, int stop) {
    statement.addParameterIndexes(start, stop, parameters);
    return statement.cut(start, stop);
  }
}
