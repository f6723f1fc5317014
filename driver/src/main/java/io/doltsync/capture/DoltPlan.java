package io.doltsync.capture;

import io.doltsync.jdbc.wrapper.Plan;
import io.doltsync.sql.Classification;

/** A statement that goes to Dolt: versioning SQL typed into the application's connection. */
public record DoltPlan(Classification classification) implements Plan {

  @Override
  public boolean routesToDolt() {
    return true;
  }

  @Override
  public boolean isCapturedWrite() {
    return false;
  }

  @Override
  public boolean needsGeneratedKeys() {
    return false;
  }
}
