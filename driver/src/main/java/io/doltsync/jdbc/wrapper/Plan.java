package io.doltsync.jdbc.wrapper;



/**
 * How one SQL text runs through a wrapped connection, decided once per text: straight to the primary,
 * to the primary with its changes captured, or to Dolt.
 */
public interface Plan {

  /** Runs on the primary exactly as given, with nothing else to do. */
  Plan PASS_THROUGH = new Plan() {
    @Override
    public boolean routesToDolt() {
      return false;
    }

    @Override
    public boolean isCapturedWrite() {
      return false;
    }

    @Override
    public boolean needsGeneratedKeys() {
      return false;
    }

    @Override
    public String toString() {
      return "PASS_THROUGH";
    }
  };

  /** True when the statement goes to Dolt instead of the primary. */
  boolean routesToDolt();

  /** True when the statement may change mirrored tables and must run through the session's write path. */
  boolean isCapturedWrite();

  /** True when the capture learns the written keys from the driver's generated keys. */
  boolean needsGeneratedKeys();

  /** True when the wrapper must record the bound parameter values for the session. */
  default boolean needsParameters() {
    return routesToDolt() || isCapturedWrite();
  }
}
