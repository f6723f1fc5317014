package io.doltsync.internal.mirror;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens connections to the primary database for doltsync's own work (journal, applier, bootstrap). */
@FunctionalInterface
public interface PrimaryConnector {

  Connection open() throws SQLException;

  /**
   * True when connections come from the application's pool: doltsync then returns them as soon as it is
   * idle instead of holding one for its applier.
   */
  default boolean isPooled() {
    return false;
  }

  /** A connector whose connections come from a pool. */
  static PrimaryConnector pooled(PrimaryConnector connector) {
    return new PrimaryConnector() {
      @Override
      public Connection open() throws SQLException {
        return connector.open();
      }

      @Override
      public boolean isPooled() {
        return true;
      }
    };
  }
}
