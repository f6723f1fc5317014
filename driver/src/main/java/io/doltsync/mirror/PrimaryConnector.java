package io.doltsync.mirror;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens connections to the primary database for doltsync's own work (journal, applier, bootstrap). */
@FunctionalInterface
public interface PrimaryConnector {
  Connection open() throws SQLException;
}
