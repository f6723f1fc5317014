package io.doltsync.internal.verify;

import io.doltsync.testing.PrimaryKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * Tables with every column type a primary's dialect maps (one keyed, one keyless) and a generator of
 * random values for each column, NULLs included, for the drift tests.
 */
final class DriftFixture {

  /** A column: its name, its SQL type, the placeholder that binds it, and a generator of values. */
  record Column(String name, String type, String placeholder, Function<Random, Object> values) {

    Column(String name, String type, Function<Random, Object> values) {
      this(name, type, "?", values);
    }
  }

  static final String KEYED = "drift_items";
  static final String KEYLESS = "drift_log";

  private DriftFixture() {}

  /** The keyed table's columns after its {@code id} key. */
  static List<Column> columns(PrimaryKind kind) {
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("c_int", "INT", r -> r.nextInt()));
    columns.add(new Column("c_big", "BIGINT", r -> r.nextLong()));
    columns.add(new Column("c_dec", "DECIMAL(12,3)", r -> BigDecimal.valueOf(r.nextInt(2_000_000_000) - 1_000_000_000L, 3)));
    columns.add(new Column("c_double", "DOUBLE PRECISION", r -> r.nextDouble() * 1e6 - 5e5));
    columns.add(new Column("c_char", "CHAR(5)", r -> text(r, 1 + r.nextInt(5), false).stripTrailing()));
    columns.add(new Column("c_varchar", "VARCHAR(40)", r -> text(r, r.nextInt(38), true)));
    columns.add(new Column("c_date", "DATE", r -> LocalDate.of(1900 + r.nextInt(200), 1 + r.nextInt(12), 1 + r.nextInt(28))));
    columns.add(new Column("c_time", "TIME", r -> LocalTime.of(r.nextInt(24), r.nextInt(60), r.nextInt(60))));
    switch (kind) {
      case MARIADB -> {
        columns.add(new Column("c_ubig", "BIGINT UNSIGNED", r -> new BigDecimal(Long.toUnsignedString(r.nextLong()))));
        columns.add(new Column("c_float", "FLOAT", r -> (float) r.nextInt(100_000) / 4));
        columns.add(new Column("c_tiny1", "TINYINT(1)", r -> r.nextInt(2)));
        columns.add(new Column("c_bit", "BIT(1)", r -> r.nextBoolean()));
        columns.add(new Column("c_text", "TEXT", r -> text(r, r.nextInt(300), true)));
        columns.add(new Column("c_latin", "VARCHAR(20) CHARACTER SET latin1", r -> latin(r, r.nextInt(20))));
        columns.add(new Column("c_bin", "VARBINARY(16)", r -> bytes(r, r.nextInt(17))));
        columns.add(new Column("c_fixbin", "BINARY(4)", r -> bytes(r, 4)));
        columns.add(new Column("c_blob", "BLOB", r -> bytes(r, r.nextInt(500))));
        columns.add(new Column("c_dt", "DATETIME(6)", DriftFixture::dateTime));
        columns.add(new Column("c_ts", "TIMESTAMP(3) NULL", r -> LocalDateTime.of(2001 + r.nextInt(30), 1 + r.nextInt(12),
            1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1000) * 1_000_000)));
        columns.add(new Column("c_year", "YEAR", r -> 1901 + r.nextInt(250)));
        columns.add(new Column("c_json", "JSON", r -> "{\"n\": " + r.nextInt(100) + ", \"s\": \"" + latin(r, 5) + "\"}"));
        columns.add(new Column("c_enum", "ENUM('small','medium','large')", r -> List.of("small", "medium", "large").get(r.nextInt(3))));
        columns.add(new Column("c_set", "SET('red','green','blue')", r -> List.of("red", "green,blue", "red,blue", "").get(r.nextInt(4))));
        columns.add(new Column("c_uuid", "UUID", r -> UUID.nameUUIDFromBytes(bytes(r, 8)).toString()));
      }
      case POSTGRES -> {
        columns.add(new Column("c_small", "SMALLINT", r -> (short) r.nextInt(Short.MAX_VALUE)));
        columns.add(new Column("c_numfree", "NUMERIC", r -> new BigDecimal(r.nextLong()).movePointLeft(r.nextInt(12))));
        columns.add(new Column("c_real", "REAL", r -> (float) r.nextInt(100_000) / 4));
        columns.add(new Column("c_bool", "BOOLEAN", r -> r.nextBoolean()));
        columns.add(new Column("c_text", "TEXT", r -> text(r, r.nextInt(300), true)));
        columns.add(new Column("c_bytea", "BYTEA", r -> bytes(r, r.nextInt(64))));
        columns.add(new Column("c_ts", "TIMESTAMP", DriftFixture::dateTime));
        columns.add(new Column("c_tstz", "TIMESTAMPTZ", r -> OffsetDateTime.of(dateTime(r), ZoneOffset.ofHours(r.nextInt(25) - 12))));
        columns.add(new Column("c_json", "JSONB", "CAST(? AS JSONB)", r -> "{\"n\": " + r.nextInt(100) + ", \"a\": [1, 2]}"));
        columns.add(new Column("c_uuid", "UUID", r -> new UUID(r.nextLong(), r.nextLong())));
        columns.add(new Column("c_arr", "INT[]", "CAST(? AS INT[])", r -> "{" + r.nextInt(9) + "," + r.nextInt(9) + "}"));
        columns.add(new Column("c_inet", "INET", "CAST(? AS INET)", r -> "10." + r.nextInt(256) + ".0." + r.nextInt(256)));
      }
      case H2 -> {
        columns.add(new Column("c_decfloat", "DECFLOAT", r -> new BigDecimal(r.nextLong()).movePointLeft(r.nextInt(12))));
        columns.add(new Column("c_real", "REAL", r -> (float) r.nextInt(100_000) / 4));
        columns.add(new Column("c_bool", "BOOLEAN", r -> r.nextBoolean()));
        columns.add(new Column("c_clob", "CLOB", r -> text(r, r.nextInt(300), true)));
        columns.add(new Column("c_bin", "VARBINARY(16)", r -> bytes(r, r.nextInt(17))));
        columns.add(new Column("c_ts", "TIMESTAMP(6)", DriftFixture::dateTime));
        columns.add(new Column("c_tstz", "TIMESTAMP WITH TIME ZONE",
            r -> OffsetDateTime.of(dateTime(r), ZoneOffset.ofHours(r.nextInt(25) - 12))));
        columns.add(new Column("c_uuid", "UUID", r -> new UUID(r.nextLong(), r.nextLong())));
        columns.add(new Column("c_json", "JSON", "? FORMAT JSON", r -> "{\"n\":" + r.nextInt(100) + "}"));
        columns.add(new Column("c_enum", "ENUM('small','medium','large')", r -> List.of("small", "medium", "large").get(r.nextInt(3))));
        columns.add(new Column("c_arr", "INTEGER ARRAY", r -> new Integer[] {r.nextInt(9), r.nextInt(9)}));
      }
    }
    return columns;
  }

  /** The keyless table's columns (a float among them, compared in the JVM). */
  static List<Column> keylessColumns() {
    return List.of(
        new Column("who", "VARCHAR(30)", r -> text(r, 1 + r.nextInt(20), false)),
        new Column("amount", "DECIMAL(10,2)", r -> BigDecimal.valueOf(r.nextInt(1_000_000), 2)),
        new Column("ratio", "DOUBLE PRECISION", r -> r.nextDouble()),
        new Column("on_day", "DATE", r -> LocalDate.of(2000 + r.nextInt(30), 1 + r.nextInt(12), 1 + r.nextInt(28))));
  }

  /** A value of the column, or NULL about one time in seven. */
  static Object value(Column column, Random random) {
    return random.nextInt(7) == 0 ? null : column.values().apply(random);
  }

  static String createTable(String table, List<Column> columns, boolean keyed) {
    StringBuilder sql = new StringBuilder("CREATE TABLE ").append(table).append(" (");
    if (keyed) {
      sql.append("id BIGINT NOT NULL PRIMARY KEY, ");
    }
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(columns.get(i).name()).append(' ').append(columns.get(i).type());
    }
    return sql.append(')').toString();
  }

  static String insert(String table, List<Column> columns, boolean keyed) {
    StringBuilder names = new StringBuilder(keyed ? "id" : "");
    StringBuilder values = new StringBuilder(keyed ? "?" : "");
    for (Column column : columns) {
      names.append(names.isEmpty() ? "" : ", ").append(column.name());
      values.append(values.isEmpty() ? "" : ", ").append(column.placeholder());
    }
    return "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ")";
  }

  private static LocalDateTime dateTime(Random r) {
    return LocalDateTime.of(1971 + r.nextInt(60), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60),
        r.nextInt(60), r.nextInt(1_000_000) * 1000);
  }

  private static final String ALPHABET = "abcXYZ 019_-'\"\\%,:;~éßøΩ中文😀\t";

  /** Text with quotes, backslashes, separators the row text uses, accents, CJK and a supplementary character. */
  static String text(Random r, int length, boolean trailingSpaces) {
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      int index = r.nextInt(ALPHABET.codePointCount(0, ALPHABET.length()));
      int codePoint = ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, index));
      text.appendCodePoint(text.length() + Character.charCount(codePoint) <= length ? codePoint : 'a');
    }
    String value = text.toString();
    return trailingSpaces && r.nextInt(5) == 0 ? value.stripTrailing() + "  " : value;
  }

  private static String latin(Random r, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append("abcxyzéàüñ ,:"
          .charAt(r.nextInt(13)));
    }
    return text.toString();
  }

  private static byte[] bytes(Random r, int length) {
    byte[] bytes = new byte[length];
    r.nextBytes(bytes);
    return bytes;
  }

}
