package io.doltsync.internal.mirror;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine-readable lines doltsync appends to every Dolt commit message it writes, Git-trailer style:
 * <pre>
 * orders: 2 rows
 *
 * Doltsync-Transaction: 6f1c2e0a-...
 * Doltsync-Journal: 124
 * Doltsync-Instance: app-1:4242
 * Doltsync-Primary-Commit: 2026-11-22T02:10:00.123456Z
 * </pre>
 * The bootstrap commit carries {@code Doltsync-Bootstrap: true} and the transactions its snapshot already
 * contains ({@code Doltsync-Included: id,id,...}). A group commit ({@code doltsync.groupCommit}) carries
 * {@code Doltsync-Group: n} and then one block of the four lines above per transaction, in journal order.
 * The applier reads these back to apply every journal entry exactly once.
 */
public final class CommitTrailer {

  public static final String TRANSACTION = "Doltsync-Transaction";
  public static final String JOURNAL = "Doltsync-Journal";
  public static final String INSTANCE = "Doltsync-Instance";
  public static final String PRIMARY_COMMIT = "Doltsync-Primary-Commit";
  public static final String BOOTSTRAP = "Doltsync-Bootstrap";
  public static final String INCLUDED = "Doltsync-Included";
  public static final String GROUP = "Doltsync-Group";
  public static final String PRIMARY = "Doltsync-Primary";
  /** The lineage scope (see {@code DoltSync.lineage}) a transaction was committed in. */
  public static final String FLOW = "Doltsync-Flow";
  public static final String RUN = "Doltsync-Run";
  public static final String STEP = "Doltsync-Step";

  private static final Pattern TRANSACTION_LINE = Pattern.compile("(?m)^" + TRANSACTION + ": (\\S+)$");
  private static final Pattern JOURNAL_LINE = Pattern.compile("(?m)^" + JOURNAL + ": (\\d+)$");
  private static final Pattern INCLUDED_LINE = Pattern.compile("(?m)^" + INCLUDED + ": (\\S*)$");
  private static final Pattern PRIMARY_LINE = Pattern.compile("(?m)^" + PRIMARY + ": (.+)$");

  private CommitTrailer() {}

  /** The full message of a mirrored transaction's commit. */
  public static String forTransaction(String message, String transactionId, long journalId, String instance,
      Instant primaryCommit) {
    return message.strip() + "\n\n"
        + TRANSACTION + ": " + oneLine(transactionId) + "\n"
        + JOURNAL + ": " + journalId + "\n"
        + INSTANCE + ": " + oneLine(instance) + "\n"
        + PRIMARY_COMMIT + ": " + primaryCommit;
  }

  /** {@link #forTransaction}, with the lineage scope's lines when the transaction was committed in one. */
  public static String forTransaction(String message, String transactionId, long journalId, String instance,
      Instant primaryCommit, io.doltsync.internal.journal.JournalEntry.Lineage lineage) {
    return forTransaction(message, transactionId, journalId, instance, primaryCommit) + lineageLines(lineage);
  }

  private static String lineageLines(io.doltsync.internal.journal.JournalEntry.Lineage lineage) {
    return lineage == null ? "" : "\n" + FLOW + ": " + oneLine(lineage.flow()) + "\n" + RUN + ": "
        + oneLine(lineage.run()) + "\n" + STEP + ": " + oneLine(lineage.step());
  }

  /** One primary transaction a Dolt commit contains, with the lineage scope it was committed in (or null). */
  public record Applied(String transactionId, long journalId, String instance, Instant primaryCommit,
      io.doltsync.internal.journal.JournalEntry.Lineage lineage) {
    public Applied(String transactionId, long journalId, String instance, Instant primaryCommit) {
      this(transactionId, journalId, instance, primaryCommit, null);
    }
  }

