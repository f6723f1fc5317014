package io.doltsync.internal.capture;

import io.doltsync.sql.Classification;

/**
 * A statement that goes to Dolt: versioning SQL typed into the application's connection.
 *
 * @param classification how the classifier read it ({@code null} for {@link #DETACHED_HEAD})
 */
public record DoltPlan(Classification classification) implements Plan {

  /** Every statement of a connection on a detached head goes to Dolt. */
  public static final DoltPlan DETACHED_HEAD = new DoltPlan(null);
}
