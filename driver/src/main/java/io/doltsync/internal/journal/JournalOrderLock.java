package io.doltsync.internal.journal;

import java.util.Locale;

/**
 * PostgreSQL: orders journal writes around whole-table copies with one transaction-level advisory lock per
 * journal, instead of share locks on the copied tables.
 *
 * <p>A transaction that copies a table whole at commit must not let another writer of that table commit between
 * the copy's read and its own commit (that writer's entry could be applied before the copy, which would undo it
 * in Dolt). A share lock on the table does that, but it waits for every open writer of the table, also one that
 * waits for this transaction's own row locks: a deadlock the application would never have had. Here every
 * journal insert takes this lock in shared mode, inside the insert, after all the transaction's image reads; a
 * copying transaction takes it exclusively just before its copies' plain reads. Whoever holds it waits for
 * nothing else any more (the rest is the journal insert and the commit), so waiting for it cannot close a cycle;
 * and a writer that has not reached its journal insert when the copy is read commits after the copy, with a later
 * journal id.
 */
public final class JournalOrderLock {

  /** The first key of doltsync's advisory locks ("dolt"). */
  private static final int CLASS_ID = 0x646f6c74;

  private final int key;

  /** @param journalName the journal table's name (journals of one name share the lock, which is only slower) */
  public JournalOrderLock(String journalName) {
    this.key = journalName.toLowerCase(Locale.ROOT).hashCode();
  }

  /** A {@code WITH} element, {@code doltsync_order}, that takes the lock in shared mode when a query reads it. */
  public String sharedCte() {
    return "doltsync_order AS (SELECT pg_advisory_xact_lock_shared(" + CLASS_ID + ", " + key + "))";
  }

  /** The statement that takes the lock exclusively, until the transaction ends. */
  public String exclusiveStatement() {
    return "SELECT pg_advisory_xact_lock(" + CLASS_ID + ", " + key + ")";
  }
}
