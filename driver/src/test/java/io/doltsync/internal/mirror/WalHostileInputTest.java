package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.dialect.CanonicalValues;
import io.doltsync.internal.dialect.PostgreSqlDialect;
import io.doltsync.internal.capture.wal.WalCaptureValuesTest;
import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.TableSchema;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input through PostgreSQL wal capture ({@code doltsync.capture=wal}), by class, each from a generator
 * (random seed, printed; {@code -Ddoltsync.test.seed} replays it):
 * <ul>
 *   <li>table and column names with punctuation, quotes, backticks, white space, non-ASCII and doltsync's own label
 *       prefix, on keyed and keyless tables, created through the connection (a DDL announcement) and written with
 *       inserts, updates, key updates and deletes: Dolt must then equal the primary table by table;</li>
 *   <li>names Dolt cannot store (a {@code dolt_} prefix, trailing white space, a character outside the BMP, a case
 *       twin): refused with an {@code SQLSyntaxErrorException} before PostgreSQL runs the DDL;</li>
 *   <li>commit authors and messages (the pieces of {@code CommitAuthorTest}: forged trailer lines, line breaks, very
 *       long names) announced through {@code pg_logical_emit_message}: stored by {@code DoltAuthor}'s rule, and after
 *       the mirror restarts every transaction is in Dolt exactly once;</li>
 *   <li>values Dolt cannot store: refused by the applier with a message naming table and column (waits fail at
 *       once), or, under {@code doltsync.unmappableValues=null}, mirrored as NULL in nullable columns of keyed and
 *       keyless tables, later updates and deletes of those rows included.</li>
 * </ul>
 */
public class WalHostileInputTest {

  private static final PostgreSqlDialect DIALECT = new PostgreSqlDialect();
  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final String[] NAME_PIECES = {"a", "Z", "_", "é", "中", " ", "-", "`", "``", "'", "\"", "\\", ".", "@",
      "%", "$", "doltsync$1", "select", "1", "#", "--", "/*", ";", ","};

  private final List<String> schemas = new ArrayList<>();
  private final List<String> doltDatabases = new ArrayList<>();

