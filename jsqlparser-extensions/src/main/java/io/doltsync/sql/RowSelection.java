package io.doltsync.sql;

import java.util.List;

/**
 * The rows an UPDATE or DELETE touches, as pieces of its original text; shared by the statement's
 * {@link TableWrite}s, each of which adds its own key qualifier to make a {@link PreSelect}.
 */
record RowSelection(String fromClause, String whereClause, String tailClause, List<Integer> parameterIndexes) {

  RowSelection {
    parameterIndexes = List.copyOf(parameterIndexes);
  }

  PreSelect forQualifier(String keyQualifier) {
    return new PreSelect(fromClause, whereClause, tailClause, keyQualifier, parameterIndexes);
  }
}
