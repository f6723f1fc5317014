package io.doltsync.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass block text ({@link MariaDbJournalBlock}) equals, character for character, the text the previous
 * code built by concatenation with the statements that keep the session's {@code LAST_INSERT_ID()} around the insert, for generated transaction ids, instance names (any Unicode, empty, null),
 * payloads (empty to 64 KiB, any bytes, a buffer longer than the payload) and both endings; a transaction id of
 * hex digits and dashes (doltsync's own ids) is a plain quoted literal, any other id the hex literal as before.
 */
class MariaDbJournalBlockTest {

  @Test
  void blockEqualsTheConcatenatedTextOnGeneratedEntries() {
    Random random = new Random(20261206);
    for (int round = 0; round < 500; round++) {
      String quotedName = "`" + text(random, 1 + random.nextInt(20)).replace("`", "``") + "`";
      MariaDbJournalBlock block = new MariaDbJournalBlock(quotedName);
      String instance = instance(random);
      for (int entry = 0; entry < 3; entry++) { // the same instance again: its literal is reused
        String txn = random.nextInt(4) == 0 ? anyId(random) : java.util.UUID.randomUUID().toString();
        int length = switch (random.nextInt(4)) {
          case 0 -> 0;
          case 1 -> random.nextInt(16);
          case 2 -> random.nextInt(4096);
          default -> random.nextInt(64 * 1024 + 1);
        };
        byte[] payload = new byte[length + random.nextInt(3) * random.nextInt(100)];
        random.nextBytes(payload);
        boolean leave = random.nextBoolean();
        assertThat(block.of(txn, instance, payload, length, leave))
            .isEqualTo(previous(quotedName, txn, instance, Arrays.copyOf(payload, length), leave));
        byte[] exact = Arrays.copyOf(payload, length);
        StringBuilder appended = new StringBuilder("x");
        block.appendInsert(appended, txn, instance, exact);
        assertThat(appended.toString()).isEqualTo("x" + "SET doltsync_lid = LAST_INSERT_ID(); INSERT INTO " + quotedName
            + " (txn, chunk, chunks, instance, payload) VALUES (" + previousId(txn) + ", 0, 1, "
            + previousText(instance) + ", " + previousHex(exact) + "); DO LAST_INSERT_ID(doltsync_lid)");
      }
    }
  }

  @Test
  void anotherInstanceThroughTheSameTableGetsItsOwnLiteral() {
    MariaDbJournalBlock block = new MariaDbJournalBlock("`j`");
    byte[] payload = {1, 2, (byte) 0xff};
    for (String instance : new String[] {"a", "b", null, "a", "é", null}) {
      assertThat(block.of("t", instance, payload, 3, false)).isEqualTo(previous("`j`", "t", instance, payload, false));
    }
  }

  /** Ids of any form: hex digits and dashes, or any text (quotes, backslashes, Unicode), empty, long. */
  private static String anyId(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> "";
      case 1 -> "ab'c\\d-" + random.nextInt(100);
      case 2 -> "0123456789abcdefABCDEF-".repeat(1 + random.nextInt(4));
      default -> text(random, random.nextInt(40));
    };
  }

  /** An id's literal: quoted when it is 1 to 64 hex digits and dashes, else the hex literal. */
  private static String previousId(String txn) {
    return !txn.isEmpty() && txn.length() <= 64 && txn.matches("[0-9a-fA-F-]+") ? "'" + txn + "'" : previousText(txn);
  }

  private static String instance(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> null;
      case 1 -> "";
      default -> text(random, random.nextInt(40));
    };
  }

  /** Any Unicode text, supplementary characters and lone surrogates' neighbours included. */
  private static String text(Random random, int codePoints) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < codePoints; i++) {
      int kind = random.nextInt(4);
      int codePoint = kind == 0 ? 0x20 + random.nextInt(0x5f) : kind == 1 ? random.nextInt(0x800)
          : kind == 2 ? 0xE000 + random.nextInt(0x1000) : 0x10000 + random.nextInt(0x10000);
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }

  /** The block as the previous {@code JournalTable.appendAndCommit} built it, keeping {@code LAST_INSERT_ID()}. */
  private static String previous(String quotedName, String txn, String instance, byte[] payload, boolean leave) {
    return "BEGIN NOT ATOMIC DECLARE doltsync_lid BIGINT UNSIGNED DEFAULT LAST_INSERT_ID(); INSERT INTO " + quotedName + " (txn, chunk, chunks, instance, payload) VALUES ("
        + previousId(txn) + ", 0, 1, " + previousText(instance) + ", " + previousHex(payload) + "); DO LAST_INSERT_ID(doltsync_lid); COMMIT;"
        + (leave ? " SET autocommit = 0;" : "") + " END";
  }

  private static String previousText(String value) {
    return value == null ? "NULL"
        : "CAST(" + previousHex(value.getBytes(StandardCharsets.UTF_8)) + " AS CHAR CHARACTER SET utf8mb4)";
  }

  private static String previousHex(byte[] bytes) {
    if (bytes.length == 0) {
      return "''";
    }
    return "X'" + java.util.HexFormat.of().formatHex(bytes) + "'";
  }
}
