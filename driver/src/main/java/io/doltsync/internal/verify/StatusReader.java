package io.doltsync.internal.verify;

import io.doltsync.StatusReport;
import io.doltsync.internal.mirror.Mirror;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Reads a mirror's {@link StatusReport} from the primary's journal and quarantine and this JVM's applier. */
public final class StatusReader {

  private final Mirror mirror;
  private final QuarantineStore quarantine;

  public StatusReader(Mirror mirror, QuarantineStore quarantine) {
    this.mirror = mirror;
    this.quarantine = quarantine;
  }

  public StatusReport read() throws SQLException {
    try (Connection primary = mirror.primary().open()) {
      primary.setAutoCommit(true);
      long queue = 0;
      Duration lag = Duration.ZERO;
      if (mirror.journal().exists(primary)) {
        queue = mirror.journal().pendingCount(primary);
        Instant oldest = oldestEntry(primary);
        if (oldest != null) {
          lag = Duration.between(oldest, Instant.now());
          lag = lag.isNegative() ? Duration.ZERO : lag;
        }
      }
      String lastError = mirror.metrics().getLastError();
      String quarantineError = quarantine.lastError(primary);
      List<String> diverged = quarantine.divergedTables(primary);
      return new StatusReport(mirror.target().database(), mirror.target().branch(), queue, lag,
          quarantine.count(primary), diverged, quarantineError != null ? quarantineError : lastError,
          mirror.isApplierActive());
    }
  }

  private Instant oldestEntry(Connection primary) throws SQLException {
    try (Statement statement = primary.createStatement();
        ResultSet rs = statement.executeQuery("SELECT MIN(created_at) FROM "
            + mirror.dialect().quoteIdentifier(mirror.journal().name()))) {
      if (!rs.next()) {
        return null;
      }
      Timestamp oldest = rs.getTimestamp(1);
      return oldest == null ? null : oldest.toInstant();
    }
  }
}
