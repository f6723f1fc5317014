package io.doltsync.sql;

import java.util.Set;

/**
 * How one SQL text is handled: its kind, and whether it goes to Dolt. Immutable.
 *
 * @param kind           the kind of the first statement
 * @param doltFeatures   the Dolt features the text uses; non-empty means it is routed to Dolt
 * @param multiStatement true when the text holds more than one statement (separated by {@code ;})
 */
public record Classification(StatementKind kind, Set<DoltFeature> doltFeatures, boolean multiStatement) {

  public Classification {
    doltFeatures = Set.copyOf(doltFeatures);
  }

  /** True when the statement goes to Dolt instead of the primary. */
  public boolean routesToDolt() {
    return !doltFeatures.isEmpty();
  }

  /** True when the statement can change the primary (see {@link StatementKind#isWrite()}). */
  public boolean isWrite() {
    return kind.isWrite();
  }
}
