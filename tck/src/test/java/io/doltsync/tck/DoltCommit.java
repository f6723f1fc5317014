package io.doltsync.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One commit of the mirrored branch, as {@code dolt_log} shows it. */
record DoltCommit(String hash, String author, String email, String message) {

  private static final Pattern TRANSACTION = Pattern.compile("(?m)^Doltsync-Transaction: (\\S+)$");
  private static final Pattern INSTANCE = Pattern.compile("(?m)^Doltsync-Instance: (.+)$");

  /** Every {@code Doltsync-Transaction} trailer of the message (one for a mirrored transaction). */
  List<String> transactionIds() {
    List<String> ids = new ArrayList<>();
    Matcher matcher = TRANSACTION.matcher(message);
    while (matcher.find()) {
      ids.add(matcher.group(1));
    }
    return ids;
  }

  /** The {@code Doltsync-Instance} trailer, or {@code null}. */
  String instance() {
    Matcher matcher = INSTANCE.matcher(message);
    return matcher.find() ? matcher.group(1).strip() : null;
  }

  boolean isBootstrap() {
    return message.contains("\nDoltsync-Bootstrap: true");
  }

  /** The message without doltsync's trailer block: what the application (or the default summary) said. */
  String body() {
    int trailers = message.indexOf("\n\nDoltsync-");
    return (trailers < 0 ? message : message.substring(0, trailers)).strip();
  }

  /** The first line, for summaries. */
  String title() {
    return message.lines().findFirst().orElse("");
  }
}
