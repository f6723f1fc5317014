package io.doltsync.internal.mirror;

import java.util.List;

/**
 * Group commit ({@code doltsync.groupCommit}, see {@link CommitPolicy#grouping}): the message of a Dolt commit
 * that carries several consecutive journal entries. With a limit of 1 (the
 * default) every primary transaction becomes a Dolt commit of its own. With more, the applier folds the
 * entries it finds waiting (a backlog) into one commit, in journal order; an entry that arrives alone is
 * still committed alone, so grouping only happens when Dolt cannot keep up with commit-per-transaction.
 *
 * <p>A group's commit is authored by its first transaction's author, dated by its last transaction's
 * primary commit, and its message lists every transaction's message; its trailer names every transaction
 * ({@link CommitTrailer#forGroup}), which is what exactly-once recovery reads. A transaction that failed
 * before is always committed alone (its quarantine attempts stay its own), and when Dolt refuses a group,
 * its transactions are applied one by one.
 */
final class GroupCommit {

  private GroupCommit() {}

  /** The message (before the trailer) of a commit carrying these transactions, in order. */
  static String summary(List<String> messages) {
    if (messages.size() == 1) {
      return messages.get(0);
    }
    StringBuilder summary = new StringBuilder("doltsync group commit: ").append(messages.size()).append(" transactions");
    for (int i = 0; i < messages.size(); i++) {
      String message = messages.get(i) == null ? "" : messages.get(i).strip();
      summary.append("\n\n[").append(i + 1).append("] ").append(message.replace("\n", "\n    "));
    }
    return summary.toString();
  }
}
