package io.doltsync.internal.journal;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.IndexSchema;
import io.doltsync.spi.TableSchema;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The binary form of a {@link JournalEntry}: compact, versioned, and deflated when large. Values are the
 * canonical types of {@link io.doltsync.spi.SourceDialect#readValue}, each behind a one-byte tag.
 */
public final class JournalCodec {

  private static final int MAGIC = 0xD0_17_5C_01;
  private static final byte PLAIN = 0;
  private static final byte DEFLATED = 1;
  /** After the entry: the lineage scope it was committed in (older entries end before it). */
  private static final byte LINEAGE = 1;
  private static final int DEFLATE_THRESHOLD = 8 * 1024;
  /** Dolt's (and MySQL's) limit of columns per table, with room: no row, schema or name list is wider. */
  private static final int MAX_WIDTH = 65_536;

  private JournalCodec() {}

  /** The entry's bytes (small entries; large ones are better streamed with {@link #encode(JournalEntry, OutputStream)}). */
  public static byte[] encode(JournalEntry entry) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try {
      encode(entry, bytes);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode journal entry", e);
    }
    return bytes.toByteArray();
  }

  /**
   * Writes the entry to {@code sink} as it is encoded: the first {@value #DEFLATE_THRESHOLD} bytes are
   * held back to decide whether to deflate, the rest streams through, so memory stays bounded whatever
   * the entry's size. Closes {@code sink}.
   */
  public static void encode(JournalEntry entry, OutputStream sink) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new FramingOutputStream(sink))) {
      writeEntry(out, entry);
    }
  }

  /**
   * A reusable {@link #encode(JournalEntry, OutputStream)} for one thread at a time: the same bytes, without a new
   * head buffer and stream per entry (a lone auto-commit write encodes one small entry per statement).
   */
  public static final class Encoder {
    private final FramingOutputStream framing = new FramingOutputStream(null);
    private final DataOutputStream out = new DataOutputStream(framing);

    /** Writes the entry to {@code sink}, as {@link JournalCodec#encode(JournalEntry, OutputStream)} does; closes it. */
    public void encode(JournalEntry entry, OutputStream sink) throws IOException {
      framing.reset(sink);
      try {
        writeEntry(out, entry);
      } finally {
        framing.close();
      }
    }
  }

  public static JournalEntry decode(byte[] bytes) throws IOException {
    return decode(new ByteArrayInputStream(bytes));
  }

  /**
   * Reads an entry from a stream of its bytes. Every length and count is checked before anything is
   * allocated for it, so a corrupt or forged payload fails with a {@link JournalFormatException} rather
   * than exhausting memory.
   */
  public static JournalEntry decode(InputStream bytes) throws IOException {
    DataInputStream header = new DataInputStream(bytes);
    int magic;
    byte format;
    try {
      magic = header.readInt();
      format = header.readByte();
    } catch (EOFException e) {
      throw new JournalFormatException("not a doltsync journal entry (shorter than its header)", e);
    }
    if (magic != MAGIC) {
      throw new JournalFormatException("not a doltsync journal entry (bad magic number)");
    }
    if (format != PLAIN && format != DEFLATED) {
      throw new JournalFormatException("unknown journal entry format " + format);
    }
    InputStream body = format == DEFLATED ? new InflaterInputStream(header) : header;
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(body, 64 * 1024))) {
      JournalEntry entry = readEntry(in);
      if (in.read() >= 0) {
        throw new JournalFormatException("trailing bytes after the journal entry");
      }
      return entry;
    } catch (EOFException e) {
      throw new JournalFormatException("journal entry is truncated", e);
    } catch (java.util.zip.ZipException e) {
      throw new JournalFormatException("journal entry's compressed data is corrupt: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new JournalFormatException("journal entry holds an invalid value: " + e, e);
    }
  }

  /**
   * Writes MAGIC and the format byte, then the body: plain when it stays small, else deflated as it streams. It
   * buffers the plain head itself (single bytes included, without allocating), so the encoder needs no buffer of
   * its own until the body turns out to be large.
   */
  private static final class FramingOutputStream extends OutputStream {
    private static final int INITIAL_HEAD = 512;
    private OutputStream sink;
    private byte[] head = new byte[INITIAL_HEAD]; // grows to DEFLATE_THRESHOLD at most
    private int headSize;
    private OutputStream body;
    private java.util.zip.Deflater deflater;

    FramingOutputStream(OutputStream sink) {
      this.sink = sink;
    }

    /** Starts another entry into {@code next} (an {@link Encoder}'s stream, reused). */
    void reset(OutputStream next) {
      sink = next;
      headSize = 0;
      body = null;
      deflater = null;
      if (head == null) {
        head = new byte[INITIAL_HEAD]; // the last entry was deflated
      }
    }

    @Override
    public void write(int b) throws IOException {
      if (body == null && headSize + 1 < DEFLATE_THRESHOLD) {
        if (headSize == head.length) {
          head = java.util.Arrays.copyOf(head, Math.min(DEFLATE_THRESHOLD, head.length * 2));
        }
        head[headSize++] = (byte) b;
        return;
      }
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (body == null && headSize + length < DEFLATE_THRESHOLD) {
        if (headSize + length > head.length) {
          head = java.util.Arrays.copyOf(head, Math.min(DEFLATE_THRESHOLD, Math.max(headSize + length,
              head.length * 2)));
        }
        System.arraycopy(bytes, offset, head, headSize, length);
        headSize += length;
        return;
      }
      if (body == null) {
        sink.write(header(DEFLATED));
        deflater = new java.util.zip.Deflater();
        body = new BufferedOutputStream(new DeflaterOutputStream(sink, deflater, 64 * 1024), 8 * 1024);
        body.write(head, 0, headSize);
        head = null;
      }
      body.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      if (body == null) {
        sink.write(PLAIN_HEADER, 0, PLAIN_HEADER.length); // the sink must not keep the array: it is shared
        sink.write(head, 0, headSize);
        sink.close();
      } else {
        try {
          body.close();
        } finally {
          deflater.end();
        }
      }
    }

    private static final byte[] PLAIN_HEADER = header(PLAIN);

    private static byte[] header(byte format) {
      return new byte[] {(byte) (MAGIC >>> 24), (byte) (MAGIC >>> 16), (byte) (MAGIC >>> 8), (byte) MAGIC, format};
    }
  }

  // ---- entry -----------------------------------------------------------------------------------

  private static void writeEntry(DataOutputStream out, JournalEntry entry) throws IOException {
    writeString(out, entry.transactionId());
    writeString(out, entry.instance());
    writeString(out, entry.authorName());
    writeString(out, entry.authorEmail());
    writeString(out, entry.message());
    out.writeInt(entry.changes().size());
    for (TableChange change : entry.changes()) {
      writeChange(out, change);
    }
    out.writeBoolean(entry.allowEmpty());
    if (entry.lineage() != null) {
      out.writeByte(LINEAGE);
      writeString(out, entry.lineage().flow());
      writeString(out, entry.lineage().run());
      writeString(out, entry.lineage().step());
    }
  }

  private static JournalEntry readEntry(DataInputStream in) throws IOException {
    String transactionId = readString(in);
    String instance = readString(in);
    String authorName = readString(in);
    String authorEmail = readString(in);
    String message = readString(in);
    int count = readCount(in, "table changes");
    List<TableChange> changes = new ArrayList<>(Math.min(count, 64));
    for (int i = 0; i < count; i++) {
      changes.add(readChange(in));
    }
    boolean allowEmpty = in.readBoolean();
    in.mark(1);
    JournalEntry.Lineage lineage = null;
    if (in.read() == LINEAGE) {
      lineage = new JournalEntry.Lineage(readString(in), readString(in), readString(in));
    } else {
      in.reset();
    }
    return new JournalEntry(transactionId, instance, authorName, authorEmail, message, changes, allowEmpty, lineage);
  }

  private static void writeChange(DataOutputStream out, TableChange change) throws IOException {
    writeString(out, change.table());
    out.writeByte(change.kind().ordinal());
    out.writeBoolean(change.schema() != null);
    if (change.schema() != null) {
      writeSchema(out, change.schema());
    }
    writeStrings(out, change.columns());
    writeStrings(out, change.keyColumns());
    writeRows(out, change.upserts());
    writeRows(out, change.deletedKeys());
  }

  private static TableChange readChange(DataInputStream in) throws IOException {
    String table = readString(in);
    TableChange.Kind kind = enumAt(TableChange.Kind.values(), in.readByte(), "table change kind");
    TableSchema schema = in.readBoolean() ? readSchema(in) : null;
    List<String> columns = readStrings(in);
    List<String> keyColumns = readStrings(in);
    List<Object[]> upserts = readRows(in);
    List<Object[]> deletedKeys = readRows(in);
    return new TableChange(table, kind, schema, columns, keyColumns, upserts, deletedKeys);
  }

  // ---- schema (what the applier needs: columns, primary key, indexes) ---------------------------

  private static void writeSchema(DataOutputStream out, TableSchema schema) throws IOException {
    writeString(out, schema.name());
    out.writeInt(schema.columns().size());
    for (ColumnSchema c : schema.columns()) {
      writeString(out, c.name());
      out.writeInt(c.jdbcType());
      writeString(out, c.typeName());
      writeInteger(out, c.size());
      writeInteger(out, c.scale());
      out.writeBoolean(c.nullable());
      out.writeBoolean(c.autoIncrement());
      writeString(out, c.defaultValue());
    }
    writeStrings(out, schema.primaryKey());
    out.writeInt(schema.indexes().size());
    for (IndexSchema index : schema.indexes()) {
      writeString(out, index.name());
      writeStrings(out, index.columns());
      out.writeBoolean(index.unique());
    }
  }

  private static TableSchema readSchema(DataInputStream in) throws IOException {
    String name = readString(in);
    int columnCount = readWidth(in, "columns");
    List<ColumnSchema> columns = new ArrayList<>(columnCount);
    for (int i = 0; i < columnCount; i++) {
      columns.add(new ColumnSchema(readString(in), in.readInt(), readString(in), readInteger(in), readInteger(in),
          in.readBoolean(), in.readBoolean(), readString(in)));
    }
    List<String> primaryKey = readStrings(in);
    int indexCount = readWidth(in, "indexes");
    List<IndexSchema> indexes = new ArrayList<>(indexCount);
    for (int i = 0; i < indexCount; i++) {
      indexes.add(new IndexSchema(readString(in), readStrings(in), in.readBoolean()));
    }
    return new TableSchema(name, columns, primaryKey, indexes, List.of(), List.of());
  }

  // ---- rows and values -------------------------------------------------------------------------

  private static void writeRows(DataOutputStream out, List<Object[]> rows) throws IOException {
    out.writeInt(rows.size());
    for (Object[] row : rows) {
      out.writeInt(row.length);
      for (Object value : row) {
        writeValue(out, value);
      }
    }
  }

  private static List<Object[]> readRows(DataInputStream in) throws IOException {
    int count = readCount(in, "rows");
    List<Object[]> rows = new ArrayList<>(Math.min(count, 1024));
    for (int i = 0; i < count; i++) {
      Object[] row = new Object[readWidth(in, "values in a row")];
      for (int j = 0; j < row.length; j++) {
        row[j] = readValue(in);
      }
      rows.add(row);
    }
    return rows;
  }

  private enum Tag { NULL, LONG, DECIMAL, DOUBLE, FLOAT, BOOLEAN, STRING, BYTES, DATE, TIME, DATETIME, INTEGER, BIG_INTEGER }

  static void writeValue(DataOutputStream out, Object value) throws IOException {
    if (value == null) {
      out.writeByte(Tag.NULL.ordinal());
    } else if (value instanceof Long v) {
      out.writeByte(Tag.LONG.ordinal());
      out.writeLong(v);
    } else if (value instanceof Integer v) {
      out.writeByte(Tag.INTEGER.ordinal());
      out.writeInt(v);
    } else if (value instanceof Short || value instanceof Byte) {
      // a key as the application bound it (setShort, setByte) whose row is gone at commit: journaled as a deletion
      out.writeByte(Tag.INTEGER.ordinal());
      out.writeInt(((Number) value).intValue());
    } else if (value instanceof BigDecimal v) {
      out.writeByte(Tag.DECIMAL.ordinal());
      writeString(out, v.toPlainString());
    } else if (value instanceof BigInteger v) {
      out.writeByte(Tag.BIG_INTEGER.ordinal());
      writeString(out, v.toString());
    } else if (value instanceof Double v) {
      out.writeByte(Tag.DOUBLE.ordinal());
      out.writeDouble(v);
    } else if (value instanceof Float v) {
      out.writeByte(Tag.FLOAT.ordinal());
      out.writeFloat(v);
    } else if (value instanceof Boolean v) {
      out.writeByte(Tag.BOOLEAN.ordinal());
      out.writeBoolean(v);
    } else if (value instanceof String v) {
      out.writeByte(Tag.STRING.ordinal());
      writeString(out, v);
    } else if (value instanceof byte[] v) {
      out.writeByte(Tag.BYTES.ordinal());
      out.writeInt(v.length);
      out.write(v);
    } else if (value instanceof LocalDate v) {
      out.writeByte(Tag.DATE.ordinal());
      out.writeLong(v.toEpochDay());
    } else if (value instanceof LocalTime v) {
      out.writeByte(Tag.TIME.ordinal());
      out.writeLong(v.toNanoOfDay());
    } else if (value instanceof LocalDateTime v) {
      out.writeByte(Tag.DATETIME.ordinal());
      out.writeLong(v.toLocalDate().toEpochDay());
      out.writeLong(v.toLocalTime().toNanoOfDay());
    } else {
      throw new IllegalArgumentException("doltsync cannot journal a value of type " + value.getClass().getName()
          + "; the source dialect must read it as a canonical value");
    }
  }

  static Object readValue(DataInputStream in) throws IOException {
    Tag tag = enumAt(Tag.values(), in.readByte(), "value tag");
    return switch (tag) {
      case NULL -> null;
      case LONG -> in.readLong();
      case INTEGER -> in.readInt();
      case DECIMAL -> new BigDecimal(readString(in));
      case BIG_INTEGER -> new BigInteger(readString(in));
      case DOUBLE -> in.readDouble();
      case FLOAT -> in.readFloat();
      case BOOLEAN -> in.readBoolean();
      case STRING -> readString(in);
      case BYTES -> readBytes(in, readCount(in, "bytes"));
      case DATE -> LocalDate.ofEpochDay(in.readLong());
      case TIME -> LocalTime.ofNanoOfDay(in.readLong());
      case DATETIME -> LocalDateTime.of(LocalDate.ofEpochDay(in.readLong()), LocalTime.ofNanoOfDay(in.readLong()));
    };
  }

  // ---- primitives ------------------------------------------------------------------------------

  private static void writeString(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    if (ascii(value)) { // its UTF-8 bytes are its chars: written without a byte array of its own
      out.writeInt(value.length());
      out.writeBytes(value);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static boolean ascii(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length == -1) {
      return null;
    }
    if (length < 0) {
      throw new JournalFormatException("negative string length " + length);
    }
    return new String(readBytes(in, length), StandardCharsets.UTF_8);
  }

  private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String value : values) {
      writeString(out, value);
    }
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    int count = readWidth(in, "names");
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(readString(in));
    }
    return values;
  }

  private static void writeInteger(DataOutputStream out, Integer value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeInt(value);
    }
  }

  private static Integer readInteger(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readInt() : null;
  }

  /**
   * A count of things that follow (rows, bytes): never negative. Nothing is allocated in proportion to it
   * up front; what follows is read in pieces, so a forged count ends in a truncation error, not in memory
   * exhaustion.
   */
  private static int readCount(DataInputStream in, String what) throws IOException {
    int count = in.readInt();
    if (count < 0) {
      throw new JournalFormatException("negative count of " + what + ": " + count);
    }
    return count;
  }

  /** A count that sizes an array or list at once (columns, values in a row): at most {@value #MAX_WIDTH}. */
  private static int readWidth(DataInputStream in, String what) throws IOException {
    int count = readCount(in, what);
    if (count > MAX_WIDTH) {
      throw new JournalFormatException("absurd count of " + what + ": " + count + " (at most " + MAX_WIDTH + ")");
    }
    return count;
  }

  /** Exactly {@code length} bytes, read in pieces (allocation follows the bytes actually present). */
  private static byte[] readBytes(DataInputStream in, int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new JournalFormatException("journal entry is truncated: " + length + " bytes announced, "
          + bytes.length + " present");
    }
    return bytes;
  }

  /**
   * Where the eight bytes of {@code value} are in {@code payload}, an entry {@link #encode}d plain (not deflated),
   * when the value's encoded form (its tag and bytes) occurs there exactly once: the slot a caller may overwrite
   * with another {@code long} (the MariaDB one-trip block splices a generated key in there); else {@code -1}.
   */
  public static int uniqueLongSlot(byte[] payload, long value) {
    if (payload.length < 5 || payload[4] != PLAIN) {
      return -1;
    }
    byte tag = (byte) Tag.LONG.ordinal();
    int found = -1;
    for (int i = 5; i + 9 <= payload.length; i++) {
      if (payload[i] == tag && longAt(payload, i + 1) == value) {
        if (found >= 0) {
          return -1;
        }
        found = i + 1;
      }
    }
    return found;
  }

  private static long longAt(byte[] bytes, int offset) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (bytes[offset + i] & 0xffL);
    }
    return v;
  }

  private static <E> E enumAt(E[] values, byte ordinal, String what) throws JournalFormatException {
    if (ordinal < 0 || ordinal >= values.length) {
      throw new JournalFormatException("unknown " + what + " " + ordinal);
    }
    return values[ordinal];
  }
}
