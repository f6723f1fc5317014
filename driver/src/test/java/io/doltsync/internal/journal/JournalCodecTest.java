package io.doltsync.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.IndexSchema;
import io.doltsync.spi.TableSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalCodecTest {

  private static final TableSchema ORDERS = new TableSchema("orders",
      List.of(new ColumnSchema("id", Types.BIGINT, "bigint", 19, 0, false, true, null),
          new ColumnSchema("note", Types.VARCHAR, "varchar", 200, null, true, false, "'x'")),
      List.of("id"), List.of(new IndexSchema("orders_note", List.of("note"), false)), List.of(), List.of());

  @Test
  void everyCanonicalValueSurvivesARoundTrip() throws IOException {
    Object[] row = {null, 42L, 7, new BigDecimal("-12.3400"), new BigInteger("18446744073709551615"), 1.5d, 2.5f,
        true, "häßlich ☃", new byte[] {0, 1, (byte) 0xff}, LocalDate.of(1999, 12, 31), LocalTime.of(23, 59, 58, 123_456_000),
        LocalDateTime.of(2026, 11, 22, 2, 3, 4, 999_999_000)};
    JournalEntry entry = new JournalEntry("txn-1", "app:1", "Ann", "ann@example.com", "two rows",
        List.of(new TableChange("orders", TableChange.Kind.ROWS, ORDERS, List.of("a"), List.of("id"),
            List.<Object[]>of(row), List.<Object[]>of(new Object[] {5L}))), false);

    JournalEntry decoded = JournalCodec.decode(JournalCodec.encode(entry));

    assertThat(decoded.transactionId()).isEqualTo("txn-1");
    assertThat(decoded.authorName()).isEqualTo("Ann");
    assertThat(decoded.allowEmpty()).isFalse();
    TableChange change = decoded.changes().get(0);
    assertThat(change.schema()).isEqualTo(ORDERS);
    assertThat(change.upserts().get(0)).containsExactly(row);
    assertThat(change.deletedKeys().get(0)).containsExactly(5L);
  }

  @Test
  void largeEntriesAreDeflatedAndStillDecode() throws IOException {
    List<Object[]> rows = new ArrayList<>();
    for (long i = 0; i < 5_000; i++) {
      rows.add(new Object[] {i, "row number " + i});
    }
    JournalEntry entry = new JournalEntry("txn-2", "app:1", null, null, "bulk",
        List.of(new TableChange("orders", TableChange.Kind.REPLACE_ALL, null, List.of("id", "note"), List.of("id"),
            rows, List.of())), true);

    byte[] encoded = JournalCodec.encode(entry);
    JournalEntry decoded = JournalCodec.decode(encoded);

    assertThat(encoded.length).isLessThan(5_000 * 20);
    assertThat(decoded.changes().get(0).upserts()).hasSize(5_000);
    assertThat(decoded.changes().get(0).upserts().get(4_999)).containsExactly(4_999L, "row number 4999");
    assertThat(decoded.allowEmpty()).isTrue();
  }

  /**
   * Generated entries whose bodies fall on both sides of the 8 KiB deflate threshold (and far beyond it): each
   * decodes to its rows, is plain exactly when its body is under 8 KiB, and deflated otherwise.
   */
  @Test
  void entriesAroundTheDeflateThresholdArePlainExactlyWhenSmall() throws IOException {
    java.util.Random random = new java.util.Random(20261206L);
    for (int round = 0; round < 300; round++) {
      int rowCount = 1 + random.nextInt(4);
      int target = round % 3 == 0 ? random.nextInt(70_000) : 8_192 - 200 + random.nextInt(400);
      List<Object[]> rows = new ArrayList<>();
      for (int r = 0; r < rowCount; r++) {
        StringBuilder note = new StringBuilder();
        for (int i = 0; i < target / rowCount; i++) {
          note.append((char) ('a' + random.nextInt(26)));
        }
        rows.add(new Object[] {(long) r, note.toString()});
      }
      JournalEntry entry = new JournalEntry("txn-" + round, "app:1", null, null, "generated",
          List.of(new TableChange("orders", TableChange.Kind.ROWS, round % 2 == 0 ? ORDERS : null,
              List.of("id", "note"), List.of("id"), rows, List.of())), false);

      byte[] encoded = JournalCodec.encode(entry);
      JournalEntry decoded = JournalCodec.decode(encoded);

      assertThat(decoded.changes().get(0).upserts()).hasSize(rowCount);
      for (int r = 0; r < rowCount; r++) {
        assertThat(decoded.changes().get(0).upserts().get(r)).containsExactly(rows.get(r));
      }
      if (encoded[4] == 0) {
        assertThat(encoded.length - 5).as("plain body of round %d", round).isLessThan(8 * 1024);
      } else {
        assertThat(encoded[4]).isEqualTo((byte) 1);
        int body = new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream(encoded, 5,
            encoded.length - 5)).readAllBytes().length;
        assertThat(body).as("deflated body of round %d", round).isGreaterThanOrEqualTo(8 * 1024);
      }
    }
  }

  @Test
  void rejectsBytesThatAreNotAnEntry() {
    assertThatThrownBy(() -> JournalCodec.decode(new byte[] {1, 2, 3, 4, 5})).isInstanceOf(IOException.class);
  }

  @Test
  void refusesValuesOutsideTheCanonicalTypes() {
    JournalEntry entry = new JournalEntry("t", "i", null, null, "m", List.of(new TableChange("orders",
        TableChange.Kind.ROWS, null, List.of("a"), List.of("a"), List.<Object[]>of(new Object[] {new Object()}),
        List.of())), false);
    assertThatThrownBy(() -> JournalCodec.encode(entry)).hasMessageContaining("canonical");
  }

  /**
   * Damaged payloads of every kind (truncated, bytes flipped, a length or count field overwritten with a
   * random or absurd value): decoding either gives an entry or fails with a {@link JournalFormatException},
   * never with another exception and never by allocating what a forged length announces.
   */
  @Test
  void damagedPayloadsFailAsFormatErrorsWithoutAllocatingWhatTheyAnnounce() throws IOException {
    long seed = Long.getLong("doltsync.test.seed", System.nanoTime());
    java.util.Random random = new java.util.Random(seed);
    List<Object[]> rows = new ArrayList<>();
    for (long i = 0; i < 40; i++) {
      rows.add(new Object[] {i, "row " + i, new byte[] {(byte) i}, LocalDate.of(2020, 1, 1).plusDays(i)});
    }
    List<byte[]> originals = List.of(
        JournalCodec.encode(new JournalEntry("txn-s", "app:1", "A", "a@x", "small", List.of(new TableChange("orders",
            TableChange.Kind.ROWS, ORDERS, List.of("id", "note", "b", "d"), List.of("id"), rows.subList(0, 3),
            List.<Object[]>of(new Object[] {9L}))), false)),
        JournalCodec.encode(new JournalEntry("txn-l", "app:1", "A", "a@x", "x".repeat(9_000), List.of(
            new TableChange("orders", TableChange.Kind.REPLACE_ALL, null, List.of("id", "note", "b", "d"),
                List.of("id"), rows, List.of())), false)));
    int decodedAnyway = 0;
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3_000; i++) {
      byte[] original = originals.get(random.nextInt(originals.size()));
      byte[] damaged = damage(original, random);
      long before = runtime.totalMemory() - runtime.freeMemory();
      try {
        JournalCodec.decode(damaged);
        decodedAnyway++;
      } catch (JournalFormatException expected) {
        // the only acceptable failure
      } catch (Throwable other) {
        throw new AssertionError("seed " + seed + ", case " + i + ": " + other, other);
      }
      long grown = runtime.totalMemory() - runtime.freeMemory() - before;
      assertThat(grown).as("seed %d, case %d: heap growth while decoding", seed, i).isLessThan(64L << 20);
    }
    assertThat(decodedAnyway).as("seed %d: most damage is detected", seed).isLessThan(1_500);
  }

  private static byte[] damage(byte[] original, java.util.Random random) {
    byte[] bytes = original.clone();
    switch (random.nextInt(4)) {
      case 0 -> {
        return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
      }
      case 1 -> {
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          bytes[5 + random.nextInt(bytes.length - 5)] ^= (byte) (1 + random.nextInt(255));
        }
        return bytes;
      }
      case 2 -> {
        int at = 5 + random.nextInt(Math.max(1, bytes.length - 9));
        int value = random.nextBoolean() ? Integer.MAX_VALUE - random.nextInt(1 << 20) : random.nextInt();
        java.nio.ByteBuffer.wrap(bytes).putInt(Math.min(at, bytes.length - 4), value);
        return bytes;
      }
      default -> {
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(16));
        return longer;
      }
    }
  }
}
