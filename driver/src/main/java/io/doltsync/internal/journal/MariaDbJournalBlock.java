package io.doltsync.internal.journal;

import java.nio.charset.StandardCharsets;

/**
 * The text of the MariaDB compound statement that writes a journal entry and commits
 * ({@code BEGIN NOT ATOMIC DECLARE ... DEFAULT LAST_INSERT_ID(); INSERT ...; DO LAST_INSERT_ID(...); COMMIT; END},
 * see {@link JournalTable#appendAndCommit}): the journal row's generated id would become the session's
 * {@code LAST_INSERT_ID()}, which the application reads after its own insert, so the block keeps the value it had
 * and sets it back after the insert. Built in one presized buffer: the payload's hex digits, a good half of the text, are written once instead of through a
 * literal array, a string and a concatenation, and the instance's literal is made once.
 */
final class MariaDbJournalBlock {

  private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
  private static final String VALUES_BETWEEN = ", 0, 1, ";

  /** The variable that keeps the session's {@code LAST_INSERT_ID()} over a journal insert. */
  static final String SAVED_ID = "doltsync_lid";
  /** The declaration of {@link #SAVED_ID} a caller's block must open with for {@link #appendInsert}. */
  static final String DECLARE_SAVED_ID = "DECLARE " + SAVED_ID + " BIGINT UNSIGNED; ";
  private static final String OPEN =
      "BEGIN NOT ATOMIC DECLARE " + SAVED_ID + " BIGINT UNSIGNED DEFAULT LAST_INSERT_ID(); ";
  private static final String SAVE = "SET " + SAVED_ID + " = LAST_INSERT_ID(); ";
  private static final String RESTORE = "; DO LAST_INSERT_ID(" + SAVED_ID + ")";

  /** {@code INSERT INTO <journal> (...) VALUES (}. */
  private final String head;
  /** The last instance name's literal: one instance writes through a journal table, so it is built once. */
  private volatile Literal instance;

  private record Literal(String value, String text) {}

  /** @param quotedName the journal table's quoted name */
  MariaDbJournalBlock(String quotedName) {
    this.head = "INSERT INTO " + quotedName + " (txn, chunk, chunks, instance, payload) VALUES (";
  }

  /** The block that inserts chunk 0 of 1 with the first {@code length} bytes of {@code payload} and commits. */
  String of(String transactionId, String instanceName, byte[] payload, int length, boolean leaveAutoCommitOff) {
    String txn = idText(transactionId);
    String instanceText = instanceText(instanceName);
    String tail = leaveAutoCommitOff ? ")" + RESTORE + "; COMMIT; SET autocommit = 0; END"
        : ")" + RESTORE + "; COMMIT; END";
    StringBuilder block = new StringBuilder(OPEN.length() + head.length() + txn.length() + VALUES_BETWEEN.length()
        + instanceText.length() + 2 + (length == 0 ? 2 : length * 2 + 3) + tail.length());
    block.append(OPEN).append(head).append(txn).append(VALUES_BETWEEN).append(instanceText).append(", ");
    hex(payload, length, block);
    return block.append(tail).toString();
  }

  /** The SQLState and message of {@link #ifEmpty}'s refusal. */
  static final String NOT_EMPTY_STATE = "45000";
  static final String NOT_EMPTY_MESSAGE = "doltsync: a table created empty has rows";

  /**
   * The block that starts a transaction, reads one row of each of the {@code quotedTables} with a lock
   * ({@code FOR UPDATE}: a concurrent insert waits for the block's commit, or the block for the insert's), and when
   * none has a row inserts chunk 0 of 1 with the first {@code length} bytes of {@code payload} and commits; else it
   * rolls back and fails with {@link #NOT_EMPTY_STATE} / {@link #NOT_EMPTY_MESSAGE}.
   */
  String ifEmpty(java.util.List<String> quotedTables, String transactionId, String instanceName, byte[] payload,
      int length) {
    StringBuilder block = new StringBuilder(OPEN.length() + head.length() + 400 + length * 2);
    block.append(OPEN).append("DECLARE doltsync_rows INT DEFAULT 0; DECLARE CONTINUE HANDLER FOR NOT FOUND BEGIN END; ")
        .append("START TRANSACTION; ");
    for (String table : quotedTables) {
      block.append("SELECT 1 INTO doltsync_rows FROM ").append(table).append(" LIMIT 1 FOR UPDATE; ");
    }
    block.append("IF doltsync_rows = 0 THEN ").append(head).append(idText(transactionId)).append(VALUES_BETWEEN)
        .append(instanceText(instanceName)).append(", ");
    hex(payload, length, block);
    return block.append(')').append(RESTORE).append("; COMMIT; ELSE ROLLBACK; SIGNAL SQLSTATE '")
        .append(NOT_EMPTY_STATE).append("' SET MESSAGE_TEXT = '").append(NOT_EMPTY_MESSAGE).append("'; END IF; END")
        .toString();
  }

  /**
   * Appends the {@code INSERT} of chunk 0 of 1 with {@code payload}, every value a hex literal, to {@code into}
   * (a caller building a larger text copies the payload's hex digits once), between statements that keep the
   * session's {@code LAST_INSERT_ID()} in {@link #SAVED_ID} and set it back: the caller's compound statement
   * declares it ({@link #DECLARE_SAVED_ID}).
   */
  void appendInsert(StringBuilder into, String transactionId, String instanceName, byte[] payload) {
    appendInsert(into, transactionId, instanceName, payload, -1);
  }

  /**
   * {@link #appendInsert(StringBuilder, String, String, byte[])}; when {@code keySlot} is not negative, the eight
   * bytes of the payload there are the server's {@link #SAVED_ID} (the {@code LAST_INSERT_ID()} of the statement
   * before the journal insert, big-endian): {@code CONCAT(X'<before>', UNHEX(LPAD(HEX(doltsync_lid), 16, '0')),
   * X'<after>')}.
   */
  void appendInsert(StringBuilder into, String transactionId, String instanceName, byte[] payload, int keySlot) {
    into.append(SAVE).append(head).append(idText(transactionId)).append(VALUES_BETWEEN)
        .append(instanceText(instanceName)).append(", ");
    if (keySlot < 0) {
      hex(payload, payload.length, into);
    } else {
      into.append("CONCAT(");
      hex(payload, keySlot, into);
      into.append(", ").append(SAVED_KEY).append(", ");
      hex(payload, keySlot + 8, payload.length, into);
      into.append(')');
    }
    into.append(')').append(RESTORE);
  }

  /** The saved generated key's eight bytes, big-endian, as {@link JournalCodec} writes a {@code long}. */
  private static final String SAVED_KEY = "UNHEX(LPAD(HEX(" + SAVED_ID + "), 16, '0'))";

  /** The length {@link #appendInsert} appends at most, give or take an instance name's literal. */
  int insertLength(String transactionId, byte[] payload) {
    Literal known = instance;
    return SAVE.length() + head.length() + RESTORE.length() + transactionId.length() * 2 + 80 + VALUES_BETWEEN.length()
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
    hex(bytes, 0, length, into);
  }

  /** Appends {@code X'..'} of the bytes from {@code from} up to {@code to} ({@code ''} for none). */
  private static void hex(byte[] bytes, int from, int to, StringBuilder into) {
    if (from == to) {
      into.append("''");
      return;
    }
    into.append("X'");
    for (int i = from; i < to; i++) {
      into.append(HEX_DIGITS[(bytes[i] >> 4) & 0xf]).append(HEX_DIGITS[bytes[i] & 0xf]);
    }
    into.append('\'');
  }
}
