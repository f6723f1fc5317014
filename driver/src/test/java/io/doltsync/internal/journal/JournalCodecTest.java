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

  /**
   * The bytes of an entry with every kind of value, a schema and a lineage scope, as the codec wrote them before
   * strings were written without a byte array of their own and the encoder was made reusable: the format did not
   * change.
   */
  @Test
  void anEntryEncodesToTheSameBytesAsBefore() {
    assertThat(java.util.HexFormat.of().formatHex(JournalCodec.encode(goldenEntry()))).isEqualTo(GOLDEN);
    assertThat(java.util.HexFormat.of().formatHex(encodeWith(new JournalCodec.Encoder(), goldenEntry())))
        .isEqualTo(GOLDEN);
  }

  private static final String GOLDEN = "d0175c01000000002434663163326133622d303030302d343030302d383030302d303030303030303030303261000000"
      + "0a686f73743a3120e2988300000003416e6e0000000f616e6e406578616d706c652e636f6d0000000d6f72646572733a"
      + "203120726f7700000001000000066f72646572730001000000066f726465727300000002000000026964fffffffb0000"
      + "0006626967696e74010000001301000000000001ffffffff000000046e6f74650000000c000000077661726368617201"
      + "000000c80001000000000327782700000001000000026964000000010000000b6f72646572735f6e6f74650000000100"
      + "0000046e6f74650000000002000000026964000000046e6f746500000001000000026964000000010000001000010000"
      + "00000000002a0b0000000702000000082d31322e333430300c0000001431383434363734343037333730393535313631"
      + "35033ff800000000000004402000000501060000000d68c3a4c39f6c69636820e2988307000000030001ff0800000000"
      + "00002acc0900004e94217536000a000000000000512b000006b7744d3618060000000b706c61696e2061736369690600"
      + "0000000b000000030000000100000001010000000000000005000100000004666c6f770000000572756e2d3100000007"
      + "7374657020c3a9";

  private static JournalEntry goldenEntry() {
    Object[] row = {null, 42L, 7, new BigDecimal("-12.3400"), new BigInteger("18446744073709551615"), 1.5d, 2.5f,
        true, "häßlich ☃", new byte[] {0, 1, (byte) 0xff}, LocalDate.of(1999, 12, 31),
        LocalTime.of(23, 59, 58, 123_456_000), LocalDateTime.of(2026, 11, 22, 2, 3, 4, 999_999_000), "plain ascii", "",
        (short) 3};
    return new JournalEntry("4f1c2a3b-0000-4000-8000-00000000002a", "host:1 ☃", "Ann", "ann@example.com",
        "orders: 1 row", List.of(new TableChange("orders", TableChange.Kind.ROWS, ORDERS, List.of("id", "note"),
            List.of("id"), List.<Object[]>of(row), List.<Object[]>of(new Object[] {5L}))), false,
        new JournalEntry.Lineage("flow", "run-1", "step é"));
  }

  /**
   * One reused {@link JournalCodec.Encoder} writes, entry after entry, the bytes a fresh encoding writes, over
   * random entries: strings of ASCII, Latin-1, other BMP and supplementary characters (and lone surrogates, which
   * UTF-8 writes as '?'), sizes on both sides of the deflate threshold, in any order; each decodes to its strings.
   */
  @Test
  void aReusedEncoderWritesWhatAFreshOneWrites() throws IOException {
    java.util.Random random = new java.util.Random(20261207);
    JournalCodec.Encoder encoder = new JournalCodec.Encoder();
    for (int n = 0; n < 400; n++) {
      int rows = random.nextInt(8) == 0 ? 200 + random.nextInt(600) : random.nextInt(4);
      List<Object[]> upserts = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        upserts.add(new Object[] {(long) r, randomString(random), random.nextBoolean() ? null : randomString(random)});
      }
      JournalEntry entry = new JournalEntry(randomString(random), randomString(random),
          random.nextBoolean() ? null : randomString(random), randomString(random), randomString(random),
          List.of(new TableChange(randomString(random), TableChange.Kind.ROWS, random.nextBoolean() ? ORDERS : null,
              List.of("id", "a", "b"), List.of("id"), upserts, List.of())), random.nextBoolean());

      byte[] fresh = JournalCodec.encode(entry);
      assertThat(encodeWith(encoder, entry)).as("entry %d", n).isEqualTo(fresh);
      JournalEntry decoded = JournalCodec.decode(fresh);
      assertThat(decoded.transactionId()).isEqualTo(utf8(entry.transactionId()));
      assertThat(decoded.message()).isEqualTo(utf8(entry.message()));
      for (int r = 0; r < rows; r++) {
        assertThat(decoded.changes().get(0).upserts().get(r)[1]).isEqualTo(utf8((String) upserts.get(r)[1]));
      }
    }
  }

  /** A string as it reads back from its UTF-8 bytes (a lone surrogate becomes '?'). */
  private static String utf8(String value) {
    return new String(value.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String randomString(java.util.Random random) {
    int length = random.nextInt(5) == 0 ? 0 : random.nextInt(random.nextInt(10) == 0 ? 3000 : 40);
    StringBuilder text = new StringBuilder(length);
    int kind = random.nextInt(4);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(kind == 0 ? 1 : 6)) {
        case 0, 1, 2 -> text.append((char) (0x20 + random.nextInt(0x5f)));
        case 3 -> text.append((char) (0x80 + random.nextInt(0x80)));
        case 4 -> text.append((char) (0x100 + random.nextInt(0xd700)));
        default -> {
          if (random.nextInt(4) == 0) {
            text.append((char) (0xd800 + random.nextInt(0x800))); // a lone surrogate
          } else {
            text.appendCodePoint(0x10000 + random.nextInt(0x10000));
          }
        }
      }
    }
    return text.toString();
  }

  private static byte[] encodeWith(JournalCodec.Encoder encoder, JournalEntry entry) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try {
      encoder.encode(entry, bytes);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }
}
