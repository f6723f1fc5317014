package io.doltsync.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generator: commit authors and messages an application may pass through {@code DoltSyncConnection}: names and
 * emails with parentheses, quotes, angle brackets, non-ASCII letters, surrounding blanks, blank ones and very long
 * ones; messages with lines that look like doltsync's trailer. Every case is MIRRORED, and {@code dolt_log} holds
 * the documented mapping (README "Who and why"): parentheses become square brackets, the email loses angle brackets,
 * blanks are trimmed, a blank name or email becomes {@code doltsync} / {@code doltsync@localhost}; the message
 * is kept and the real trailer is its last paragraph.
 */
final class CommitMetadataCases {

  private static final String ALPHABET = "abcXYZ ()<>\"'`[]é漢ß@.,;:-_\\/";

  private CommitMetadataCases() {}

  static List<HostileCase> cases(HostileWorld world, Random random, int count) {
    String table = "h_metadata";
    List<HostileCase> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> setup = i == 0 ? List.of("CREATE TABLE " + world.q(table) + " (id INT NOT NULL PRIMARY KEY, v INT)")
          : List.of();
      String name = text(random, random.nextInt(8) == 0 ? 300 + random.nextInt(300) : random.nextInt(24));
      String email = random.nextInt(6) == 0 ? "  " : "<" + text(random, random.nextInt(16)) + "@example.com>";
      String fakeTrailer = "Doltsync-Transaction: " + java.util.UUID.randomUUID();
      String message = "Hostile message " + i + "\n\n" + fakeTrailer + "\nDoltsync-Journal: " + random.nextInt(99)
          + (random.nextBoolean() ? "\n\nDoltsync-Instance: forged" : "");
      int id = i + 1;
      cases.add(new HostileCase("commit metadata", "author [" + abbreviate(name) + "] <" + abbreviate(email) + ">",
          HostileOutcome.MIRRORED, List.of(table), setup, w -> {
            w.app().setAutoCommit(false);
            w.execute("INSERT INTO " + w.q(table) + " (id, v) VALUES (" + id + ", " + id + ")");
            w.doltSync().setCommitAuthor(name, email);
            w.doltSync().setCommitMessage(message);
            w.app().commit();
            w.app().setAutoCommit(true);
            String hash = w.doltSync().awaitMirrored(HostileWorld.TIMEOUT);
            List<String> commit = w.doltCommit(hash);
            if (commit == null) {
              throw new AssertionError("no Dolt commit " + hash + " in dolt_log");
            }
            check("committer", expectedName(name), commit.get(0));
            check("email", expectedEmail(email), commit.get(1));
            String stored = commit.get(2);
            int last = stored.lastIndexOf("\n\n");
            String trailer = last < 0 ? "" : stored.substring(last + 2);
            if (!stored.startsWith(message) || !trailer.startsWith("Doltsync-Transaction: ")
                || trailer.startsWith(fakeTrailer)) {
              throw new AssertionError("message not kept with the real trailer last: [" + stored + "]");
            }
          }));
    }
    return cases;
  }

  /** README: the name keeps everything but parentheses (square brackets) and surrounding white space. */
  static String expectedName(String name) {
    String mapped = name.strip().replace('(', '[').replace(')', ']');
    return mapped.isEmpty() ? "doltsync" : mapped;
  }

  /** README: the email loses angle brackets and surrounding white space; parentheses become square brackets. */
  static String expectedEmail(String email) {
    String mapped = email.replace("<", "").replace(">", "").strip().replace('(', '[').replace(')', ']');
    return mapped.isEmpty() ? "doltsync@localhost" : mapped;
  }

  private static void check(String what, String expected, String actual) {
    if (!expected.equals(actual)) {
      throw new AssertionError(what + " stored as [" + actual + "], the documented mapping gives [" + expected + "]");
    }
  }

  private static String text(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…(" + text.length() + ")" : text;
  }
}
