package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.jdbc.wrapper.ConnectionWrapper;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.MySqlClient;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * INSERTs into MariaDB tables whose key the database generates ({@code AUTO_INCREMENT}), raw against doltsync: a
 * generator over insert shapes (one row leaving the key out, with a {@code DATE 'yyyy-mm-dd'} literal, with nullable
 * columns left out, a column left to
 * its default, two rows, an explicit key, a {@code NULL} key, {@code INSERT IGNORE}, {@code ON DUPLICATE KEY
 * UPDATE}) × key kinds ({@code TINYINT} to {@code BIGINT UNSIGNED}) × protocol settings (plain or prepared,
 * {@code executeUpdate} or {@code execute}, with or without {@code RETURN_GENERATED_KEYS}) × auto-commit, explicit
 * transactions committed or rolled back, through MariaDB Connector/J and mysql-connector-j, on twin tables. After each
 * step the update counts, generated keys and {@code LAST_INSERT_ID()} are the raw driver's, the committed rows (ids
 * included) are the same on both sides, and Dolt holds the primary's rows; the statements each side sent
 * ({@code Questions}) are counted: a lone auto-commit one-row insert whose image the statement and its generated key
 * determine, without keys asked for, goes with its journal entry in one statement through MariaDB Connector/J (as
 * many statements as raw), and an explicit transaction of such inserts sends as many statements as raw.
 */
class GeneratedKeyInsertTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int STEPS = Integer.getInteger("doltsync.test.generatedKeySteps", 80);

  /** The key column's type of each table. */
  enum KeyKind {
    INT("INT"), BIGINT("BIGINT"), TINYINT("TINYINT UNSIGNED"), MEDIUMINT("MEDIUMINT"), BIGINT_UNSIGNED("BIGINT UNSIGNED");

    final String type;

    KeyKind(String type) {
      this.type = type;
    }

    /** Whether a one-row insert leaving this key out is predicted (its key stored as a long; BIGINT UNSIGNED is read). */
    boolean oneTrip() {
      return this != BIGINT_UNSIGNED;
    }
  }

  /** The insert's text, and whether its row image is the statement's values and its generated key. */
  enum Shape {
    ONE_ROW(true), NOTE_LEFT_OUT(true), DEFAULT_LEFT_OUT(false), TWO_ROWS(false), EXPLICIT_KEY(false), NULL_KEY(false),
    IGNORE(false), UPSERT(false);

    final boolean predicted;

    Shape(boolean predicted) {
      this.predicted = predicted;
    }

    String sql(String table, int v, int explicitKey) {
      return switch (this) {
        case ONE_ROW -> "INSERT INTO " + table + " (v, note, d, day) VALUES (" + v + ", 'n" + v + "', " + (v % 7)
            + ", DATE '2020-" + String.format("%02d-%02d", v % 12 + 1, v % 28 + 1) + "')";
        case NOTE_LEFT_OUT -> "INSERT INTO " + table + " (d, v) VALUES (" + (v % 5) + ", " + v + ")";
        case DEFAULT_LEFT_OUT -> "INSERT INTO " + table + " (v, note) VALUES (" + v + ", 'n" + v + "')";
        case TWO_ROWS -> "INSERT INTO " + table + " (v, note, d) VALUES (" + v + ", 'a', 1), (" + (v + 1) + ", 'b', 2)";
        case EXPLICIT_KEY -> "INSERT INTO " + table + " (id, v, note, d) VALUES (" + explicitKey + ", " + v + ", 'e', 3)";
        case NULL_KEY -> "INSERT INTO " + table + " (id, v, note, d) VALUES (NULL, " + v + ", 'z', 4)";
        case IGNORE -> "INSERT IGNORE INTO " + table + " (id, v, note, d) VALUES (" + explicitKey + ", " + v + ", 'i', 5)";
        case UPSERT -> "INSERT INTO " + table + " (v, note, d) VALUES (" + v + ", 'u', 6) ON DUPLICATE KEY UPDATE v = v + 1";
      };
    }
  }

  enum Mode { AUTO_COMMIT, COMMIT, ROLLBACK }

  @ParameterizedTest
  @EnumSource(MySqlClient.class)
  void generatedKeyInsertsAreTheRawDriversAndMirrorExactly(MySqlClient client) throws Exception {
    Random random = new Random(SEED + client.ordinal());
    String doltDb = DoltDatabases.newName("autoinc");
    try (PrimaryKind.Space space = PrimaryKind.MARIADB.createSpace("autoinc")) {
      try (Connection setup = space.connect(); Statement s = setup.createStatement()) {
        for (String side : List.of("r", "d")) {
          for (KeyKind key : KeyKind.values()) {
            s.execute("CREATE TABLE " + side + "_" + key.name().toLowerCase() + " (id " + key.type
                + " AUTO_INCREMENT PRIMARY KEY, v INT NOT NULL, note VARCHAR(20), d INT DEFAULT 7, day DATE)");
          }
        }
      }
      String url = client.url(space.url());
      try (Connection raw = DriverManager.getConnection(url, PrimaryKind.MARIADB.credentials());
          Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(url, doltDb),
              PrimaryKind.MARIADB.credentials());
          Connection observer = space.connect();
          Connection dolt = TestServers.dolt(doltDb)) {
        MirrorSession session = (MirrorSession) ((ConnectionWrapper) app).session();
        DoltSyncConnection doltsync = app.unwrap(DoltSyncConnection.class);
        List<String> done = new ArrayList<>();
        long[] statements = new long[2];
        int oneTripSteps = 0;
        for (int i = 0; i < STEPS; i++) {
          long stepSeed = random.nextLong();
          Step step = Step.generate(new Random(stepSeed));
          done.add(step.toString());
          String context = "seed " + SEED + ", " + client + ", after " + done.subList(Math.max(0, done.size() - 3),
              done.size());
          long rawBefore = questions(raw);
          String expected = step.run(raw, "r_", new Random(stepSeed));
          long rawSent = questions(raw) - rawBefore;
          long appBefore = questions(app);
          long tripsBefore = session.oneTripWrites();
          String actual = step.run(app, "d_", new Random(stepSeed));
          long appSent = questions(app) - appBefore;
          long trips = session.oneTripWrites() - tripsBefore;
          assertThat(actual).as("counts, keys and LAST_INSERT_ID() through doltsync, %s", context).isEqualTo(expected);
          statements[0] += rawSent;
          statements[1] += appSent;
          if (step.mode() == Mode.AUTO_COMMIT && step.shape().predicted && step.key().oneTrip() && !step.keys()
              && client == MySqlClient.MARIADB_JAVA_CLIENT) {
            oneTripSteps++;
            assertThat(trips).as("the insert went with its journal entry in one statement, %s", context).isEqualTo(1);
            assertThat(appSent).as("statements sent, raw %d, %s", rawSent, context).isEqualTo(rawSent);
          }
          if (step.mode() == Mode.COMMIT && step.shape().predicted && step.key().oneTrip()) {
            assertThat(appSent).as("statements sent in an explicit transaction, raw %d, %s", rawSent, context)
                .isEqualTo(rawSent);
          }
          doltsync.awaitMirrored(Duration.ofSeconds(60));
          String table = step.key().name().toLowerCase();
          assertThat(rows(dolt, "d_" + table)).as("Dolt's d_%s after the step, %s", table, context)
              .isEqualTo(rows(observer, "d_" + table)).isEqualTo(rows(observer, "r_" + table));
        }
        System.out.printf("GeneratedKeyInsertTest %s seed %d: %d steps, statements raw %d, doltsync %d;"
            + " %d one-trip steps%n", client, SEED, STEPS, statements[0], statements[1], oneTripSteps);
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static long questions(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Questions'")) {
      rs.next();
      return rs.getLong(2);
    }
  }

  private static List<String> rows(Connection connection, String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, v, note, d, day FROM " + table + " ORDER BY id")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
            + rs.getString(5));
      }
    }
    return rows;
  }

  /** One generated step: a transaction mode, and the inserts' shape, table, and how they are sent. */
  record Step(Mode mode, Shape shape, KeyKind key, boolean prepared, boolean keys, boolean execute) {

    static Step generate(Random random) {
      Shape shape = random.nextInt(3) == 0 ? Shape.values()[random.nextInt(Shape.values().length)]
          : random.nextBoolean() ? Shape.ONE_ROW : Shape.NOTE_LEFT_OUT;
      return new Step(Mode.values()[random.nextInt(Mode.values().length)], shape,
          KeyKind.values()[random.nextInt(KeyKind.values().length)], random.nextBoolean(), random.nextInt(3) == 0,
          random.nextInt(4) == 0);
    }

    /** Runs the step on one side (table prefix {@code p}) and describes what the application saw. */
    String run(Connection connection, String p, Random random) throws SQLException {
      random.nextLong(); // the generator's draws are not this run's
      StringBuilder seen = new StringBuilder();
      String table = p + key.name().toLowerCase();
      int inserts = mode == Mode.AUTO_COMMIT ? 1 : 1 + random.nextInt(3);
      if (mode != Mode.AUTO_COMMIT) {
        connection.setAutoCommit(false);
      }
      try {
        for (int i = 0; i < inserts; i++) {
          insert(connection, shape.sql(table, random.nextInt(100), 100 + random.nextInt(20)), seen);
          seen.append(" lid ").append(lastInsertId(connection)).append("; ");
        }
        if (mode == Mode.COMMIT) {
          connection.commit();
        } else if (mode == Mode.ROLLBACK) {
          connection.rollback();
        }
      } finally {
        if (mode != Mode.AUTO_COMMIT) {
          connection.setAutoCommit(true);
        }
      }
      return seen.append(" lid ").append(lastInsertId(connection)).toString();
    }

    private void insert(Connection connection, String sql, StringBuilder seen) {
      int flag = keys ? Statement.RETURN_GENERATED_KEYS : Statement.NO_GENERATED_KEYS;
      try {
        if (prepared) {
          try (PreparedStatement s = connection.prepareStatement(sql, flag)) {
            seen.append("count ").append(execute ? (s.execute() ? -1 : s.getUpdateCount()) : s.executeUpdate());
            if (keys) {
              seen.append(" keys ").append(keysOf(s));
            }
          }
        } else {
          try (Statement s = connection.createStatement()) {
            seen.append("count ").append(execute ? (s.execute(sql, flag) ? -1 : s.getUpdateCount())
                : s.executeUpdate(sql, flag));
            if (keys) {
              seen.append(" keys ").append(keysOf(s));
            }
          }
        }
      } catch (SQLException e) {
        seen.append("error ").append(e.getSQLState()).append(' ').append(e.getErrorCode());
      }
    }

    private static List<String> keysOf(Statement statement) throws SQLException {
      List<String> keys = new ArrayList<>();
      try (ResultSet rs = statement.getGeneratedKeys()) {
        while (rs.next()) {
          keys.add(rs.getString(1));
        }
      }
      return keys;
    }

    private static String lastInsertId(Connection connection) throws SQLException {
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT LAST_INSERT_ID()")) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
