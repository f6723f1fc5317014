package io.doltsync.sql;

import java.util.List;

/**
 * The pieces of a SELECT that finds the rows an UPDATE or DELETE is about to touch, cut from the
 * statement's original text (never re-printed), so that it runs on the primary exactly as the statement
 * would. The driver builds
 * {@code SELECT <keyQualifier>.<key columns> FROM <fromClause> [WHERE <whereClause>] [<tailClause>] FOR UPDATE}
 * and binds the statement's parameters at {@link #parameterIndexes()}.
 *
 * @param fromClause       the row source, e.g. {@code orders o JOIN customers c ON c.id = o.customer_id}
 *                         or, for PostgreSQL {@code UPDATE t SET .. FROM u}, {@code t, u}
 * @param whereClause      the condition text after WHERE, or {@code null} when there is none
 * @param tailClause       {@code ORDER BY ... LIMIT ...} (MySQL UPDATE/DELETE; also {@code FETCH FIRST ...}),
 *                         or {@code null}
 * @param keyQualifier     the alias, or else the table name as written, that qualifies the written table's columns
 * @param parameterIndexes the statement's 1-based parameter indexes of the {@code ?} markers in
 *                         fromClause, whereClause and tailClause, in text order
 */
public record PreSelect(
    String fromClause, String whereClause, String tailClause, String keyQualifier, List<Integer> parameterIndexes) {

  public PreSelect {
    parameterIndexes = List.copyOf(parameterIndexes);
  }
}
