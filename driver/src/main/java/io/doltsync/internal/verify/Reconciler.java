package io.doltsync.internal.verify;

import io.doltsync.ReconcileReport;
import io.doltsync.VerifyReport.RowDifference;
import io.doltsync.VerifyReport.TableReport;
import io.doltsync.VerifyReport;
import io.doltsync.internal.capture.RowKey;
import io.doltsync.internal.capture.TransactionCapture;
import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.internal.mirror.Mirror;
import io.doltsync.spi.CommitMetadata;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Makes the mirrored branch equal to the primary for the tables a {@link VerifyReport} found different,
 * as one Dolt commit.
 *
 * <p>Ordering with transactions in flight: the corrections travel through the journal like any
 * transaction. In one primary transaction, the current image of every differing row is read with a
 * locking read ({@code FOR UPDATE}; tables copied whole take the share lock or next-key locks a
 * whole-table capture takes), and a journal entry carrying those images is written before the
 * transaction commits. The applier applies journal entries in order, so a concurrent transaction that
 * wrote one of those rows is applied before the correction (it committed first and released the lock)
 * or after it (it waited for the lock and read the corrected row), exactly as two application
 * transactions are ordered. This needs no lock on the applier and works whichever JVM runs it; the
 * alternative, applying while holding the applier's branch lock after draining, would have to stop
 * the applier of another process and still race with primary commits made during the apply.
 *
 * <p>Rows are corrected by key; keyless tables, tables whose Dolt shape differs (or that Dolt lacks) and
 * tables with more differing rows than the report kept are copied whole (re-created when the shape
 * differs); tables only Dolt has are dropped. Afterwards the quarantine's marks for the healed tables
 * are cleared.
 */
public final class Reconciler {

  private static final Logger LOG = DoltSyncLoggers.get(Reconciler.class);

  private final Mirror mirror;
  private final QuarantineStore quarantine;
  private final Duration wait;

  public Reconciler(Mirror mirror, QuarantineStore quarantine, Duration wait) {
    this.mirror = mirror;
    this.quarantine = quarantine;
    this.wait = wait;
  }

  public ReconcileReport reconcile(VerifyReport report) throws SQLException {
    List<TableReport> differing = report.differingTables();
    if (differing.isEmpty()) {
      clearQuarantine(report);
      return new ReconcileReport("", "", List.of());
    }
    TransactionCapture capture = new TransactionCapture();
    List<ReconcileReport.TableChange> changes = new ArrayList<>();
    for (TableReport table : differing) {
      TransactionCapture.TableTouch touch = capture.table(table.table().toLowerCase(Locale.ROOT));
      if (!table.schemaDifferences().isEmpty()) {
        touch.markSchemaChanged();
      } else if (!table.keyed() || !table.complete()) {
        touch.markCopiedEvenUnwritten(); // the heal writes nothing on the primary: copied as it is
      } else {
        for (RowDifference row : table.rows()) {
          touch.addKey(new RowKey(row.key().toArray()));
        }
      }
      boolean whole = touch.isWholeTable();
      changes.add(new ReconcileReport.TableChange(table.table(), table.missingInDolt(), table.changed(),
          table.extraInDolt(), whole));
    }
    String message = message(changes);
    String hash = mirror.journalCorrections(capture,
        new CommitMetadata("doltsync", "doltsync@localhost", message), wait);
    clearQuarantine(report);
    LOG.info("doltsync reconcile: {} -> Dolt commit {}", message, hash);
    return new ReconcileReport(hash == null ? "" : hash, message, changes);
  }

  /**
   * Clears the quarantine's marks and entries of every table the report covers (they are now equal in
   * Dolt and the primary), and those of unknown tables when the report covers every mirrored table.
   */
  private void clearQuarantine(VerifyReport report) throws SQLException {
    Set<String> healed = new HashSet<>();
    for (TableReport table : report.tables()) {
      healed.add(table.table().toLowerCase(Locale.ROOT));
      healed.add(DoltDdl.doltName(table.table()).toLowerCase(Locale.ROOT));
    }
    QuarantineTables names = new QuarantineTables(mirror.dialect(), mirror.journal().name());
    boolean allTables = mirror.catalog().tables().stream()
        .allMatch(t -> healed.contains(t.key()) || names.isQuarantineTable(t.name()));
    try (Connection primary = mirror.primary().open()) {
      primary.setAutoCommit(true);
      long cleared = quarantine.clear(primary, healed, allTables);
      if (cleared > 0) {
        LOG.info("doltsync reconcile cleared {} quarantined entries", cleared);
      }
    }
  }

  /** {@code Reconcile: orders (+1 ~2 -0), lines (+0 ~0 -3)}, with the tables' Dolt names. */
  static String message(List<ReconcileReport.TableChange> changes) {
    StringBuilder message = new StringBuilder("Reconcile: ");
    for (int i = 0; i < changes.size(); i++) {
      ReconcileReport.TableChange change = changes.get(i);
      message.append(i == 0 ? "" : ", ").append(DoltDdl.doltName(change.table())).append(" (+").append(change.inserted())
          .append(" ~").append(change.updated()).append(" -").append(change.deleted()).append(')');
    }
    return message.toString();
  }
}
