package io.doltsync.internal.jdbc.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSync;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What an application reads from date and time columns through doltsync is exactly what the raw driver
 * returns, for every temporal getter ({@code getDate}, {@code getTime}, {@code getTimestamp}, with and without a
 * {@link Calendar}, {@code getObject} plain and with {@code LocalDate}, {@code LocalDateTime}, {@code LocalTime},
 * {@code OffsetDateTime}, {@code Instant}, {@code getString}), by index and by label, on H2, MariaDB and PostgreSQL.
 * Values come from a seeded generator over each column type's range (with the edges: epoch, leap days, the
 * Gregorian cut-over, midnight, the last microsecond of a day); rows are written through a mirroring doltsync
 * connection and read back both ways; a getter that throws must throw the same exception class and SQLState.
 *
 * <p>It also checks the other half of the question Spring PetClinic raised under the agent (an H2 {@code DATE}
 * shown by Dolt as {@code 2020-01-02 00:00:00}): Dolt holds every {@code DATE} as a date equal to the primary's,
 * and the {@code 00:00:00} comes from Dolt's own string conversion of a {@code DATE} in {@code CONCAT}/{@code CAST}.
 * Seed: {@code -Ddoltsync.temporalSeed=N}; rows: {@code -Ddoltsync.temporalRows=N} (default 60).
 */
class TemporalReadFidelityTest {

  private static final long SEED = Long.getLong("doltsync.temporalSeed", System.nanoTime());
  private static final int ROWS = Integer.getInteger("doltsync.temporalRows", 60);

  /** One temporal column: its name, its DDL type on the primary, and a generator of values to bind. */
  private record Column(String name, String type, ValueGenerator generator) {}

  @FunctionalInterface
  private interface ValueGenerator {
    Object next(Random random);
  }

  /** One getter, applied to a result set's column by index or label. */
  private record Getter(String name, Read read) {}

  @FunctionalInterface
  private interface Read {
    Object apply(ResultSet rows, int index, String label) throws SQLException;
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void everyTemporalGetterReadsWhatTheRawDriverReads(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED ^ kind.ordinal());
    List<Column> columns = columnsOf(kind);
    String doltDatabase = DoltDatabases.newName("temporal_" + kind.name().toLowerCase());
    try (PrimaryKind.Space space = kind.createSpace("temporal")) {
      String mirroring = DoltSyncUrls.mirroring(space.url(), doltDatabase);
      try (Connection doltsync = DriverManager.getConnection(mirroring, kind.credentials());
          Connection raw = space.connect()) {
        try (Statement statement = doltsync.createStatement()) {
          StringBuilder ddl = new StringBuilder("CREATE TABLE temporal (id INT PRIMARY KEY");
          columns.forEach(column -> ddl.append(", ").append(column.name()).append(' ').append(column.type()));
          statement.execute(ddl.append(')').toString());
        }
        List<List<Object>> written = insertRows(doltsync, columns, random);
        assertThat(DoltSync.awaitJournalDrained(doltsync, Duration.ofMinutes(2))).as("journal drained").isZero();

        String query = "SELECT * FROM temporal ORDER BY id";
        List<String> rawReads = readAll(raw, query, columns);
        List<String> wrappedReads = readAll(doltsync, query, columns);
        assertThat(rawReads).as("the raw driver's reads (seed %d)", SEED).hasSize(ROWS * columns.size() * getters().size() * 2);
        for (int i = 0; i < rawReads.size(); i++) {
          assertThat(wrappedReads.get(i)).as("seed %d, read %d", SEED, i).isEqualTo(rawReads.get(i));
        }
        List<String> preparedReads = readPrepared(doltsync, query, columns);
        assertThat(preparedReads).as("prepared, seed %d", SEED).isEqualTo(readPrepared(raw, query, columns));

        assertDoltHoldsTheSameDates(raw, doltDatabase, written);
      }
    } finally {
      DoltDatabases.drop(doltDatabase);
    }
  }

