package io.doltsync.internal.capture.binlog;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * Row cells of the binary log decoded without loss: the connector's defaults turn dates into {@link java.util.Date}
 * (a zone, no zero dates), {@code TIME} into a time of day (no negative or 838-hour durations), strings into the
 * platform charset and unsigned integers into negative numbers. Here every cell stays what the server wrote:
 * {@link Int} (the integer's bits and width), {@code byte[]} for strings and blobs (decoded later in the column's
 * charset), {@link LocalDate}, {@link LocalDateTime}, {@link Timestamp} (epoch seconds and microseconds), a
 * {@code TIME} as MySQL prints it, and {@link Zero} for a zero or partly zero date. Floats, doubles, decimals, ENUM
 * indexes and SET bitmasks are the connector's, which are exact.
 */
public final class BinlogCells {

  private BinlogCells() {}

  /** An integer column's value: its bits, little-endian as written, and its width in bytes. */
  public record Int(long bits, int width) implements Serializable {}

  /** A {@code TIMESTAMP}: seconds since the epoch (UTC) and microseconds. */
  public record Timestamp(long seconds, int micros) implements Serializable {}

  /** A zero or partly zero date or date-time ({@code 0000-00-00}), as MySQL prints it. */
  public record Zero(String text) implements Serializable {}

  /** Registers the three row deserializers on a connector's event deserializer. */
  public static void register(com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer deserializer,
      Map<Long, TableMapEventData> tableMaps) {
    deserializer.setEventDataDeserializer(com.github.shyiko.mysql.binlog.event.EventType.EXT_WRITE_ROWS,
        new Writes(tableMaps).setMayContainExtraInformation(true));
    deserializer.setEventDataDeserializer(com.github.shyiko.mysql.binlog.event.EventType.WRITE_ROWS, new Writes(tableMaps));
    deserializer.setEventDataDeserializer(com.github.shyiko.mysql.binlog.event.EventType.EXT_UPDATE_ROWS,
        new Updates(tableMaps).setMayContainExtraInformation(true));
    deserializer.setEventDataDeserializer(com.github.shyiko.mysql.binlog.event.EventType.UPDATE_ROWS, new Updates(tableMaps));
    deserializer.setEventDataDeserializer(com.github.shyiko.mysql.binlog.event.EventType.EXT_DELETE_ROWS,
        new Deletes(tableMaps).setMayContainExtraInformation(true));
    deserializer.setEventDataDeserializer(com.github.shyiko.mysql.binlog.event.EventType.DELETE_ROWS, new Deletes(tableMaps));
  }

  static final class Writes extends WriteRowsEventDataDeserializer {
    Writes(Map<Long, TableMapEventData> tableMaps) {
      super(tableMaps);
    }

