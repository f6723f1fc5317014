package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.CanonicalValues;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * MariaDB {@code TIMESTAMP} and {@code DATETIME} values predicted by {@link StatementValues} through a
 * connection's {@link CaptureContext} (which reads the session's time zone and knows the server truncates
 * fractions), against what real MariaDB stores: a generator of values (random instants, the type's range
 * limits in the session's offset, the JVM zone's daylight-saving gaps and overlaps, every fraction
 * granularity, {@link Timestamp} and {@link LocalDateTime}) × column precisions 0–6 × session time zones
 * (offsets from -12:59 to +13:00, SYSTEM, strict and non-strict {@code sql_mode}) × JVM default zones
 * with DST. Wherever a value is predicted it must equal the stored one.
 */
class TimestampStoredValuesTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int ROWS_PER_ZONE = Integer.getInteger("doltsync.test.timestampRows", 25);
  private static final List<String> JVM_ZONES = List.of("UTC", "America/New_York", "Europe/Berlin",
      "Australia/Lord_Howe", "Asia/Kathmandu", "America/Sao_Paulo");
  private static final List<String> SESSION_ZONES = List.of("SYSTEM", "+00:00", "+13:00", "-12:59", "+05:45",
      "-03:30");
  private static final Instant MIN = Instant.parse("1970-01-01T00:00:01Z");
  private static final Instant MAX = Instant.parse("2038-01-19T03:14:07Z");

  @Test
  void everyPredictedTimestampIsWhatMariaDbStores() throws Exception {
    Random random = new Random(SEED);
    TimeZone jvmDefault = TimeZone.getDefault();
    int known = 0;
    int unknown = 0;
    int refused = 0;
    try (PrimaryKind.Space space = PrimaryKind.MARIADB.createSpace("tsvalues")) {
      try (Connection connection = space.connect(); Statement s = connection.createStatement()) {
        s.execute("CREATE TABLE ts (id INT PRIMARY KEY, t0 TIMESTAMP(0) NULL, t1 TIMESTAMP(1) NULL,"
            + " t2 TIMESTAMP(2) NULL, t3 TIMESTAMP(3) NULL, t4 TIMESTAMP(4) NULL, t5 TIMESTAMP(5) NULL,"
            + " t6 TIMESTAMP(6) NULL, d0 DATETIME NULL, d3 DATETIME(3) NULL, d6 DATETIME(6) NULL)");
      }
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      int id = 0;
      try {
        for (String jvmZone : JVM_ZONES) {
          TimeZone.setDefault(TimeZone.getTimeZone(jvmZone));
          try (Connection connection = space.connect()) {
            TableSchema table = dialect.readTable(connection, dialect.listTables(connection).get(0));
            List<ColumnSchema> columns = table.columns().subList(1, table.columns().size());
            CaptureContext context = new CaptureContext(connection, dialect, new TransactionCapture());
            for (String sessionZone : SESSION_ZONES) {
              String setZone = "SET time_zone = '" + sessionZone + "', sql_mode = '"
                  + (random.nextBoolean() ? "STRICT_TRANS_TABLES" : "") + "'";
              try (Statement s = connection.createStatement()) {
                s.execute(setZone);
              }
              context.ran(setZone);
              ZoneOffset offset = sessionZone.equals("SYSTEM") ? ZoneOffset.UTC : ZoneOffset.of(
                  sessionZone.length() == 5 ? sessionZone.charAt(0) + "0" + sessionZone.substring(1) : sessionZone);
              for (int r = 0; r < ROWS_PER_ZONE; r++) {
                Object given = aValue(random, offset, ZoneId.of(jvmZone));
                Object[] predicted = new Object[columns.size()];
                for (int c = 0; c < predicted.length; c++) {
                  predicted[c] = context.statementValues().stored(given, columns.get(c));
                }
                Object[] stored = insertAndReadBack(connection, dialect, columns, ++id, given);
                if (stored == null) {
                  refused++;
                  continue;
                }
                for (int c = 0; c < predicted.length; c++) {
                  if (predicted[c] == StatementValues.UNKNOWN) {
                    unknown++;
                    continue;
                  }
                  known++;
                  assertThat(CanonicalValues.same(predicted[c], stored[c]))
                      .as("%s %s given for %s, session zone %s, JVM zone %s: predicted %s, stored %s (seed %d)",
                          given.getClass().getSimpleName(), given, columns.get(c).typeName(), sessionZone, jvmZone,
                          predicted[c], stored[c], SEED)
                      .isTrue();
                }
              }
            }
          }
        }
      } finally {
        TimeZone.setDefault(jvmDefault);
      }
    }
    assertThat(refused).as("rows MariaDB refused (out of range in strict mode)").isLessThan(ROWS_PER_ZONE
        * JVM_ZONES.size() * SESSION_ZONES.size() / 2);
    assertThat(known).as("stored values predicted").isGreaterThan(ROWS_PER_ZONE * JVM_ZONES.size() * SESSION_ZONES.size());
    assertThat(unknown).as("stored values left to the database (out of range, the range's edges)").isPositive();
  }

  /** A change of the session's time zone through the application's SQL is followed; zones with transitions are not predicted. */
  @Test
  void theSessionZoneIsReadAgainAfterATextThatMayChangeIt() throws Exception {
    try (PrimaryKind.Space space = PrimaryKind.MARIADB.createSpace("tszone"); Connection connection = space.connect()) {
      try (Statement s = connection.createStatement()) {
        s.execute("CREATE TABLE ts (t TIMESTAMP NULL)");
      }
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      ColumnSchema column = dialect.readTable(connection, dialect.listTables(connection).get(0)).columns().get(0);
      CaptureContext context = new CaptureContext(connection, dialect, new TransactionCapture());
      LocalDateTime early = LocalDateTime.of(1970, 1, 1, 5, 0);
      try (Statement s = connection.createStatement()) {
        s.execute("SET time_zone = '+00:00'");
        context.ran("SET time_zone = '+00:00'");
        assertThat(context.statementValues().stored(early, column)).isEqualTo(early);
        s.execute("SET @@session.time_zone = '+06:00'");
        context.ran("SET @@session.time_zone = '+06:00'");
        assertThat(context.statementValues().stored(early, column))
            .as("05:00 at +06:00 is before 1970-01-01 UTC").isSameAs(StatementValues.UNKNOWN);
        s.execute("SET time_zone = '+00:00'");
        context.ran("SELECT 1");
        assertThat(context.statementValues().stored(early, column))
            .as("a text that cannot change the zone does not make it read again").isSameAs(StatementValues.UNKNOWN);
      }
    }
    assertThat(SessionTimeZone.fixedOffset("Europe/Berlin", "UTC")).isEmpty();
    assertThat(SessionTimeZone.fixedOffset("SYSTEM", "CET")).isEmpty();
    assertThat(SessionTimeZone.fixedOffset("SYSTEM", "EST")).isEmpty();
    assertThat(SessionTimeZone.fixedOffset("SYSTEM", "UTC")).contains(ZoneOffset.UTC);
    assertThat(SessionTimeZone.fixedOffset("-3:30", "CET")).contains(ZoneOffset.ofHoursMinutes(-3, -30));
    assertThat(SessionTimeZone.fixedOffset("Etc/UTC", null)).contains(ZoneOffset.UTC);
    for (String text : List.of("set time_zone='+01:00'", "SET STATEMENT time_zone='+01:00' FOR INSERT INTO t VALUES (1)",
        "CALL p()", "{call p()}", "EXECUTE stmt", "  execute stmt USING @a", "RESET CONNECTION")) {
      assertThat(SessionTimeZone.mayChangeTimeZone(text)).as(text).isTrue();
    }
    for (String text : List.of("SELECT 1", "INSERT INTO t VALUES (1)", "UPDATE callers SET n = 1")) {
      assertThat(SessionTimeZone.mayChangeTimeZone(text)).as(text).isFalse();
    }
  }

  /**
   * A value around an edge: a random instant of the type's range, the range's limits in the session's
   * offset, or a daylight-saving gap or overlap of the JVM's zone (where {@link Timestamp} normalizes the
   * local time), with a fraction of second of some granularity, as a {@link Timestamp} or {@link LocalDateTime}.
   */
  private static Object aValue(Random random, ZoneOffset session, ZoneId jvm) {
    LocalDateTime local = switch (random.nextInt(5)) {
      case 0 -> LocalDateTime.ofInstant(MIN, session).plusSeconds(random.nextInt(3) - 1);
      case 1 -> LocalDateTime.ofInstant(MAX, session).plusSeconds(random.nextInt(3) - 1);
      case 2, 3 -> aroundTransition(random, jvm);
      default -> LocalDateTime.ofInstant(MIN.plusSeconds((long) (random.nextDouble()
          * (MAX.getEpochSecond() - MIN.getEpochSecond()))), session);
    };
    int nanos = switch (random.nextInt(5)) {
      case 0 -> 0;
      case 1 -> random.nextInt(1000) * 1_000_000;
      case 2 -> random.nextInt(1_000_000) * 1000;
      case 3 -> 999_999_000 + random.nextInt(2) * random.nextInt(1000);
      default -> random.nextInt(1_000_000_000);
    };
    local = local.withNano(nanos);
    if (random.nextInt(4) == 0) { // a date, at midnight in the JVM's zone or at another time of its day
      java.sql.Date date = java.sql.Date.valueOf(local.toLocalDate());
      return random.nextBoolean() ? date : new java.sql.Date(Timestamp.valueOf(local).getTime());
    }
    return random.nextBoolean() ? local : Timestamp.valueOf(local);
  }

  /** A local time in or next to a transition (gap or overlap) of a zone, or a random one where it has none. */
  private static LocalDateTime aroundTransition(Random random, ZoneId zone) {
    Instant from = Instant.ofEpochSecond(MIN.getEpochSecond()
        + (long) (random.nextDouble() * (MAX.getEpochSecond() - MIN.getEpochSecond())));
    Optional<ZoneOffsetTransition> next = Optional.ofNullable(zone.getRules().nextTransition(from));
    if (next.isEmpty()) {
      return LocalDateTime.ofInstant(from, ZoneOffset.UTC);
    }
    ZoneOffsetTransition transition = next.get();
    long span = Math.abs(transition.getDuration().getSeconds()) + 2;
    return transition.getDateTimeBefore().minusSeconds(1).plusSeconds((long) (random.nextDouble() * span));
  }

  /** The stored row, or {@code null} when MariaDB refused it; an unreadable stored value reads as a marker. */
  private static Object[] insertAndReadBack(Connection connection, SourceDialect dialect, List<ColumnSchema> columns,
      int id, Object given) throws SQLException {
    StringBuilder sql = new StringBuilder("INSERT INTO ts VALUES (?");
    columns.forEach(c -> sql.append(", ?"));
    try (PreparedStatement insert = connection.prepareStatement(sql.append(')').toString())) {
      insert.setInt(1, id);
      for (int c = 0; c < columns.size(); c++) {
        insert.setObject(c + 2, given);
      }
      insert.executeUpdate();
    } catch (SQLException refused) {
      return null;
    }
    try (PreparedStatement select = connection.prepareStatement("SELECT * FROM ts WHERE id = ?")) {
      select.setInt(1, id);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        List<Object> row = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
          try {
            row.add(dialect.readValue(rs, c + 2, columns.get(c)));
          } catch (SQLException | RuntimeException unreadable) {
            row.add("unreadable: " + unreadable.getMessage()); // a zero date: never equal to a prediction
          }
        }
        return row.toArray();
      }
    }
  }
}