  /** Dolt's {@code d} column holds each row's date, read as a {@code LocalDate} from Dolt itself. */
  private static void assertDoltHoldsTheSameDates(Connection raw, String doltDatabase, List<List<Object>> written)
      throws SQLException {
    List<LocalDate> primaryDates = new ArrayList<>();
    try (Statement statement = raw.createStatement(); ResultSet rows = statement.executeQuery(
        "SELECT d FROM temporal ORDER BY id")) {
      while (rows.next()) {
        primaryDates.add(rows.getObject(1, LocalDate.class));
      }
    }
    List<LocalDate> doltDates = new ArrayList<>();
    String doltType;
    String concatenated;
    try (Connection dolt = TestServers.dolt(doltDatabase); Statement statement = dolt.createStatement()) {
      try (ResultSet rows = statement.executeQuery("SELECT d FROM temporal ORDER BY id")) {
        while (rows.next()) {
          doltDates.add(rows.getObject(1, LocalDate.class));
        }
      }
      try (ResultSet rows = statement.executeQuery("SELECT DATA_TYPE FROM information_schema.columns "
          + "WHERE table_schema = DATABASE() AND table_name = 'temporal' AND column_name = 'd'")) {
        rows.next();
        doltType = rows.getString(1);
      }
      try (ResultSet rows = statement.executeQuery("SELECT CONCAT(d), DATE_FORMAT(d, '%Y-%m-%d') FROM temporal "
          + "WHERE d = '2020-01-02'")) {
        assertThat(rows.next()).as("the fixed row 2020-01-02 is in Dolt").isTrue();
        concatenated = rows.getString(1) + "|" + rows.getString(2);
      }
    }
    assertThat(doltType).as("Dolt's type of a DATE column").isEqualToIgnoringCase("date");
    assertThat(doltDates).as("Dolt's dates").isEqualTo(primaryDates).hasSize(written.size());
    // Dolt's CONCAT/CAST of a DATE appends 00:00:00 (what scripts/agent-petclinic.sh saw); DATE_FORMAT does not.
    assertThat(concatenated).startsWith("2020-01-02").endsWith("|2020-01-02");
  }

  private static List<List<Object>> insertRows(Connection doltsync, List<Column> columns, Random random)
      throws SQLException {
    StringBuilder sql = new StringBuilder("INSERT INTO temporal VALUES (?");
    columns.forEach(column -> sql.append(", ?"));
    List<List<Object>> written = new ArrayList<>();
    doltsync.setAutoCommit(false);
    try (PreparedStatement insert = doltsync.prepareStatement(sql.append(')').toString())) {
      for (int id = 1; id <= ROWS; id++) {
        List<Object> values = new ArrayList<>();
        insert.setInt(1, id);
        for (int c = 0; c < columns.size(); c++) {
          // row 1 holds the date PetClinic's check used; row 2 is all NULL; the rest are generated
          Object value = id == 2 ? null
              : id == 1 && c == 0 ? LocalDate.of(2020, 1, 2) : columns.get(c).generator().next(random);
          insert.setObject(c + 2, value);
          values.add(value);
        }
        insert.addBatch();
        written.add(values);
      }
      insert.executeBatch();
    }
    doltsync.commit();
    doltsync.setAutoCommit(true);
    return written;
  }