    @Override
    protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in)
        throws IOException {
      Serializable cell = cell(type, meta, length, in);
      return cell != null ? cell : super.deserializeCell(type, meta, length, in);
    }
  }

  static final class Updates extends UpdateRowsEventDataDeserializer {
    Updates(Map<Long, TableMapEventData> tableMaps) {
      super(tableMaps);
    }

    @Override
    protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in)
        throws IOException {
      Serializable cell = cell(type, meta, length, in);
      return cell != null ? cell : super.deserializeCell(type, meta, length, in);
    }
  }

  static final class Deletes extends DeleteRowsEventDataDeserializer {
    Deletes(Map<Long, TableMapEventData> tableMaps) {
      super(tableMaps);
    }

    @Override
    protected Serializable deserializeCell(ColumnType type, int meta, int length, ByteArrayInputStream in)
        throws IOException {
      Serializable cell = cell(type, meta, length, in);
      return cell != null ? cell : super.deserializeCell(type, meta, length, in);
    }
  }

  /** The cell of a type decoded here; {@code null}: the connector's decoding (exact for that type). */
  static Serializable cell(ColumnType type, int meta, int length, ByteArrayInputStream in) throws IOException {
    switch (type) {
      case TINY:
        return new Int(in.readLong(1), 1);
      case SHORT:
        return new Int(in.readLong(2), 2);
      case INT24:
        return new Int(in.readLong(3), 3);
      case LONG:
        return new Int(in.readLong(4), 4);
      case LONGLONG:
        return new Int(in.readLong(8), 8);
      case YEAR: {
        int year = in.readInteger(1);
        return new Int(year == 0 ? 0 : 1900 + year, 8);
      }
      case BIT: {
        int bits = (meta >> 8) * 8 + (meta & 0xFF);
        byte[] bytes = in.read((bits + 7) >> 3);
        long value = 0;
        for (byte b : bytes) {
          value = (value << 8) | (b & 0xFF);
        }
        return new Int(value, 8);
      }
      case DATE: {
        int packed = in.readInteger(3);
        int day = packed % 32;
        int month = (packed >> 5) % 16;
        int year = packed >> 9;
        if (year == 0 || month == 0 || day == 0) {
          return new Zero(String.format("%04d-%02d-%02d", year, month, day));
        }
        return LocalDate.of(year, month, day);
      }
      case DATETIME_V2: {
        long intPart = bigEndian(in.read(5)) - 0x8000000000L;
        int micros = fraction(meta, in, false)[1];
        long ymd = intPart >> 17;
        long ym = ymd >> 5;
        long hms = intPart % (1 << 17);
        int day = (int) (ymd % 32);
        int month = (int) (ym % 13);
        int year = (int) (ym / 13);
        int second = (int) (hms % 64);
        int minute = (int) ((hms >> 6) % 64);
        int hour = (int) (hms >> 12);
        if (year == 0 || month == 0 || day == 0) {
          return new Zero(String.format("%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour, minute, second)
              + (meta > 0 ? "." + String.format("%06d", micros).substring(0, meta) : ""));
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000);
      }
      case TIMESTAMP_V2: {
        long seconds = bigEndian(in.read(4));
        return new Timestamp(seconds, fraction(meta, in, false)[1]);
      }
      case TIME_V2:
        return time(meta, in);
      case STRING: {
        int size = length < 256 ? in.readInteger(1) : in.readInteger(2);
        return in.read(size);
      }
      case VARCHAR:
      case VAR_STRING: {
        int size = meta < 256 ? in.readInteger(1) : in.readInteger(2);
        return in.read(size);
      }
      case BLOB: {
        int size = in.readInteger(meta);
        return in.read(size);
      }
      default:
        return null;
    }
  }

  /** MySQL's TIME2: a signed packed value of hours, minutes, seconds and microseconds, printed as MySQL prints it. */
  private static String time(int meta, ByteArrayInputStream in) throws IOException {
    long packed;
    switch (meta) {
      case 0 -> packed = (bigEndian(in.read(3)) - 0x800000L) << 24;
      case 1, 2 -> {
        long intPart = bigEndian(in.read(3)) - 0x800000L;
        int frac = in.read(1)[0] & 0xFF;
        if (intPart < 0 && frac != 0) {
          intPart++;
          frac -= 0x100;
        }
        packed = (intPart << 24) + frac * 10_000L;
      }
      case 3, 4 -> {
        long intPart = bigEndian(in.read(3)) - 0x800000L;
        int frac = (int) bigEndian(in.read(2));
        if (intPart < 0 && frac != 0) {
          intPart++;
          frac -= 0x10000;
        }
        packed = (intPart << 24) + frac * 100L;
      }
      default -> packed = bigEndian(in.read(6)) - 0x800000000000L;
    }
    boolean negative = packed < 0;
    if (negative) {
      packed = -packed;
    }
    long hms = packed >> 24;
    long micros = packed % (1L << 24);
    long hour = (hms >> 12) % (1 << 10);
    long minute = (hms >> 6) % (1 << 6);
    long second = hms % (1 << 6);
    StringBuilder text = new StringBuilder(negative ? "-" : "").append(String.format("%02d:%02d:%02d", hour, minute,
        second));
    if (meta > 0) {
      text.append('.').append(String.format("%06d", micros), 0, meta);
    }
    return text.toString();
  }

  /** The fractional seconds of a DATETIME2 or TIMESTAMP2 with {@code fsp} digits: {bytes read, microseconds}. */
  private static int[] fraction(int fsp, ByteArrayInputStream in, boolean signed) throws IOException {
    int bytes = (fsp + 1) / 2;
    if (bytes == 0) {
      return new int[] {0, 0};
    }
    long value = bigEndian(in.read(bytes));
    long micros = switch (bytes) {
      case 1 -> value * 10_000;
      case 2 -> value * 100;
      default -> value;
    };
    return new int[] {bytes, (int) micros};
  }

  private static long bigEndian(byte[] bytes) {
    long value = 0;
    for (byte b : bytes) {
      value = (value << 8) | (b & 0xFF);
    }
    return value;
  }
}
