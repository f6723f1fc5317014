package io.doltsync.mirror;

import java.time.Instant;
import java.util.LinkedHashSet;
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
 * contains ({@code Doltsync-Included: id,id,...}). The applier reads these back to apply every journal
 * entry exactly once.
 */
public final class CommitTrailer {

  public static final String TRANSACTION = "Doltsync-Transaction";
  public static final String JOURNAL = "Doltsync-Journal";
  public static final String INSTANCE = "Doltsync-Instance";
  public static final String PRIMARY_COMMIT = "Doltsync-Primary-Commit";
  public static final String BOOTSTRAP = "Doltsync-Bootstrap";
  public static final String INCLUDED = "Doltsync-Included";

  private static final Pattern TRANSACTION_LINE = Pattern.compile("(?m)^" + TRANSACTION + ": (\\S+)$");
  private static final Pattern INCLUDED_LINE = Pattern.compile("(?m)^" + INCLUDED + ": (\\S*)$");

  private CommitTrailer() {}

  /** The full message of a mirrored transaction's commit. */
  public static String forTransaction(String message, String transactionId, long journalId, String instance,
      Instant primaryCommit) {
    return message.strip() + "\n\n"
        + TRANSACTION + ": " + transactionId + "\n"
        + JOURNAL + ": " + journalId + "\n"
        + INSTANCE + ": " + instance + "\n"
        + PRIMARY_COMMIT + ": " + primaryCommit;
  }

  /** The full message of the bootstrap commit. */
  public static String forBootstrap(String message, Set<String> includedTransactions, String instance) {
    return message.strip() + "\n\n"
        + BOOTSTRAP + ": true\n"
        + INCLUDED + ": " + String.join(",", includedTransactions) + "\n"
        + INSTANCE + ": " + instance;
  }

  /** The transactions a commit message says it contains (its own, or a bootstrap's included ones). */
  public static Set<String> transactionsOf(String message) {
    Set<String> ids = new LinkedHashSet<>();
    if (message == null) {
      return ids;
    }
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
    return message != null && message.contains("\n" + BOOTSTRAP + ": true");
  }
}
