package io.doltsync.internal.journal;

import java.nio.charset.StandardCharsets;

/**
 * The text of the MariaDB compound statement that writes a journal entry and commits
 * ({@code BEGIN NOT ATOMIC INSERT ...; COMMIT; END}, see {@link JournalTable#appendAndCommit}), built in one
 * presized buffer: the payload's hex digits, a good half of the text, are written once instead of through a
 * literal array, a string and a concatenation, and the instance's literal is made once.
 */
final class MariaDbJournalBlock {

  private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
  private static final String VALUES_BETWEEN = ", 0, 1, ";

  private final String head;
  /** The last instance name's literal: one instance writes through a journal table, so it is built once. */
  private volatile Literal instance;

  private record Literal(String value, String text) {}

  /** @param quotedName the journal table's quoted name */
  MariaDbJournalBlock(String quotedName) {
    this.head = "BEGIN NOT ATOMIC INSERT INTO " + quotedName + " (txn, chunk, chunks, instance, payload) VALUES (";
  }

  /** The block that inserts chunk 0 of 1 with the first {@code length} bytes of {@code payload} and commits. */
  String of(String transactionId, String instanceName, byte[] payload, int length, boolean leaveAutoCommitOff) {
    String txn = idText(transactionId);
    String instanceText = instanceText(instanceName);
    String tail = leaveAutoCommitOff ? "); COMMIT; SET autocommit = 0; END" : "); COMMIT; END";
    StringBuilder block = new StringBuilder(head.length() + txn.length() + VALUES_BETWEEN.length()
        + instanceText.length() + 2 + (length == 0 ? 2 : length * 2 + 3) + tail.length());
    block.append(head).append(txn).append(VALUES_BETWEEN).append(instanceText).append(", ");
    hex(payload, length, block);
    return block.append(tail).toString();
  }

  /**
   * The {@code INSERT} of chunk 0 of 1 with {@code payload} alone, every value a hex literal, for a compound statement
   * of the caller's ({@link io.doltsync.internal.mirror.OneTripWrite}).
   */
  String insert(String transactionId, String instanceName, byte[] payload) {
    String txn = idText(transactionId);
    String instanceText = instanceText(instanceName);
    int from = "BEGIN NOT ATOMIC ".length();
    StringBuilder insert = new StringBuilder(head.length() - from + txn.length() + VALUES_BETWEEN.length()
        + instanceText.length() + 2 + payload.length * 2 + 4);
    insert.append(head, from, head.length()).append(txn).append(VALUES_BETWEEN).append(instanceText).append(", ");
    hex(payload, payload.length, insert);
    return insert.append(')').toString();
  }

  /**
   * Appends the {@code INSERT} of {@link #insert} to {@code into}, so that a caller building a larger text copies
   * the payload's hex digits once.
   */
  void appendInsert(StringBuilder into, String transactionId, String instanceName, byte[] payload) {
    int from = "BEGIN NOT ATOMIC ".length();
    into.append(head, from, head.length()).append(idText(transactionId)).append(VALUES_BETWEEN)
        .append(instanceText(instanceName)).append(", ");
    hex(payload, payload.length, into);
    into.append(')');
  }

  /** The length {@link #appendInsert} appends at most, give or take an instance name's literal. */
  int insertLength(String transactionId, byte[] payload) {
    Literal known = instance;
    return head.length() + transactionId.length() * 2 + 40 + VALUES_BETWEEN.length()
        + (known == null ? 64 : known.text().length()) + payload.length * 2 + 8;
  }

  /**
   * A transaction id's literal: a plain quoted literal when it holds only hex digits and dashes (doltsync's own ids:
   * nothing a {@code sql_mode} or a character set reads differently), else {@link #text}.
   */
  static String idText(String transactionId) {
    if (transactionId == null || transactionId.isEmpty() || transactionId.length() > 64) {
      return text(transactionId);
    }
    for (int i = 0; i < transactionId.length(); i++) {
      char c = transactionId.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '-')) {
        return text(transactionId);
      }
    }
    return "'" + transactionId + "'";
  }

  private String instanceText(String instanceName) {
    Literal known = instance;
    if (known != null && java.util.Objects.equals(known.value(), instanceName)) {
      return known.text();
    }
    Literal made = new Literal(instanceName, text(instanceName));
    instance = made;
    return made.text();
  }

  /** A MariaDB string literal of any text, as UTF-8 hex: no quoting or escaping that a {@code sql_mode} changes. */
  static String text(String value) {
    if (value == null) {
      return "NULL";
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder literal = new StringBuilder(utf8.length * 2 + 40).append("CAST(");
    hex(utf8, utf8.length, literal);
    return literal.append(" AS CHAR CHARACTER SET utf8mb4)").toString();
  }

  /** Appends {@code X'..'} of the first {@code length} bytes ({@code ''} for none). */
  private static void hex(byte[] bytes, int length, StringBuilder into) {
    if (length == 0) {
      into.append("''");
      return;
    }
    into.append("X'");
    for (int i = 0; i < length; i++) {
      into.append(HEX_DIGITS[(bytes[i] >> 4) & 0xf]).append(HEX_DIGITS[bytes[i] & 0xf]);
    }
    into.append('\'');
  }
}