  private static List<String> readAll(Connection connection, String query, List<Column> columns)
      throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
      return read(rows, columns);
    }
  }

  private static List<String> readPrepared(Connection connection, String query, List<Column> columns)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(query); ResultSet rows = statement.executeQuery()) {
      return read(rows, columns);
    }
  }

  /** Every getter on every temporal column of every row, by index and by label, as comparable text. */
  private static List<String> read(ResultSet rows, List<Column> columns) throws SQLException {
    List<String> reads = new ArrayList<>();
    while (rows.next()) {
      for (int c = 0; c < columns.size(); c++) {
        int index = c + 2;
        String label = columns.get(c).name();
        for (Getter getter : getters()) {
          reads.add(rows.getInt(1) + "." + label + "." + getter.name() + " by index = "
              + outcome(() -> getter.read().apply(rows, index, null)));
          reads.add(rows.getInt(1) + "." + label + "." + getter.name() + " by label = "
              + outcome(() -> getter.read().apply(rows, -1, label)));
        }
      }
    }
    return reads;
  }

  @FunctionalInterface
  private interface Outcome {
    Object get() throws SQLException;
  }

  /** A value as its class, text and (for java.util.Date kinds) epoch milliseconds and nanos; or the failure. */
  private static String outcome(Outcome outcome) {
    try {
      Object value = outcome.get();
      if (value == null) {
        return "null";
      }
      String text = value.getClass().getName() + ":" + value;
      if (value instanceof java.sql.Timestamp timestamp) {
        text += "@" + timestamp.getTime() + "/" + timestamp.getNanos();
      } else if (value instanceof java.util.Date date) {
        text += "@" + date.getTime();
      }
      return text;
    } catch (SQLException e) {
      return "throws " + e.getClass().getName() + " " + e.getSQLState();
    } catch (RuntimeException e) {
      return "throws " + e.getClass().getName();
    }
  }

  private static List<Getter> getters() {
    Supplier<Calendar> tokyo = () -> Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
    Supplier<Calendar> utc = () -> Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    return List.of(
        new Getter("getString", (r, i, l) -> l == null ? r.getString(i) : r.getString(l)),
        new Getter("getObject", (r, i, l) -> l == null ? r.getObject(i) : r.getObject(l)),
        new Getter("getDate", (r, i, l) -> l == null ? r.getDate(i) : r.getDate(l)),
        new Getter("getDate(UTC)", (r, i, l) -> l == null ? r.getDate(i, utc.get()) : r.getDate(l, utc.get())),
        new Getter("getDate(Tokyo)", (r, i, l) -> l == null ? r.getDate(i, tokyo.get()) : r.getDate(l, tokyo.get())),
        new Getter("getTime", (r, i, l) -> l == null ? r.getTime(i) : r.getTime(l)),
        new Getter("getTime(Tokyo)", (r, i, l) -> l == null ? r.getTime(i, tokyo.get()) : r.getTime(l, tokyo.get())),
        new Getter("getTimestamp", (r, i, l) -> l == null ? r.getTimestamp(i) : r.getTimestamp(l)),
        new Getter("getTimestamp(Tokyo)",
            (r, i, l) -> l == null ? r.getTimestamp(i, tokyo.get()) : r.getTimestamp(l, tokyo.get())),
        typed(LocalDate.class), typed(LocalDateTime.class), typed(LocalTime.class), typed(OffsetDateTime.class),
        typed(Instant.class), typed(java.sql.Date.class), typed(java.sql.Timestamp.class));
  }

  private static Getter typed(Class<?> type) {
    return new Getter("getObject(" + type.getSimpleName() + ")",
        (r, i, l) -> l == null ? r.getObject(i, type) : r.getObject(l, type));
  }

  // ---- the generators ------------------------------------------------------------------------------

  private static List<Column> columnsOf(PrimaryKind kind) {
    return switch (kind) {
      case H2 -> List.of(
          new Column("d", "DATE", r -> date(r, 1, 9999)),
          new Column("t", "TIME(6)", TemporalReadFidelityTest::time),
          new Column("ts", "TIMESTAMP(6)", r -> dateTime(r, 1, 9999)),
          new Column("tz", "TIMESTAMP(6) WITH TIME ZONE", r -> offsetDateTime(r, 1900, 2200)));
      case MARIADB -> List.of(
          new Column("d", "DATE", r -> date(r, 1000, 9999)),
          new Column("t", "TIME(6)", TemporalReadFidelityTest::time),
          new Column("ts", "DATETIME(6)", r -> dateTime(r, 1000, 9999)),
          // TIMESTAMP holds 1970-01-01 00:00:01 UTC to 2038-01-19; keep a day away from both ends
          new Column("tsl", "TIMESTAMP(6) NULL", r -> dateTime(r, 1971, 2037)));
      case POSTGRES -> List.of(
          new Column("d", "DATE", r -> date(r, 1, 9999)),
          new Column("t", "TIME(6)", TemporalReadFidelityTest::time),
          new Column("ts", "TIMESTAMP(6)", r -> dateTime(r, 1, 9999)),
          new Column("tz", "TIMESTAMPTZ(6)", r -> offsetDateTime(r, 1900, 2200)));
    };
  }

  private static final List<LocalDate> EDGE_DATES = List.of(LocalDate.of(1970, 1, 1), LocalDate.of(1969, 12, 31),
      LocalDate.of(2000, 2, 29), LocalDate.of(2024, 2, 29), LocalDate.of(1582, 10, 15), LocalDate.of(1582, 10, 4),
      LocalDate.of(1900, 1, 1), LocalDate.of(2038, 1, 19), LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31));

  private static final List<LocalTime> EDGE_TIMES = List.of(LocalTime.MIDNIGHT, LocalTime.NOON,
      LocalTime.of(23, 59, 59, 999_999_000), LocalTime.of(0, 0, 0, 1_000), LocalTime.of(2, 30));

  /** A date between the years given (inclusive), an edge date in that range one time in four. */
  private static LocalDate date(Random random, int fromYear, int toYear) {
    List<LocalDate> edges = EDGE_DATES.stream().filter(d -> d.getYear() >= fromYear && d.getYear() <= toYear).toList();
    if (random.nextInt(4) == 0 && !edges.isEmpty()) {
      return edges.get(random.nextInt(edges.size()));
    }
    long from = LocalDate.of(fromYear, 1, 1).toEpochDay();
    long to = LocalDate.of(toYear, 12, 31).toEpochDay();
    return LocalDate.ofEpochDay(from + (long) (random.nextDouble() * (to - from)));
  }

  /** A time of day in microseconds (what every column here keeps), an edge time one time in four. */
  private static LocalTime time(Random random) {
    if (random.nextInt(4) == 0) {
      return EDGE_TIMES.get(random.nextInt(EDGE_TIMES.size()));
    }
    long micros = (long) (random.nextDouble() * 86_400_000_000L);
    return LocalTime.ofNanoOfDay(micros * 1_000);
  }

  private static LocalDateTime dateTime(Random random, int fromYear, int toYear) {
    LocalDate date = date(random, fromYear, toYear);
    LocalTime time = time(random);
    if (date.getYear() == 2038 && date.getMonthValue() == 1) { // MariaDB TIMESTAMP ends on 2038-01-19 03:14:07
      date = date.withDayOfMonth(18);
    }
    return LocalDateTime.of(date, time);
  }

  private static OffsetDateTime offsetDateTime(Random random, int fromYear, int toYear) {
    int offsetMinutes = (random.nextInt(28 * 4) - 12 * 4) * 15; // -12:00 to +15:45 in quarter hours
    return OffsetDateTime.of(dateTime(random, fromYear, toYear), ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
  }
}
