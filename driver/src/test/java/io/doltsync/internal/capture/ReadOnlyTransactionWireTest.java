package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A transaction that writes nothing costs through doltsync what it costs raw, on PostgreSQL's wire (BenchBase
 * Twitter and OTMetrics, read-only transactions of a few point reads, looked ~1.2 ms slower each through doltsync).
 * A generator of read-only transactions (prepared statements kept or prepared again per execution, plain statements,
 * point and range reads, {@code SELECT … FOR UPDATE}, auto-commit on or off, {@code setReadOnly} on or off, commit
 * or rollback) runs the same sequence on a raw connection and on a doltsync connection, side by side; every message
 * pgjdbc sends to the server on the test's thread (its own {@code FE=>} trace: {@code Parse} with its text,
 * {@code Bind}, {@code Describe}, {@code Execute}, {@code Sync}, {@code SimpleQuery} with its text, ...) is recorded,
 * and each transaction's messages must be the same on both sides. A write transaction on the doltsync connection
 * then still mirrors exactly (Dolt equals the primary).
 */
class ReadOnlyTransactionWireTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TRANSACTIONS = Integer.getInteger("doltsync.test.readOnlyTransactions", 60);
  private static final int ROWS = 200;
  private static final String POINT = "SELECT id, v, n FROM kv WHERE id = ?";
  private static final String RANGE = "SELECT * FROM kv WHERE id >= ? AND id <= ? ORDER BY v";
  private static final String LOCKING = "SELECT v FROM kv WHERE id = ? FOR UPDATE";

  @Test
  void readOnlyTransactionsSendWhatRawSends() throws Exception {
    String doltDb = DoltDatabases.newName("rowire");
    Logger pgjdbc = Logger.getLogger("org.postgresql");
    Level level = pgjdbc.getLevel();
    WireTrace trace = new WireTrace(Thread.currentThread().getId());
    try (PrimaryKind.Space space = PrimaryKind.POSTGRES.createSpace("rowire")) {
      try (Connection c = space.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kv (id INT PRIMARY KEY, v VARCHAR(40) NOT NULL, n INT)");
        s.execute("INSERT INTO kv SELECT g, md5(g::text), g % 7 FROM generate_series(1, " + ROWS + ") g");
      }
      try (Connection raw = space.connect();
          Connection app = DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), doltDb),
              PrimaryKind.POSTGRES.credentials())) {
        // doltsync's first statement loads its catalog; from then on the two sides must send the same
        Side rawSide = new Side(raw);
        Side appSide = new Side(app);
        rawSide.warmUp();
        appSide.warmUp();
        pgjdbc.setLevel(Level.FINEST);
        pgjdbc.addHandler(trace);
        Random random = new Random(SEED);
        int locking = 0;
        int prepared = 0;
        for (int t = 0; t < TRANSACTIONS; t++) {
          long shapeSeed = random.nextLong();
          List<String> rawSent = trace.during(() -> rawSide.transaction(new Random(shapeSeed)));
          List<String> appSent = trace.during(() -> appSide.transaction(new Random(shapeSeed)));
          assertThat(appSent).as("what doltsync sent for read-only transaction %d (seed %d)", t, SEED)
              .isEqualTo(rawSent);
          assertThat(rawSent).as("transaction %d sends something (seed %d)", t, SEED).isNotEmpty();
          locking += (int) rawSent.stream().filter(m -> m.contains("FOR UPDATE")).count();
          prepared += (int) rawSent.stream().filter(m -> m.startsWith("Bind")).count();
        }
        assertThat(locking).as("locking reads generated (seed %d)", SEED).isPositive();
        assertThat(prepared).as("prepared executions generated (seed %d)", SEED).isPositive();
        pgjdbc.removeHandler(trace);
        pgjdbc.setLevel(level);

        // and a write after them still mirrors exactly
        app.setReadOnly(false);
        app.setAutoCommit(false);
        try (PreparedStatement update = app.prepareStatement("UPDATE kv SET n = n + ? WHERE id = ?");
            PreparedStatement delete = app.prepareStatement("DELETE FROM kv WHERE id = ?")) {
          for (int i = 0; i < 5; i++) {
            update.setInt(1, 1 + random.nextInt(9));
            update.setInt(2, 1 + random.nextInt(ROWS));
            assertThat(update.executeUpdate()).isEqualTo(1);
          }
          delete.setInt(1, ROWS);
          assertThat(delete.executeUpdate()).isEqualTo(1);
        }
        app.commit();
        app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(120));
        MirrorComparison.assertSameRows(space, doltDb, "kv");
      }
    } finally {
      pgjdbc.removeHandler(trace);
      pgjdbc.setLevel(level);
      DoltDatabases.drop(doltDb);
    }
  }

  /** One connection and the prepared statements it keeps, running generated read-only transactions. */
  private static final class Side {
    private final Connection connection;
    private final Map<String, PreparedStatement> kept = new HashMap<>();

    Side(Connection connection) {
      this.connection = connection;
    }

    void warmUp() throws SQLException {
      connection.setAutoCommit(true);
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM kv")) {
        assertThat(rs.next()).isTrue();
      }
    }

    /** A read-only transaction whose shape and values {@code random} decides. */
    void transaction(Random random) throws SQLException {
      boolean autoCommit = random.nextInt(3) == 0;
      if (connection.getAutoCommit() != autoCommit) {
        connection.setAutoCommit(autoCommit);
      }
      boolean readOnly = random.nextInt(3) == 0;
      if (connection.isReadOnly() != readOnly) {
        connection.setReadOnly(readOnly);
      }
      int statements = 1 + random.nextInt(4);
      for (int i = 0; i < statements; i++) {
        int id = 1 + random.nextInt(ROWS);
        switch (random.nextInt(autoCommit || readOnly ? 4 : 5)) {
          case 0 -> prepared(random, POINT, id);
          case 1 -> prepared(random, RANGE, id, id + random.nextInt(20));
          case 2 -> plain("SELECT v, n FROM kv WHERE id = " + id);
          case 3 -> plain("SELECT count(*), max(v) FROM kv WHERE n = " + random.nextInt(7));
          default -> prepared(random, LOCKING, id);
        }
      }
      if (!autoCommit) {
        if (random.nextInt(5) == 0) {
          connection.rollback();
        } else {
          connection.commit();
        }
      }
    }

    /** Runs {@code sql} through a kept prepared statement, or one prepared for this execution alone. */
    private void prepared(Random random, String sql, int... values) throws SQLException {
      boolean keep = random.nextBoolean();
      PreparedStatement statement = keep ? kept.get(sql) : null;
      if (statement == null) {
        statement = connection.prepareStatement(sql);
        if (keep) {
          kept.put(sql, statement);
        }
      }
      for (int i = 0; i < values.length; i++) {
        statement.setInt(i + 1, values[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        read(rs);
      }
      if (!keep) {
        statement.close();
      }
    }

    private void plain(String sql) throws SQLException {
      try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
        read(rs);
      }
    }

    private static void read(ResultSet rs) throws SQLException {
      while (rs.next()) {
        for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
          rs.getObject(c);
        }
      }
    }
  }

  /**
   * The messages pgjdbc sends to the server on one thread, from its {@code FE=>} trace, with the names of server
   * statements and portals left out (doltsync's own statements during its start use some of the numbers).
   */
  private static final class WireTrace extends Handler {
    private final long thread;
    private List<String> sent;

    WireTrace(long thread) {
      this.thread = thread;
    }

    List<String> during(SqlAction action) throws SQLException {
      sent = new ArrayList<>();
      try {
        action.run();
        return sent;
      } finally {
        sent = null;
      }
    }

    @Override
    public void publish(LogRecord record) {
      List<String> into = sent;
      if (into == null || record.getLongThreadID() != thread || record.getMessage() == null) {
        return;
      }
      String message = record.getParameters() == null ? record.getMessage()
          : MessageFormat.format(record.getMessage(), record.getParameters());
      int at = message.indexOf("FE=> ");
      if (at >= 0) {
        into.add(message.substring(at + 5).replaceAll("(stmt|portal)=[^,)]*", "$1"));
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  }

  @FunctionalInterface
  private interface SqlAction {
    void run() throws SQLException;
  }
}
