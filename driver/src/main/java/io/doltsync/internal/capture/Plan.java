package io.doltsync.internal.capture;

import java.util.List;

/**
 * How one SQL text runs through a wrapped connection, decided once per text: straight to the primary
 * ({@link PassThroughPlan}), to the primary with its changes captured ({@link WritePlan}), as a transaction
 * boundary the session must see ({@link TransactionControlPlan}), to Dolt ({@link DoltPlan}), or to one of
 * doltsync's own procedures ({@link ProcedurePlan}).
 *
 * <p>The set of plans is closed: code that acts on a plan tests its kind with a type pattern, never casts
 * (Java 17 has no pattern-matching {@code switch} outside preview).
 */
public sealed interface Plan permits PassThroughPlan, WritePlan, TransactionControlPlan, DoltPlan, ProcedurePlan {

  /** Runs on the primary exactly as given, with nothing else to do. */
  Plan PASS_THROUGH = PassThroughPlan.INSTANCE;

  /**
   * True when the statement does not run on the primary: it goes to Dolt, or it calls one of doltsync's own
   * procedures; either way the session runs it ({@code Session.executeOnDolt}).
   */
  default boolean routesToDolt() {
    return this instanceof DoltPlan || this instanceof ProcedurePlan;
  }

  /**
   * True when the statement must run through the session's write path: a write that may change mirrored
   * tables, or a transaction boundary.
   */
  default boolean isCapturedWrite() {
    return this instanceof WritePlan || this instanceof TransactionControlPlan;
  }

  /** True when the capture learns the written keys from the driver's generated keys. */
  default boolean needsGeneratedKeys() {
    return false;
  }

  /**
   * The plan of this statement executed so that the driver returns, for the capture, the rows it changes
   * (the statement prepared or executed with {@link WritePlan#returnedColumns()}), or {@code null}.
   */
  default WritePlan returningVariant() {
    return null;
  }

  /**
   * The columns whose values the driver must return for this plan's capture (asked for as generated keys by
   * column names), or {@code null} when the plan reads no returned rows.
   */
  default List<String> returnedColumns() {
    return null;
  }

  /**
   * Whether the generated keys the plan needs ({@link #needsGeneratedKeys}) only complete one row's image
   * ({@link TableEffect.GeneratedKeyImages}): an execution that did not ask for keys itself may then go with its
   * journal entry in one statement (the session splices the key in there).
   */
  default boolean keysOnlyForImage() {
    return false;
  }

  /** True when the wrapper must record the bound parameter values for the session. */
  default boolean needsParameters() {
    return this instanceof WritePlan || this instanceof DoltPlan || this instanceof ProcedurePlan;
  }

  /** What the capture records around the statement (a {@link WritePlan}'s table effects), else nothing. */
  default List<TableEffect> effects() {
    return List.of();
  }
}
