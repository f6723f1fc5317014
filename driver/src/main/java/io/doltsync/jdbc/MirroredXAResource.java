package io.doltsync.jdbc;

import io.doltsync.internal.jdbc.wrapper.Session;
import io.doltsync.internal.journal.JournalEntry;
import io.doltsync.internal.logging.DoltSyncLoggers;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.slf4j.Logger;

/**
 * The vendor's {@link XAResource}, with the mirror's part of two-phase commit: when a branch ends
 * successfully its journal entry is written inside it (so prepare, commit, recovery and rollback treat it
 * like the application's own rows); after commit the mirror is told, so the applier and read-your-history
 * waits see it at once. A branch whose journal entry cannot be written is ended as failed, so it rolls back.
 */
final class MirroredXAResource implements XAResource {

  private static final Logger LOG = DoltSyncLoggers.get(MirroredXAResource.class);

  /**
   * Journal entries of branches ended but not yet committed, by branch, with the session that wrote them. Static,
   * because a transaction manager may commit a branch through another resource of the same manager. An entry only
   * lets the mirror hear of the commit at once (the applier finds it in the journal anyway), so branches that this
   * JVM never decides (recovered elsewhere, abandoned) are dropped once {@link #STALE_NANOS} old.
   */
  private static final Map<Xid, Pending> PENDING = new ConcurrentHashMap<>();
  private static final long STALE_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(30);
  private static final int SWEEP_ABOVE = 256;

  private record Pending(Session session, JournalEntry entry, long endedAt) {}

  private final XAResource vendor;
  private final Supplier<Session> session;

  MirroredXAResource(XAResource vendor, Supplier<Session> session) {
    this.vendor = vendor;
    this.session = session;
  }

  @Override
  public void start(Xid xid, int flags) throws XAException {
    Session before = session.get();
    if (before != null) {
      try {
        before.beforePrimary(); // the branch starts on the application's own session state
      } catch (SQLException e) {
        XAException failure = new XAException(XAException.XAER_RMFAIL);
        failure.initCause(e);
        throw failure;
      }
    }
    vendor.start(xid, flags);
    Session current = session.get();
    if (current != null) {
      current.globalTransactionStarted();
    }
  }

  @Override
  public void end(Xid xid, int flags) throws XAException {
    Session current = session.get();
    if (current == null || flags == TMSUSPEND) {
      vendor.end(xid, flags);
      return;
    }
    boolean success = flags == TMSUCCESS;
    JournalEntry entry;
    try {
      entry = current.globalTransactionEnded(success);
    } catch (SQLException | RuntimeException e) {
      LOG.warn("doltsync could not journal XA branch {}; it is ended as failed and will roll back: {}", xid, e.toString());
      vendor.end(xid, TMFAIL);
      XAException failure = new XAException(XAException.XA_RBROLLBACK);
      failure.initCause(e);
      throw failure;
    }
    vendor.end(xid, flags);
    if (entry != null) {
      PENDING.put(key(xid), new Pending(current, entry, System.nanoTime()));
      if (PENDING.size() > SWEEP_ABOVE) {
        dropStale(System.nanoTime());
      }
    }
  }

  /** Forgets branches ended longer ago than {@link #STALE_NANOS}; returns how many remain. */
  static int dropStale(long now) {
    PENDING.values().removeIf(pending -> now - pending.endedAt() > STALE_NANOS);
    return PENDING.size();
  }

  @Override
  public int prepare(Xid xid) throws XAException {
    return vendor.prepare(xid);
  }

  @Override
  public void commit(Xid xid, boolean onePhase) throws XAException {
    vendor.commit(xid, onePhase);
    Pending pending = PENDING.remove(key(xid));
    if (pending != null) {
      try {
        pending.session().globalTransactionCommitted(pending.entry());
      } catch (SQLException | RuntimeException e) {
        // committed on the primary with its journal entry: the applier mirrors it; only the wait failed
        LOG.warn("doltsync: XA branch {} committed, but waiting for its Dolt commit failed: {}", xid, e.toString());
      }
    }
  }

  @Override
  public void rollback(Xid xid) throws XAException {
    try {
      vendor.rollback(xid);
    } finally {
      PENDING.remove(key(xid));
    }
  }

  @Override
  public void forget(Xid xid) throws XAException {
    try {
      vendor.forget(xid);
    } finally {
      PENDING.remove(key(xid));
    }
  }

  @Override
  public Xid[] recover(int flag) throws XAException {
    return vendor.recover(flag);
  }

  @Override
  public boolean isSameRM(XAResource other) throws XAException {
    return vendor.isSameRM(other instanceof MirroredXAResource mirrored ? mirrored.vendor : other);
  }

  @Override
  public int getTransactionTimeout() throws XAException {
    return vendor.getTransactionTimeout();
  }

  @Override
  public boolean setTransactionTimeout(int seconds) throws XAException {
    return vendor.setTransactionTimeout(seconds);
  }

  /** Xid implementations need not define equals: key branches by their format, global id and branch qualifier. */
  private static Xid key(Xid xid) {
    return new XidKey(xid.getFormatId(), xid.getGlobalTransactionId().clone(), xid.getBranchQualifier().clone());
  }

  private record XidKey(int formatId, byte[] global, byte[] branch) implements Xid {

    @Override
    public int getFormatId() {
      return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId() {
      return global.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
      return branch.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof XidKey key && key.formatId == formatId && java.util.Arrays.equals(key.global, global)
          && java.util.Arrays.equals(key.branch, branch);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * formatId + java.util.Arrays.hashCode(global)) + java.util.Arrays.hashCode(branch);
    }

    @Override
    public String toString() {
      return "Xid[" + formatId + "]";
    }
  }
}