  @AfterEach
  void drop() throws SQLException {
    MirrorRegistry.closeAll();
    try (Connection server = TestServers.postgres(); Statement statement = server.createStatement()) {
      for (String schema : schemas) {
        WalCaptureValuesTest.dropSlots(server, schema);
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    for (String database : doltDatabases) {
      DoltDatabases.drop(database);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"wal", "journal"})
  void hostileNamesAreMirroredAndNamesDoltCannotStoreAreRefusedBeforeTheDdl(String capture) throws Exception {
    long seed = Long.getLong("doltsync.test.seed", System.nanoTime());
    System.out.println("[walHostile] names, " + capture + " capture, seed " + seed);
    Random random = new Random(seed);
    Side side = side("names", null, capture);
    List<String> tables = new ArrayList<>();
    Set<String> lower = new HashSet<>();
    try (Statement statement = side.connection().createStatement()) {
      for (int t = 0; t < 6; t++) {
        String table = name(random, "t");
        if (!lower.add(table.toLowerCase(Locale.ROOT))) {
          continue;
        }
        tables.add(table);
        boolean keyed = t % 2 == 0;
        List<String> columns = new ArrayList<>();
        Set<String> columnsLower = new HashSet<>(List.of("id"));
        while (columns.size() < 3) {
          String column = name(random, "c");
          if (columnsLower.add(column.toLowerCase(Locale.ROOT))) {
            columns.add(column);
          }
        }
        statement.execute("CREATE TABLE " + quote(table) + " (id integer" + (keyed ? " PRIMARY KEY" : "") + ", "
            + quote(columns.get(0)) + " text, " + quote(columns.get(1)) + " integer, " + quote(columns.get(2))
            + " numeric(10,2))");
        for (int id = 1; id <= 4; id++) {
          statement.execute("INSERT INTO " + quote(table) + " VALUES (" + id + ", " + literal(random) + ", " + id * 7
              + ", " + id + ".25)");
        }
        side.connection().setAutoCommit(false);
        try (PreparedStatement update = side.connection().prepareStatement("UPDATE " + quote(table) + " SET "
            + quote(columns.get(0)) + " = ?, " + quote(columns.get(1)) + " = " + quote(columns.get(1)) + " + 1 WHERE id = ?")) {
          update.setString(1, "changed " + name(random, ""));
          update.setInt(2, 2);
          assertThat(update.executeUpdate()).isEqualTo(1);
        }
        statement.execute("DELETE FROM " + quote(table) + " WHERE id = 3");
        if (keyed) {
          statement.execute("UPDATE " + quote(table) + " SET id = 40 WHERE id = 4");
        } else {
          statement.execute("UPDATE " + quote(table) + " SET " + quote(columns.get(2)) + " = 9.5 WHERE id = 4");
        }
        side.connection().commit();
        side.connection().setAutoCommit(true);
        if (random.nextBoolean()) {
          String added = name(random, "n");
          if (columnsLower.add(added.toLowerCase(Locale.ROOT))) {
            statement.execute("ALTER TABLE " + quote(table) + " ADD COLUMN " + quote(added) + " varchar(20)");
            statement.execute("UPDATE " + quote(table) + " SET " + quote(added) + " = " + literal(random) + " WHERE id = 1");
          }
        }
      }
      // names Dolt cannot store: refused before PostgreSQL runs the DDL
      String existing = tables.get(0);
      String twin = existing.toUpperCase(Locale.ROOT).equals(existing) ? existing.toLowerCase(Locale.ROOT)
          : existing.toUpperCase(Locale.ROOT);
      List<String> refused = new ArrayList<>(List.of(name(random, "t") + " ", name(random, "t") + "\uD83D\uDE00",
          name(random, "t") + ";\uD83D\uDE00"));
      if (!twin.equals(existing)) {
        refused.add(twin);
      }
      List<String> outcomes = new ArrayList<>();
      boolean allRefused = true;
      for (String name : refused) {
        Throwable thrown = catchThrowable(() -> statement.execute("CREATE TABLE " + quote(name) + " (id integer PRIMARY KEY)"));
        int onPrimary;
        try (Connection raw = TestServers.postgres(side.schema()); PreparedStatement exists = raw.prepareStatement(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
          exists.setString(1, side.schema());
          exists.setString(2, name);
          try (ResultSet rs = exists.executeQuery()) {
            rs.next();
            onPrimary = rs.getInt(1);
          }
        }
        allRefused &= thrown instanceof SQLSyntaxErrorException && onPrimary == 0;
        outcomes.add("[" + name + "]: " + (thrown == null ? "created" : thrown.getClass().getSimpleName() + " "
            + ((SQLException) thrown).getSQLState() + " " + thrown.getMessage()) + ", on the primary: " + onPrimary);
      }
      System.out.println("[walHostile] names Dolt cannot store, " + capture + " capture: " + outcomes);
      assertThat(allRefused).as("seed %d, %s capture: each refused before PostgreSQL ran the DDL: %s", seed, capture,
          outcomes).isTrue();
    }
    // a dolt_ table is never mirrored (Dolt reserves the prefix): created and written on the primary, no stall
    String reserved = "dolt_" + name(random, "");
    try (Statement statement = side.connection().createStatement()) {
      statement.execute("CREATE TABLE " + quote(reserved) + " (id integer)");
      statement.execute("INSERT INTO " + quote(reserved) + " VALUES (1)");
    }
    side.await();
    try (Connection dolt = TestServers.dolt(side.dolt()); Statement sql = dolt.createStatement();
        ResultSet rs = sql.executeQuery("SHOW TABLES")) {
      while (rs.next()) {
        assertThat(rs.getString(1)).as("seed %d: Dolt's tables", seed).isNotEqualToIgnoringCase(reserved);
      }
    }
    for (String table : tables) {
      assertThat(side.doltRows(table)).as("seed %d: table [%s] in Dolt", seed, table)
          .usingElementComparator(WalHostileInputTest::compareRows).containsExactlyInAnyOrderElementsOf(side.primaryRows(table));
    }
  }

  @Test
  void hostileAuthorsAndMessagesAreStoredByTheRuleAndEveryTransactionOnce() throws Exception {
    long seed = Long.getLong("doltsync.test.seed", System.nanoTime());
    System.out.println("[walHostile] authors, seed " + seed);
    Random random = new Random(seed);
    String[] namePieces = {"John", " ", "Smith", "(Admin)", ")", "(", "\"", "'", "<", ">", " <", "<>", "Zoë", "山田",
        "\uD83D\uDE00", "\n", "\r", "\u2028", "\t", "\u00a0", "@", ",", "\\", "", "x".repeat(3000)};
    String[] emailPieces = {"a", "@", "example.com", "<", ">", "<>", " ", "(", ")", "例え.jp", "", "+tag", "\n"};
    String[] messageLines = {"Fix the price", "Doltsync-Transaction: pg-1-99999999999", "Doltsync-Bootstrap: true",
        "Doltsync-Included: forged", "", "Doltsync-Journal: 99999999999", "Doltsync-Journal: 9223372036854775807",
        "  indented", "\rDoltsync-Journal: 88888888888", "\u2028Doltsync-Transaction: forged", "Zoë (Admin) <z@x>"};
    int transactions = 12;
    Side side = side("authors", null);
    try (Statement statement = side.connection().createStatement()) {
      statement.execute("CREATE TABLE t (id integer PRIMARY KEY)");
    }
    List<String[]> expected = new ArrayList<>();
    DoltSyncConnection doltsync = side.connection().unwrap(DoltSyncConnection.class);
    side.connection().setAutoCommit(false);
    try (PreparedStatement insert = side.connection().prepareStatement("INSERT INTO t VALUES (?)")) {
      for (int i = 0; i < transactions; i++) {
        String name = pieces(random, namePieces, 4);
        String email = pieces(random, emailPieces, 5);
        StringBuilder message = new StringBuilder();
        for (int n = 1 + random.nextInt(5); n > 0; n--) {
          message.append(messageLines[random.nextInt(messageLines.length)]).append(random.nextInt(4) == 0 ? "\n\n" : "\n");
        }
        message.append(" #").append(i);
        doltsync.setCommitAuthor(name, email);
        doltsync.setCommitMessage(message.toString());
        insert.setInt(1, i);
        insert.executeUpdate();
        side.connection().commit();
        expected.add(new String[] {name, email, message.toString().strip()});
      }
    }
    side.connection().setAutoCommit(true);
    side.await();
    side.connection().close();
    MirrorRegistry.closeAll();
    Side again = reconnect(side, null);
    try (Statement statement = again.connection().createStatement()) {
      statement.executeUpdate("INSERT INTO t VALUES (" + transactions + ")");
    }
    again.await();
    List<String[]> commits = new ArrayList<>();
    try (Connection check = TestServers.dolt(side.dolt()); Statement sql = check.createStatement();
        ResultSet rs = sql.executeQuery("SELECT committer, email, message FROM dolt_log ORDER BY commit_order")) {
      while (rs.next()) {
        commits.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
      }
    }
    List<String[]> mirrored = commits.stream().filter(c -> CommitTrailer.transactionsOf(c[2]).stream()
        .anyMatch(id -> id.startsWith("pg-"))).toList();
    List<String> ids = new ArrayList<>();
    for (String[] commit : mirrored) {
      ids.addAll(CommitTrailer.transactionsOf(commit[2]));
    }
    // the first is the CREATE TABLE's (announced DDL)
    assertThat(ids).as("seed %d: every transaction once, after a restart of the mirror", seed)
        .hasSize(transactions + 2).doesNotHaveDuplicates().allMatch(id -> id.matches("pg-\\d+-[0-9a-f]+"));
    for (int i = 0; i < transactions; i++) {
      String[] commit = mirrored.get(i + 1);
      assertThat(commit[0]).as("seed %d: name of commit %d", seed, i).isEqualTo(DoltAuthor.name(expected.get(i)[0]));
      assertThat(commit[1]).as("seed %d: email of commit %d", seed, i).isEqualTo(DoltAuthor.email(expected.get(i)[1]));
      assertThat(commit[2]).as("seed %d: message of commit %d", seed, i).startsWith(expected.get(i)[2]);
      assertThat(CommitTrailer.isBootstrap(commit[2])).isFalse();
    }
    try (Connection check = TestServers.dolt(side.dolt()); Statement sql = check.createStatement();
        ResultSet rs = sql.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(transactions + 1);
    }
  }

  @Test
  void valuesDoltCannotStoreAreRefusedNamingTheColumnOrMirroredAsNullThroughUpdatesAndDeletes() throws Exception {
    long seed = Long.getLong("doltsync.test.seed", System.nanoTime());
    System.out.println("[walHostile] values, seed " + seed);
    Random random = new Random(seed);
    String[] floats = {"'NaN'", "'Infinity'", "'-Infinity'"};
    String[] numerics = {"'NaN'", "'Infinity'", "'-Infinity'", "9".repeat(36 + random.nextInt(30)) + "." + random.nextInt(99)};
    String[] dates = {"'infinity'", "'-infinity'", "'" + String.format("%04d", 2 + random.nextInt(4000)) + "-03-04 BC'",
        "'" + (10_000 + random.nextInt(200_000)) + "-05-06'"};
    String[] stamps = {"'infinity'", "'-infinity'", "'0001-06-01 10:00:00 BC'",
        "'" + String.format("%04d", 1 + random.nextInt(4000)) + "-03-04 01:02:03 BC'", "'" + (10_000 + random.nextInt(100_000))
        + "-01-01 00:00:00'"};
    String columns = "reading float8, amount numeric, birthday date, stamp timestamp, stamptz timestamptz";
    String[][] poisons = {floats, numerics, dates, stamps, stamps};
    String[] names = {"reading", "amount", "birthday", "stamp", "stamptz"};

    Side nulls = side("nullpolicy", "null");
    List<String> tables = List.of("keyed", "keyless");
    try (Statement statement = nulls.connection().createStatement()) {
      statement.execute("CREATE TABLE keyed (id integer PRIMARY KEY, " + columns + ", note text)");
      statement.execute("CREATE TABLE keyless (id integer, " + columns + ", note text)");
      for (int row = 1; row <= 10; row++) {
        int i = row;
        int c = random.nextInt(names.length);
        String poison = poisons[c][random.nextInt(poisons[c].length)];
        for (String table : tables) {
          statement.execute("INSERT INTO " + table + " (id, " + names[c] + ", note) VALUES (" + i + ", " + poison + ", 'n" + i + "')");
        }
        switch (random.nextInt(3)) {
          case 0 -> tables.forEach(table -> execute(statement, "UPDATE " + table + " SET note = 'u" + i + "' WHERE id = " + i));
          case 1 -> tables.forEach(table -> execute(statement, "DELETE FROM " + table + " WHERE id = " + i));
          default -> { }
        }
        System.out.println("[walHostile] " + names[c] + " = " + poison);
      }
    }
    nulls.await();
    for (String table : tables) {
      List<Object[]> dolt = nulls.doltRows(table);
      try (Connection raw = TestServers.postgres(nulls.schema()); Statement count = raw.createStatement();
          ResultSet rs = count.executeQuery("SELECT count(*), count(*) FILTER (WHERE note LIKE 'u%') FROM " + table)) {
        rs.next();
        assertThat(dolt).as("seed %d: %s rows", seed, table).hasSize(rs.getInt(1));
        assertThat(dolt.stream().filter(row -> String.valueOf(row[row.length - 1]).startsWith("u")).count())
            .as("seed %d: %s rows updated", seed, table).isEqualTo(rs.getInt(2));
      }
      for (Object[] row : dolt) {
        for (int c = 1; c <= names.length; c++) {
          assertThat(row[c]).as("seed %d: %s: an unstorable value is mirrored as NULL", seed, table).isNull();
        }
      }
    }

    Side refusing = side("refusal", null);
    int c = random.nextInt(names.length);
    String poison = poisons[c][random.nextInt(poisons[c].length)];
    System.out.println("[walHostile] refused: " + names[c] + " = " + poison);
    try (Statement statement = refusing.connection().createStatement()) {
      statement.execute("CREATE TABLE m (id integer PRIMARY KEY, " + columns + ")");
      statement.execute("INSERT INTO m (id, reading) VALUES (1, 1.5)");
      refusing.await();
      statement.execute("INSERT INTO m (id, " + names[c] + ") VALUES (2, " + poison + ")");
    }
    assertThatThrownBy(refusing::await).as("seed %d: %s = %s", seed, names[c], poison)
        .isInstanceOf(QuarantinedTransactionException.class).hasMessageContaining("m." + names[c]);
    try (Connection check = TestServers.dolt(refusing.dolt()); Statement sql = check.createStatement();
        ResultSet rs = sql.executeQuery("SELECT COUNT(*) FROM m")) {
      rs.next();
      assertThat(rs.getInt(1)).as("seed %d: Dolt holds only the good row", seed).isEqualTo(1);
    }
  }

  @Test
  void aForgedAnnouncementStopsTheMirrorNamingItsTransactionNeverSilently() throws Exception {
    long seed = Long.getLong("doltsync.test.seed", System.nanoTime());
    Random random = new Random(seed);
    byte[] valid = io.doltsync.internal.journal.JournalCodec.encode(new io.doltsync.internal.journal.JournalEntry(
        "forged", "forger:1", "Mallory", "m@x", "forged", List.of(), false));
    byte[] forged = switch (random.nextInt(3)) {
      case 0 -> new byte[0];
      case 1 -> Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 1));
      default -> {
        byte[] bytes = new byte[1 + random.nextInt(200)];
        random.nextBytes(bytes);
        yield bytes;
      }
    };
    System.out.println("[walHostile] forged announcement, seed " + seed + ": " + forged.length + " bytes");
    Side side = side("forged", null);
    try (Statement statement = side.connection().createStatement()) {
      statement.execute("CREATE TABLE t (id integer PRIMARY KEY, v text)");
      statement.execute("INSERT INTO t VALUES (1, 'before')");
    }
    side.await();
    try (Connection plain = TestServers.postgres(side.schema())) {
      plain.setAutoCommit(false);
      try (Statement statement = plain.createStatement();
          PreparedStatement emit = plain.prepareStatement("SELECT pg_logical_emit_message(true, ?, ?)")) {
        statement.execute("INSERT INTO t VALUES (2, 'forged')");
        // the mirror reads only messages with its own slot's prefix: a forger who knows the slot's name
        emit.setString(1, io.doltsync.internal.capture.wal.WalMessages.announcementPrefix(
            io.doltsync.internal.capture.wal.WalSlot.of(plain, "doltsync_journal", side.dolt(), "main").name()));
        emit.setBytes(2, forged);
        emit.execute();
      }
      plain.commit();
    }
    try (Statement statement = side.connection().createStatement()) {
      statement.execute("INSERT INTO t VALUES (3, 'after')"); // a write of the connection's own: its wait looks
    }
    long started = System.nanoTime();
    assertThatThrownBy(side::await).as("seed %d", seed).isInstanceOf(QuarantinedTransactionException.class)
        .hasMessageContaining("pg-");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused long before the wait's timeout")
        .isLessThan(Duration.ofSeconds(150));
  }

  private static void execute(Statement statement, String sql) {
    try {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static String pieces(Random random, String[] pieces, int max) {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(max + 1); n > 0; n--) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }

  /** A generated identifier: a prefix and 1-5 pieces, at most 60 bytes (PostgreSQL keeps 63). */
  private static String name(Random random, String prefix) {
    StringBuilder name = new StringBuilder(prefix);
    for (int n = 1 + random.nextInt(5); n > 0; n--) {
      name.append(NAME_PIECES[random.nextInt(NAME_PIECES.length)]);
    }
    String text = name.toString().strip();
    while (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 60) {
      text = text.substring(0, text.length() - 1).strip();
    }
    return text.isEmpty() || text.toLowerCase(Locale.ROOT).startsWith("dolt") ? "x" + text : text;
  }

  private static String literal(Random random) {
    return random.nextInt(5) == 0 ? "NULL" : "'" + name(random, "v").replace("'", "''") + "'";
  }

  private static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static int compareRows(Object[] a, Object[] b) {
    if (a.length != b.length) {
      return 1;
    }
    for (int i = 0; i < a.length; i++) {
      if (!CanonicalValues.same(a[i], b[i])) {
        return 1;
      }
    }
    return 0;
  }

  private Side side(String name, String unmappable) throws SQLException {
    return side(name, unmappable, "wal");
  }

  private Side side(String name, String unmappable, String capture) throws SQLException {
    String schema = TestServers.createPostgresSchema("pgwal_hostile_" + name);
    schemas.add(schema);
    String dolt = DoltDatabases.newName("pgwal_hostile_" + name);
    doltDatabases.add(dolt);
    return connect(schema, dolt, unmappable, capture);
  }

  private static Side reconnect(Side side, String unmappable) throws SQLException {
    return connect(side.schema(), side.dolt(), unmappable, "wal");
  }

  private static Side connect(String schema, String dolt, String unmappable, String capture) throws SQLException {
    String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(TestServers.postgresUrl(), dolt), "currentSchema",
        schema);
    url = DoltSyncUrls.withParameter(url, "doltsync.capture", capture);
    if (unmappable != null) {
      url = DoltSyncUrls.withParameter(url, "doltsync.unmappableValues", unmappable);
    }
    return new Side(schema, dolt, DriverManager.getConnection(url, TestServers.USER, TestServers.PASSWORD));
  }

  /** One schema, its wal-capture connection and its Dolt database. */
  private record Side(String schema, String dolt, Connection connection) {

    void await() throws SQLException {
      connection.unwrap(DoltSyncConnection.class).awaitMirrored(WAIT);
    }

    List<Object[]> doltRows(String table) throws SQLException {
      try (Connection primary = TestServers.postgres(schema); Connection doltConnection = TestServers.dolt(dolt)) {
        TableSchema schemaOf = DIALECT.readTable(primary, table);
        return rows(doltConnection, schemaOf, DoltDdl.quote(table), true);
      }
    }

    List<Object[]> primaryRows(String table) throws SQLException {
      try (Connection primary = TestServers.postgres(schema)) {
        TableSchema schemaOf = DIALECT.readTable(primary, table);
        return rows(primary, schemaOf, quote(table), false);
      }
    }

    private static List<Object[]> rows(Connection connection, TableSchema schema, String table, boolean dolt)
        throws SQLException {
      List<Object[]> rows = new ArrayList<>();
      StringBuilder select = new StringBuilder("SELECT ");
      for (int i = 0; i < schema.columns().size(); i++) {
        String column = schema.columns().get(i).name();
        select.append(i == 0 ? "" : ", ").append(dolt ? DoltDdl.quote(DoltDdl.doltName(column)) : quote(column));
      }
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(select + " FROM " + table)) {
        while (rs.next()) {
          Object[] row = new Object[schema.columns().size()];
          for (int i = 0; i < row.length; i++) {
            ColumnSchema column = schema.columns().get(i);
            row[i] = dolt ? DIALECT.readDoltValue(rs, i + 1, column) : DIALECT.readValue(rs, i + 1, column);
          }
          rows.add(row);
        }
      }
      return rows;
    }
  }
}
