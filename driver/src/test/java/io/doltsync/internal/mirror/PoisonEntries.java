package io.doltsync.internal.mirror;

import io.doltsync.internal.journal.JournalCodec;
import io.doltsync.internal.journal.JournalEntry;
import io.doltsync.internal.journal.TableChange;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Generates journal entries the applier must quarantine, by class: entries Dolt refuses (values too long or
 * out of range for the Dolt column, tables or columns Dolt does not have), payloads that cannot be decoded
 * (random bytes, truncated entries, absurd lengths and counts, unknown tags), and journal rows whose chunk
 * numbering is impossible. Each is drawn from a seeded {@link Random}, so a failure can be replayed.
 */
final class PoisonEntries {

  /** A forged journal row: the transaction id, chunk numbering and payload to insert. */
  record Row(String txn, int chunk, int chunks, byte[] payload, String kind) {}

  private final Random random;
  private int refused;
  private int refusedAfterAGoodStatement;

  PoisonEntries(long seed) {
    this.random = new Random(seed);
  }

  /**
   * An entry for table {@code table (id INT PRIMARY KEY, note VARCHAR(20))} that Dolt refuses; returns it
   * with the Dolt table it names.
   */
  JournalEntry refusedByDolt(String table) {
    String txn = UUID.randomUUID().toString();
    long id = 1_000_000 + random.nextInt(1_000_000);
    TableChange change = switch (random.nextInt(4)) {
      case 0 -> rows(table, List.of("id", "note"), new Object[] {id, "x".repeat(21 + random.nextInt(500))});
      case 1 -> rows(table, List.of("id", "note"), new Object[] {(1L << 31) + random.nextInt(1 << 20), "big"});
      case 2 -> rows(table + "_missing_" + random.nextInt(1000), List.of("id"), new Object[] {id});
      default -> rows(table, List.of("id", "no_such_column_" + random.nextInt(1000)), new Object[] {id, "v"});
    };
    if (refused++ % 2 == 0 && change.table().equals(table)) {
      // the refused row after a statement Dolt takes (the delete of row 1): a refused entry must commit neither
      change = new TableChange(change.table(), TableChange.Kind.ROWS, null, change.columns(), List.of("id"),
          change.upserts(), List.<Object[]>of(new Object[] {1L}));
    }
    if (!change.deletedKeys().isEmpty()) {
      refusedAfterAGoodStatement++;
    }
    return new JournalEntry(txn, "forger:1", "Mallory", "mallory@example.com", "refused", List.of(change), false);
  }

  /** How many refused entries so far delete row 1 (a statement Dolt takes) before their refused row. */
  int refusedAfterAGoodStatement() {
    return refusedAfterAGoodStatement;
  }

  private static TableChange rows(String table, List<String> columns, Object[] row) {
    return new TableChange(table, TableChange.Kind.ROWS, null, columns, List.of("id"), List.<Object[]>of(row),
        List.of());
  }

  /** A journal row whose payload cannot be decoded. */
  Row undecodable(String table) throws IOException {
    String txn = UUID.randomUUID().toString();
    byte[] valid = JournalCodec.encode(new JournalEntry(txn, "forger:1", "M", "m@example.com", "x",
        List.of(rows(table, List.of("id", "note"), new Object[] {7L, "seven"})), false));
    return switch (random.nextInt(5)) {
      case 0 -> new Row(txn, 0, 1, randomBytes(1 + random.nextInt(2_000)), "random bytes");
      case 1 -> new Row(txn, 0, 1, java.util.Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 1)), "truncated");
      case 2 -> new Row(txn, 0, 1, absurdLength(txn, table), "absurd count");
      case 3 -> {
        byte[] forged = valid.clone();
        // the first string length, right after magic (4) and format (1): a length far beyond the payload
        ByteBuffer.wrap(forged).putInt(5, random.nextBoolean() ? Integer.MAX_VALUE - random.nextInt(1000)
            : -2 - random.nextInt(Integer.MAX_VALUE - 2));
        yield new Row(txn, 0, 1, forged, "absurd string length");
      }
      default -> {
        byte[] forged = valid.clone();
        forged[4] = (byte) (2 + random.nextInt(100));
        yield new Row(txn, 0, 1, forged, "unknown format");
      }
    };
  }

  /** A well-framed entry whose change, row or column count is near {@code Integer.MAX_VALUE}. */
  private byte[] absurdLength(String txn, String table) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0xD0_17_5C_01);
    out.writeByte(0);
    for (String s : new String[] {txn, "forger:1", "M", "m@example.com", "x"}) {
      writeString(out, s);
    }
    int absurd = Integer.MAX_VALUE - random.nextInt(1 << 16);
    int where = random.nextInt(3);
    out.writeInt(where == 0 ? absurd : 1);
    if (where > 0) {
      writeString(out, table);
      out.writeByte(TableChange.Kind.ROWS.ordinal());
      out.writeBoolean(false);
      out.writeInt(where == 1 ? absurd : 1);
      writeString(out, "id");
      out.writeInt(1);
      writeString(out, "id");
      out.writeInt(absurd);
    }
    out.write(randomBytes(random.nextInt(64)));
    return bytes.toByteArray();
  }

  /** A journal row whose chunk numbering cannot be right, with a payload that would otherwise be fine. */
  Row badChunks(String table) {
    String txn = UUID.randomUUID().toString();
    byte[] valid = JournalCodec.encode(new JournalEntry(txn, "forger:1", "M", "m@example.com", "x",
        List.of(rows(table, List.of("id", "note"), new Object[] {8L, "eight"})), false));
    return switch (random.nextInt(4)) {
      case 0 -> new Row(txn, 0, 0, valid, "zero chunks");
      case 1 -> new Row(txn, 0, Integer.MAX_VALUE - random.nextInt(100), valid, "absurd chunk count");
      case 2 -> new Row(txn, 2 + random.nextInt(10), 2, valid, "chunk out of range");
      default -> new Row(txn, 0, 2 + random.nextInt(5), valid, "missing chunks");
    };
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }
}
