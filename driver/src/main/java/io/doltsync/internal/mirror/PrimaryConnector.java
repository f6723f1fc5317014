package io.doltsync.internal.mirror;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens connections to the primary database for doltsync's own work (journal, applier, bootstrap). */
@FunctionalInterface
public interface PrimaryConnector {

  Connection open() throws SQLException;

  /**
   * A replication connection to the primary ({@code replication=database}, PostgreSQL), for wal capture's slot;
   * only connections opened through doltsync's driver URL have one.
   */
  default Connection openReplication() throws SQLException {
    throw new java.sql.SQLFeatureNotSupportedException("doltsync.capture=wal needs connections opened through the"
        + " jdbc:doltsync: driver URL (it opens the replication connection with the same URL and credentials)", "0A000");
  }

  /**
   * Where binlog capture's replication client logs in (MariaDB: the host, port, user and password of the driver
   * URL); only connections opened through doltsync's driver URL have one.
   */
  default io.doltsync.internal.capture.binlog.BinlogSource.Login binlogLogin() throws SQLException {
    throw new java.sql.SQLFeatureNotSupportedException("doltsync.capture=binlog needs connections opened through the"
        + " jdbc:doltsync: driver URL (its replication client logs in with the same host, port and credentials)",
        "0A000");
  }

  /**
   * True when connections come from the application's pool: doltsync then returns them as soon as it is
   * idle instead of holding one for its applier.
   */
  default boolean isPooled() {
    return false;
  }

  /** A connector whose connections come from a pool. */
  static PrimaryConnector pooled(PrimaryConnector connector) {
    return pooled(connector, null);
  }

  /**
   * {@link #pooled(PrimaryConnector)}, whose {@link #openReplication()} opens {@code replication}'s connection (wal
   * capture through an XA DataSource); {@code null}: not supported.
   */
  static PrimaryConnector pooled(PrimaryConnector connector, PrimaryConnector replication) {
    return new PrimaryConnector() {
      @Override
      public Connection open() throws SQLException {
        return connector.open();
      }

      @Override
      public Connection openReplication() throws SQLException {
        return replication != null ? replication.open() : PrimaryConnector.super.openReplication();
      }

      @Override
      public boolean isPooled() {
        return true;
      }
    };
  }
}