  /**
   * The full message of a commit that carries several consecutive transactions (a group commit): the given
   * summary, then {@code Doltsync-Group: n} and each transaction's trailer block in the order given.
   */
  public static String forGroup(String summary, List<Applied> transactions) {
    if (transactions.isEmpty()) {
      throw new IllegalArgumentException("a group commit carries at least one transaction");
    }
    StringBuilder message = new StringBuilder(summary.strip()).append("\n\n")
        .append(GROUP).append(": ").append(transactions.size());
    for (Applied applied : transactions) {
      message.append('\n').append(TRANSACTION).append(": ").append(oneLine(applied.transactionId()))
          .append('\n').append(JOURNAL).append(": ").append(applied.journalId())
          .append('\n').append(INSTANCE).append(": ").append(oneLine(applied.instance()))
          .append('\n').append(PRIMARY_COMMIT).append(": ").append(applied.primaryCommit())
          .append(lineageLines(applied.lineage()));
    }
    return message.toString();
  }

  /** The journal ids a commit message names, in the order it lists them. */
  public static List<Long> journalIdsOf(String message) {
    List<Long> ids = new ArrayList<>();
    if (hasTrailer(message)) {
      Matcher journal = JOURNAL_LINE.matcher(trailer(message));
      while (journal.find()) {
        ids.add(Long.parseLong(journal.group(1)));
      }
    }
    return ids;
  }

  /** The full message of the bootstrap commit; {@code primary} is the {@link PrimaryIdentity} it copied. */
  public static String forBootstrap(String message, Set<String> includedTransactions, String instance, String primary) {
    return message.strip() + "\n\n"
        + BOOTSTRAP + ": true\n"
        + INCLUDED + ": " + oneLine(String.join(",", includedTransactions)) + "\n"
        + INSTANCE + ": " + oneLine(instance) + "\n"
        + PRIMARY + ": " + oneLine(primary);
  }

  /** The primary identity a bootstrap commit's trailer records, or {@code null}. */
  public static String primaryOf(String message) {
    if (!hasTrailer(message)) {
      return null;
    }
    Matcher matcher = PRIMARY_LINE.matcher(trailer(message));
    return matcher.find() ? matcher.group(1) : null;
  }

  /**
   * A trailer value on one line: line breaks (from an instance name, or a journal row another client wrote)
   * become spaces, so a value can never add trailer lines of its own.
   */
  static String oneLine(String value) {
    return value == null ? "" : value.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]", " ");
  }

  /**
   * The trailer of a commit message: its last paragraph, where doltsync always writes it. The application's
   * own message comes before it, so lines of that message that look like trailer lines are never read as
   * the trailer, whatever they say.
   */
  static String trailer(String message) {
    String text = message.stripTrailing();
    int blank = text.lastIndexOf("\n\n");
    return blank < 0 ? text : text.substring(blank + 2);
  }

  /** True when the message ends with a doltsync trailer (its last paragraph has only trailer lines). */
  public static boolean hasTrailer(String message) {
    if (message == null) {
      return false;
    }
    String trailer = trailer(message);
    return !trailer.isEmpty() && trailer.lines().allMatch(line -> line.startsWith("Doltsync-") && line.contains(": "));
  }

  /** The transactions a commit message says it contains (its own, or a bootstrap's included ones). */
  public static Set<String> transactionsOf(String message) {
    Set<String> ids = new LinkedHashSet<>();
    if (!hasTrailer(message)) {
      return ids;
    }
    message = trailer(message);
    Matcher transaction = TRANSACTION_LINE.matcher(message);
    while (transaction.find()) {
      ids.add(transaction.group(1));
    }
    Matcher included = INCLUDED_LINE.matcher(message);
    while (included.find()) {
      for (String id : included.group(1).split(",")) {
        if (!id.isBlank()) {
          ids.add(id.trim());
        }
      }
    }
    return ids;
  }

  /** True for the bootstrap commit's message. */
  public static boolean isBootstrap(String message) {
    return hasTrailer(message) && trailer(message).lines().anyMatch(line -> line.equals(BOOTSTRAP + ": true"));
  }

  /** True for the message of a mirrored transaction's commit. */
  public static boolean isTransaction(String message) {
    return hasTrailer(message) && trailer(message).lines().anyMatch(line -> line.startsWith(TRANSACTION + ": "));
  }
}
