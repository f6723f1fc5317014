package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.dialect.DoltValueLimits;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Values and names Dolt cannot store are decided before the application's commit, on each primary: a
 * generated poison value of every class (NaN and infinities, decimals beyond Dolt's 35 integer digits, dates
 * beyond Dolt's years, PostgreSQL's infinite and BC dates and NaN numeric, H2 text with unpaired surrogates)
 * fails {@code commit()} with an {@link SQLDataException} naming table, column and value, the primary keeps
 * nothing of that transaction, and the mirror goes on with the next good one. With
 * {@code doltsync.unmappableValues=null} such a value of a nullable column is mirrored as NULL.
 */
class UnstorableValueTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", 5L);
  private static final int POISONS = Integer.getInteger("doltsync.test.poisonValues", 4);

  /** One poison: the column it goes in, the SQL expression (or bound value) that makes it, how the error shows it. */
  private record Poison(String column, Object value, String shown) {}

  @Test
  void h2PoisonValuesFailTheCommitAndTheMirrorGoesOn() throws Exception {
    Random random = new Random(SEED);
    List<Poison> poisons = new ArrayList<>();
    for (double special : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      poisons.add(new Poison("reading", special, String.valueOf(special)));
    }
    for (int i = 0; i < POISONS; i++) {
      BigDecimal huge = new BigDecimal("1" + "0".repeat(35 + random.nextInt(400))).add(BigDecimal.valueOf(random.nextInt(1000)));
      poisons.add(new Poison("amount", huge, DoltValueLimits.describe(huge)));
      LocalDate date = LocalDate.of(random.nextBoolean() ? 10_000 + random.nextInt(100_000) : -1 - random.nextInt(5000),
          1 + random.nextInt(12), 1 + random.nextInt(28));
      poisons.add(new Poison("birthday", date, date.toString()));
      LocalDateTime time = LocalDateTime.of(random.nextBoolean() ? 10_000 + random.nextInt(100_000) : -random.nextInt(5000),
          1 + random.nextInt(12), 1 + random.nextInt(28), 1, 2, 3);
      poisons.add(new Poison("stamp", time, time.toString()));
      String text = "ok" + (char) (0xD800 + random.nextInt(0x800)) + (random.nextBoolean() ? "tail" : "");
      poisons.add(new Poison("note", text, "ok\\u"));
    }
    assertPoisonsAreRefused(PrimaryKind.H2, "reading DOUBLE PRECISION, amount DECFLOAT, birthday DATE, stamp TIMESTAMP, note VARCHAR(40)",
        poisons);
  }

  @Test
  void postgresPoisonValuesFailTheCommitAndTheMirrorGoesOn() throws Exception {
    Random random = new Random(SEED + 1);
    List<Poison> poisons = new ArrayList<>();
    for (String special : new String[] {"NaN", "Infinity", "-Infinity"}) {
      poisons.add(new Poison("reading", new Sql("CAST('" + special + "' AS float8)"), special));
      poisons.add(new Poison("amount", new Sql("CAST('" + special + "' AS numeric)"), special));
    }
    poisons.add(new Poison("birthday", new Sql("DATE 'infinity'"), "infinity"));
    poisons.add(new Poison("birthday", new Sql("DATE '-infinity'"), "-infinity"));
    poisons.add(new Poison("stamp", new Sql("TIMESTAMPTZ 'infinity'"), "infinity"));
    for (int i = 0; i < POISONS; i++) {
      String digits = "9".repeat(36 + random.nextInt(20));
      poisons.add(new Poison("amount", new Sql(digits + "." + random.nextInt(100)), digits.substring(0, 10)));
      int year = 2 + random.nextInt(4000);
      poisons.add(new Poison("birthday", new Sql("DATE '" + String.format("%04d", year) + "-03-04 BC'"), "-03-04"));
      int future = 10_000 + random.nextInt(200_000);
      poisons.add(new Poison("birthday", new Sql("DATE '" + future + "-05-06'"), future + "-05-06"));
    }
    assertPoisonsAreRefused(PrimaryKind.POSTGRES, "reading float8, amount numeric, birthday date, stamp timestamptz, note text", poisons);
  }

  @Test
  void withTheNullPolicyAPoisonInANullableColumnIsMirroredAsNullAndANotNullOneStillFails() throws Exception {
    try (PrimaryKind.Space space = PrimaryKind.H2.createSpace("poison")) {
      try (Connection raw = space.connect(); Statement sql = raw.createStatement()) {
        sql.execute("CREATE TABLE m (id INT PRIMARY KEY, reading DOUBLE PRECISION, must DOUBLE PRECISION NOT NULL)");
      }
      String dolt = DoltDatabases.newName("poison");
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), dolt), "doltsync.unmappableValues", "null");
      try (Connection app = DriverManager.getConnection(url, PrimaryKind.H2.credentials())) {
        try (PreparedStatement insert = app.prepareStatement("INSERT INTO m VALUES (?, ?, ?)")) {
          insert.setInt(1, 1);
          insert.setDouble(2, Double.NaN);
          insert.setDouble(3, 2.5);
          insert.executeUpdate();
          insert.setInt(1, 2);
          insert.setDouble(2, 1.0);
          insert.setDouble(3, Double.POSITIVE_INFINITY);
          assertThatThrownBy(insert::executeUpdate).isInstanceOf(SQLDataException.class)
              .hasMessageContaining("M.MUST").hasMessageContaining("Infinity").hasMessageContaining("NOT NULL");
        }
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(30));
      }
      try (Connection check = TestServers.dolt(dolt); Statement sql = check.createStatement();
          ResultSet rs = sql.executeQuery("SELECT id, reading, must FROM m ORDER BY id")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
        assertThat(rs.getObject(2)).isNull();
        assertThat(rs.getDouble(3)).isEqualTo(2.5);
        assertThat(rs.next()).as("the refused auto-commit insert is in neither database").isFalse();
      } finally {
        DoltDatabases.drop(dolt);
      }
      try (Connection raw = space.connect(); Statement sql = raw.createStatement();
          ResultSet rs = sql.executeQuery("SELECT COUNT(*) FROM m")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }
  }

  @Test
  void h2TablesWhoseNamesDifferOnlyInCaseFailTheFirstConnectionAndALongNameOrCaseTwinIsRefusedBeforeItsDdlRuns() throws Exception {
    try (PrimaryKind.Space space = PrimaryKind.H2.createSpace("names")) {
      try (Connection raw = space.connect(); Statement sql = raw.createStatement()) {
        sql.execute("CREATE TABLE \"Orders\" (id INT PRIMARY KEY)");
        sql.execute("CREATE TABLE ORDERS (id INT PRIMARY KEY)");
      }
      String dolt = DoltDatabases.newName("names");
      assertThatThrownBy(() -> DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), dolt), PrimaryKind.H2.credentials()))
          .isInstanceOf(SQLSyntaxErrorException.class).hasMessageContaining("Orders").hasMessageContaining("ORDERS");
      try (Connection raw = space.connect(); Statement sql = raw.createStatement()) {
        sql.execute("DROP TABLE \"Orders\"");
      }
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), dolt), PrimaryKind.H2.credentials());
          Statement sql = app.createStatement()) {
        String longName = "T" + "X".repeat(64);
        assertThatThrownBy(() -> sql.execute("CREATE TABLE " + longName + " (id INT PRIMARY KEY)"))
            .isInstanceOf(SQLSyntaxErrorException.class).hasMessageContaining(longName).hasMessageContaining("64");
        assertThatThrownBy(() -> sql.execute("CREATE TABLE \"orders\" (id INT PRIMARY KEY)"))
            .isInstanceOf(SQLSyntaxErrorException.class).hasMessageContaining("orders").hasMessageContaining("ORDERS");
        try (Connection raw = space.connect(); Statement probe = raw.createStatement();
            ResultSet rs = probe.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME IN ('orders', '"
                + longName + "')")) {
          rs.next();
          assertThat(rs.getInt(1)).as("refused before H2 ran (and implicitly committed) the DDL").isZero();
        }
        sql.execute("INSERT INTO orders VALUES (7)");
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(30));
      }
      try (Connection check = TestServers.dolt(dolt); Statement sql = check.createStatement();
          ResultSet rs = sql.executeQuery("SELECT id FROM orders")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(7);
      } finally {
        DoltDatabases.drop(dolt);
      }
    }
  }

  /** A value written as SQL text rather than bound. */
  private record Sql(String text) {}

  private static void assertPoisonsAreRefused(PrimaryKind kind, String columns, List<Poison> poisons) throws Exception {
    try (PrimaryKind.Space space = kind.createSpace("poison")) {
      try (Connection raw = space.connect(); Statement sql = raw.createStatement()) {
        sql.execute("CREATE TABLE m (id INT PRIMARY KEY, " + columns + ")");
      }
      String dolt = DoltDatabases.newName("poison");
      int good = 0;
      try (Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), dolt), kind.credentials())) {
        app.setAutoCommit(false);
        int id = 0;
        for (Poison poison : poisons) {
          insertGood(app, ++id);
          String value = poison.value() instanceof Sql sql ? sql.text() : "?";
          try (PreparedStatement insert = app.prepareStatement("INSERT INTO m (id, " + poison.column() + ") VALUES (?, " + value + ")")) {
            insert.setInt(1, ++id);
            if (!(poison.value() instanceof Sql)) {
              insert.setObject(2, poison.value());
            }
            insert.executeUpdate();
          }
          assertThatThrownBy(app::commit).as("%s", poison).isInstanceOf(SQLDataException.class)
              .satisfies(e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains("m." + poison.column()))
              .hasMessageContaining(poison.shown());
          app.rollback();
        }
        insertGood(app, ++id);
        app.commit();
        good++;
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(30));
      }
      try (Connection raw = space.connect(); Statement sql = raw.createStatement();
          ResultSet rs = sql.executeQuery("SELECT COUNT(*) FROM m")) {
        rs.next();
        assertThat(rs.getInt(1)).as("the primary kept only the good transaction").isEqualTo(good);
      }
      try (Connection check = TestServers.dolt(dolt); Statement sql = check.createStatement();
          ResultSet rs = sql.executeQuery("SELECT COUNT(*) FROM m")) {
        rs.next();
        assertThat(rs.getInt(1)).as("Dolt has the good transaction").isEqualTo(good);
      } finally {
        DoltDatabases.drop(dolt);
      }
    }
  }

  private static void insertGood(Connection app, int id) throws SQLException {
    try (PreparedStatement insert = app.prepareStatement("INSERT INTO m (id, reading) VALUES (?, 1.5)")) {
      insert.setInt(1, id);
      insert.executeUpdate();
    }
  }
}
