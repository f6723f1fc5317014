package io.doltsync.internal.capture.wal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the messages of PostgreSQL's built-in {@code pgoutput} plugin, protocol version 1 (the logical
 * replication message formats of the PostgreSQL manual): Begin, Commit, Origin, Relation, Type, Insert, Update,
 * Delete, Truncate and Message. Column values stay in PostgreSQL's text form; {@link TextRows} turns them into
 * canonical values.
 */
public final class PgOutput {

  /** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01). */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  private PgOutput() {}

  /** One decoded message. */
  public sealed interface Message permits Begin, Commit, Relation, Insert, Update, Delete, Truncate, Logical, Ignored {}

  /** A transaction starts; {@code finalLsn} is its commit record's LSN. */
  public record Begin(long finalLsn, Instant committedAt, int xid) implements Message {}

  /** The transaction ends. */
  public record Commit(long commitLsn, long endLsn, Instant committedAt) implements Message {}

  /** A column of a relation: whether it is part of the replica identity key, its name, type oid and modifier. */
  public record Column(boolean key, String name, int typeOid, int typeModifier) {}

  /** The description of a table, sent before its first change in a session and after it changed. */
  public record Relation(int oid, String namespace, String name, char replicaIdentity, List<Column> columns)
      implements Message {}

  /**
   * A row's values in text form, one per column: {@code null} for SQL NULL, {@link #UNCHANGED} for an unchanged
   * TOAST value the message leaves out.
   */
  public record Tuple(byte[][] values) {
    public int size() {
      return values.length;
    }
  }

  /** Marks a TOASTed value an update left unchanged and the message does not carry. */
  public static final byte[] UNCHANGED = new byte[0];

  public record Insert(int relation, Tuple row) implements Message {}

  /**
   * @param old the old row: its key columns ({@code oldIsKey}) or all of them (replica identity full); {@code null}
   *            when the key did not change (default replica identity)
   */
  public record Update(int relation, Tuple old, boolean oldIsKey, Tuple row) implements Message {}

  public record Delete(int relation, Tuple old, boolean oldIsKey) implements Message {}

  public record Truncate(List<Integer> relations, boolean cascade, boolean restartIdentity) implements Message {}

  /** A message of {@code pg_logical_emit_message}. */
  public record Logical(boolean transactional, long lsn, String prefix, byte[] content) implements Message {}

  /** Origin and Type messages, which the reader does not need. */
  public record Ignored(char type) implements Message {}

  /** Decodes one message. */
  public static Message decode(ByteBuffer buffer) {
    char type = (char) buffer.get();
    return switch (type) {
      case 'B' -> new Begin(buffer.getLong(), instant(buffer.getLong()), buffer.getInt());
      case 'C' -> {
        buffer.get(); // flags, unused
        yield new Commit(buffer.getLong(), buffer.getLong(), instant(buffer.getLong()));
      }
      case 'R' -> relation(buffer);
      case 'I' -> {
        int relation = buffer.getInt();
        expect(buffer, 'N');
        yield new Insert(relation, tuple(buffer));
      }
      case 'U' -> {
        int relation = buffer.getInt();
        char next = (char) buffer.get();
        Tuple old = null;
        boolean oldIsKey = false;
        if (next == 'K' || next == 'O') {
          old = tuple(buffer);
          oldIsKey = next == 'K';
          next = (char) buffer.get();
        }
        if (next != 'N') {
          throw new IllegalStateException("pgoutput update without a new tuple: " + next);
        }
        yield new Update(relation, old, oldIsKey, tuple(buffer));
      }
      case 'D' -> {
        int relation = buffer.getInt();
        char kind = (char) buffer.get();
        yield new Delete(relation, tuple(buffer), kind == 'K');
      }
      case 'T' -> {
        int count = buffer.getInt();
        int options = buffer.get();
        List<Integer> relations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          relations.add(buffer.getInt());
        }
        yield new Truncate(relations, (options & 1) != 0, (options & 2) != 0);
      }
      case 'M' -> {
        boolean transactional = (buffer.get() & 1) != 0;
        long lsn = buffer.getLong();
        String prefix = string(buffer);
        byte[] content = new byte[buffer.getInt()];
        buffer.get(content);
        yield new Logical(transactional, lsn, prefix, content);
      }
      case 'O', 'Y' -> new Ignored(type);
      default -> throw new IllegalStateException("unknown pgoutput message type '" + type + "'");
    };
  }

  private static Relation relation(ByteBuffer buffer) {
    int oid = buffer.getInt();
    String namespace = string(buffer);
    String name = string(buffer);
    char identity = (char) buffer.get();
    int count = buffer.getShort();
    List<Column> columns = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      boolean key = (buffer.get() & 1) != 0;
      columns.add(new Column(key, string(buffer), buffer.getInt(), buffer.getInt()));
    }
    return new Relation(oid, namespace, name, identity, columns);
  }

  private static Tuple tuple(ByteBuffer buffer) {
    int count = buffer.getShort();
    byte[][] values = new byte[count][];
    for (int i = 0; i < count; i++) {
      char kind = (char) buffer.get();
      switch (kind) {
        case 'n' -> values[i] = null;
        case 'u' -> values[i] = UNCHANGED;
        case 't', 'b' -> {
          byte[] value = new byte[buffer.getInt()];
          buffer.get(value);
          values[i] = value;
        }
        default -> throw new IllegalStateException("unknown pgoutput tuple column kind '" + kind + "'");
      }
    }
    return new Tuple(values);
  }

  private static void expect(ByteBuffer buffer, char wanted) {
    char got = (char) buffer.get();
    if (got != wanted) {
      throw new IllegalStateException("pgoutput: expected '" + wanted + "', got '" + got + "'");
    }
  }

  private static String string(ByteBuffer buffer) {
    int start = buffer.position();
    int end = start;
    while (buffer.get(end) != 0) {
      end++;
    }
    byte[] bytes = new byte[end - start];
    buffer.get(bytes);
    buffer.get(); // the terminating zero
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static Instant instant(long pgMicros) {
    long micros = pgMicros + PG_EPOCH_MICROS;
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
