package io.doltsync.internal.capture;

/** The plan of a statement that runs on the primary exactly as given, with nothing to capture. */
public enum PassThroughPlan implements Plan {
  INSTANCE;

  @Override
  public String toString() {
    return "PASS_THROUGH";
  }
}
