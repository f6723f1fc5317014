package io.doltsync.sql;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How one SQL text is handled: its kind, and whether it goes to Dolt. Immutable.
 *
 * @param kind           the kind of the first statement; of the first later statement that writes when the first
 *                       neither writes nor controls the transaction ({@code SELECT 1; UPDATE t ...} writes)
 * @param doltFeatures   the Dolt features the text uses; non-empty means it is routed to Dolt, unless every
 *                       feature is a {@link DoltFeature#SYSTEM_TABLE} the primary has itself
 * @param multiStatement true when the text holds more than one statement (separated by {@code ;})
 * @param systemTables   the {@code dolt_*} names read as system tables (lower case), for
 *                       {@link #routesToDolt(Predicate)}
 * @param tables         the other tables the text names in table positions, in text order (common table
 *                       expressions, table functions and {@code dolt_*} system tables left out)
 */
public record Classification(StatementKind kind, Set<DoltFeature> doltFeatures, boolean multiStatement,
    Set<String> systemTables, List<TableReference> tables) {

  public Classification {
    doltFeatures = Set.copyOf(doltFeatures);
    systemTables = Set.copyOf(systemTables);
    tables = List.copyOf(tables);
  }

  public Classification(StatementKind kind, Set<DoltFeature> doltFeatures, boolean multiStatement,
      Set<String> systemTables) {
    this(kind, doltFeatures, multiStatement, systemTables, List.of());
  }

  public Classification(StatementKind kind, Set<DoltFeature> doltFeatures, boolean multiStatement) {
    this(kind, doltFeatures, multiStatement, Set.of(), List.of());
  }

  /** True when the statement uses Dolt's versioning SQL (whatever tables the primary has). */
  public boolean routesToDolt() {
    return !doltFeatures.isEmpty();
  }

  /**
   * True when the statement goes to Dolt on a primary that has the tables {@code primaryHasTable} accepts:
   * a {@code dolt_*} table the primary has itself is the primary's.
   */
  public boolean routesToDolt(Predicate<String> primaryHasTable) {
    if (doltFeatures.isEmpty()) {
      return false;
    }
    if (doltFeatures.size() > 1 || !doltFeatures.contains(DoltFeature.SYSTEM_TABLE)) {
      return true;
    }
    for (String table : systemTables) {
      if (!primaryHasTable.test(table)) {
        return true;
      }
    }
    return false;
  }

  /** True when the statement can change the primary (see {@link StatementKind#isWrite()}). */
  public boolean isWrite() {
    return kind.isWrite();
  }
}
