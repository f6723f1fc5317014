package io.doltsync.internal.jdbc.wrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One JDBC behavior suite, run on one primary database (a subclass per database) three ways: through the
 * raw driver, through {@code jdbc:doltsync:} with {@code doltsync.enabled=false}, and through
 * {@code jdbc:doltsync:} mirroring into Dolt. Every scenario records what the application observes in a
 * {@link Transcript}; the two doltsync runs must observe exactly what the raw run observed. Each mode works
 * in a database (or schema) of its own, so the three runs start from the same empty state and use the same
 * table names.
 *
 * <p>Scenarios also assert a few facts that hold in every mode (the keys generated, the rows committed), so a
 * run that is identically wrong everywhere still fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcBehaviorSuite {

  /** How the application reaches the primary. */
  enum Mode {
    RAW, PASS_THROUGH, MIRRORING;

    boolean throughDoltSync() {
      return this != RAW;
    }
  }

  /** The driver's own classes an unwrap must reach. */
  record VendorClasses(Class<?> connection, Class<?> statement, Class<?> preparedStatement, Class<?> resultSet,
      Class<?> metaData) {}

  private static final int LARGE_RESULT_ROWS = 50_000;

  private final PrimaryKind kind;
  private final Map<Mode, PrimaryKind.Space> spaces = new EnumMap<>(Mode.class);
  /** Per scenario, the raw run's transcript lines, or the failure of the raw run. */
  private final Map<String, Object> rawOutcomes = new HashMap<>();
  private String doltDatabase;

  protected JdbcBehaviorSuite(PrimaryKind kind) {
    this.kind = kind;
  }

  // ---- what differs between databases -----------------------------------------------------------

  /** DDL of a table {@code (id <generated key>, v VARCHAR(20))}. */
  protected abstract String createKeyedTable(String table);

  /** The generated key column's name, as the database stores it (for column-name key arrays). */
  protected String keyColumn() {
    return "id";
  }

  /**
   * DDL of the routines {@code <prefix>_fn(x)} returning {@code x + 1} and, where the database has OUT
   * parameters, {@code <prefix>_proc(x, OUT y)} setting {@code y = x + 1}.
   */
  protected abstract List<String> createRoutines(String prefix);

  /** A {@code {call}} of {@code <prefix>_proc(?, ?)} with an OUT parameter 2, or {@code null} when unsupported. */
  protected abstract String outParameterCall(String prefix);

  /** A call of {@code <prefix>_fn} whose result is OUT parameter 1 and whose argument is parameter 2. */
  protected String functionCall(String prefix) {
    return "{? = call " + prefix + "_fn(?)}";
  }

  /** A query of {@code count} rows {@code (n, label)}: n from 1 to count, label {@code 'row-' || n}. */
  protected abstract String numbers(int count);

  /** The product name DatabaseMetaData reports. */
  protected abstract String productName();

  protected abstract VendorClasses vendorClasses();

  /** The raw URL of a space, with any parameter the suite needs (e.g. to allow multi-statement texts). */
  protected String rawUrl(PrimaryKind.Space space) {
    return space.url();
  }

  /** The {@code doltsync.target} URL of the Dolt database the mirroring mode writes to. */
  protected String doltTarget(String doltDatabase) {
    return TestServers.doltUrl(doltDatabase);
  }

  /** Parts of messages that differ between two connections to the same database (e.g. connection ids). */
  protected List<Pattern> volatileParts() {
    return List.of();
  }

  /**
   * Writes of table {@code wq (id INT PRIMARY KEY, v VARCHAR(20))} that return rows ({@code RETURNING}, a
   * data-modifying CTE) where the database has them, {@code {n}} standing for the row's id.
   */
  protected List<WriteOutcomes.Write> returningWrites() {
    return List.of();
  }

  /**
   * DDL of the table the warning writes use, the session statements that make them warnings rather than
   * errors, and the writes (each of row {@code {n}}, which exists); no writes where the database reports none.
   */
  protected List<String> warningSetup() {
    return List.of();
  }

  protected List<WriteOutcomes.Write> warningWrites() {
    return List.of();
  }

  // ---- fixture ------------------------------------------------------------------------------------

  @BeforeAll
  void createSpaces() throws SQLException {
    for (Mode mode : Mode.values()) {
      spaces.put(mode, kind.createSpace("bhv_" + mode.name().toLowerCase().replace("_", "")));
    }
    doltDatabase = DoltDatabases.newName("bhv_" + kind.name().toLowerCase());
  }

  @AfterAll
  void dropSpaces() throws SQLException {
    DoltDatabases.drop(doltDatabase);
    for (PrimaryKind.Space space : spaces.values()) {
      space.close();
    }
  }

  /** A new connection to the mode's own space, as an application would open it. */
  Connection open(Mode mode) throws SQLException {
    String raw = rawUrl(spaces.get(mode));
    String url = switch (mode) {
      case RAW -> raw;
      case PASS_THROUGH -> DoltSyncUrls.passThrough(raw);
      case MIRRORING -> DoltSyncUrls.wrap(raw, "doltsync.target", doltTarget(doltDatabase));
    };
    return DriverManager.getConnection(url, kind.credentials());
  }

  /** One run of a scenario: the connection under test, a way to open more, and the transcript. */
  final class Run {
    final Mode mode;
    final Connection connection;
    final Transcript transcript;
    private final List<Connection> others = new ArrayList<>();

    Run(Mode mode, Connection connection, Transcript transcript) {
      this.mode = mode;
      this.connection = connection;
      this.transcript = transcript;
    }

    /** Another connection of the same mode, closed after the scenario. */
    Connection another() throws SQLException {
      Connection other = open(mode);
      others.add(other);
      return other;
    }
  }

  @FunctionalInterface
  interface Scenario {
    void run(Run run) throws Exception;
  }

  /**
   * Runs a scenario in a mode; for a doltsync mode, also makes sure the raw run happened and requires the
   * same transcript.
   */
  private void check(Mode mode, String name, Scenario scenario) throws Exception {
    if (mode.throughDoltSync() && !rawOutcomes.containsKey(name)) {
      try {
        check(Mode.RAW, name, scenario);
      } catch (Exception | AssertionError ignored) {
        // remembered in rawOutcomes and reported below
      }
    }
    List<String> lines;
    try {
      lines = runScenario(mode, scenario);
    } catch (Exception | AssertionError e) {
      if (mode == Mode.RAW) {
        rawOutcomes.put(name, e);
      }
      throw e;
    }
    if (mode == Mode.RAW) {
      rawOutcomes.put(name, lines);
      return;
    }
    Object raw = rawOutcomes.get(name);
    if (raw instanceof Throwable failure) {
      fail("the raw driver's run of " + name + " failed, so there is nothing to compare with: " + failure, failure);
    }
    @SuppressWarnings("unchecked")
    List<String> rawLines = (List<String>) raw;
    assertThat(lines).as("%s on %s through doltsync (%s) compared with the raw driver", name, kind, mode)
        .containsExactlyElementsOf(rawLines);
  }

  private List<String> runScenario(Mode mode, Scenario scenario) throws Exception {
    Transcript transcript = new Transcript(volatileParts());
    for (Map.Entry<Mode, PrimaryKind.Space> space : spaces.entrySet()) {
      transcript.placeholder(space.getValue().name(), "space");
    }
    try (Connection connection = open(mode)) {
      Run run = new Run(mode, connection, transcript);
      try {
        scenario.run(run);
      } finally {
        for (Connection other : run.others) {
          other.close();
        }
      }
    }
    return transcript.lines();
  }

  // ---- scenarios ----------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void generatedKeys(Mode mode) throws Exception {
    check(mode, "generatedKeys", run -> {
      Connection c = run.connection;
      Transcript t = run.transcript;
      execute(c, createKeyedTable("gk"));
      try (Statement statement = c.createStatement()) {
        t.add("statement.single.count",
            statement.executeUpdate("INSERT INTO gk (v) VALUES ('a')", Statement.RETURN_GENERATED_KEYS));
        assertThat(keys(t, "statement.single.keys", statement.getGeneratedKeys())).containsExactly(1L);
      }
      try (PreparedStatement prepared = c.prepareStatement("INSERT INTO gk (v) VALUES (?)", new String[] {keyColumn()})) {
        prepared.setString(1, "b");
        t.add("prepared.columnNames.count", prepared.executeUpdate());
        assertThat(keys(t, "prepared.columnNames.keys", prepared.getGeneratedKeys())).containsExactly(2L);
      }
      try (Statement statement = c.createStatement()) {
        t.add("statement.multiRow.count", statement.executeUpdate("INSERT INTO gk (v) VALUES ('c'), ('d'), ('e')",
            Statement.RETURN_GENERATED_KEYS));
        // drivers differ: some return every key of a multi-row insert, MariaDB the first only
        assertThat(keys(t, "statement.multiRow.keys", statement.getGeneratedKeys())).startsWith(3L).isSubsetOf(3L, 4L, 5L);
      }
      try (PreparedStatement prepared = c.prepareStatement("INSERT INTO gk (v) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
        for (String v : List.of("f", "g", "h")) {
          prepared.setString(1, v);
          prepared.addBatch();
        }
        t.add("prepared.batch.counts", prepared.executeBatch());
        assertThat(keys(t, "prepared.batch.keys", prepared.getGeneratedKeys())).startsWith(6L).isSubsetOf(6L, 7L, 8L);
      }
      try (Statement statement = c.createStatement()) {
        t.add("statement.execute.columnNames",
            statement.execute("INSERT INTO gk (v) VALUES ('i')", new String[] {keyColumn()}));
        t.add("statement.execute.updateCount", statement.getUpdateCount());
        assertThat(keys(t, "statement.execute.keys", statement.getGeneratedKeys())).containsExactly(9L);
      }
      try (Statement statement = c.createStatement()) {
        // keys not asked for: whatever the driver does then, doltsync must do the same
        t.add("statement.noKeysRequested.count", statement.executeUpdate("INSERT INTO gk (v) VALUES ('j')"));
        t.attempt("statement.noKeysRequested.keys", () -> describeRows(statement.getGeneratedKeys()));
      }
      try (PreparedStatement prepared = c.prepareStatement("INSERT INTO gk (v) VALUES (?)")) {
        prepared.setString(1, "k");
        t.add("prepared.noKeysRequested.count", prepared.executeUpdate());
        t.attempt("prepared.noKeysRequested.keys", () -> describeRows(prepared.getGeneratedKeys()));
      }
      try (Statement statement = c.createStatement()) {
        List<List<Object>> rows = t.addRows("table", statement.executeQuery("SELECT id, v FROM gk ORDER BY id"));
        assertThat(rows).hasSize(11);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void batches(Mode mode) throws Exception {
    check(mode, "batches", run -> {
      Connection c = run.connection;
      Transcript t = run.transcript;
      execute(c, "CREATE TABLE bt (id INT PRIMARY KEY, v INT)");
      try (Statement statement = c.createStatement()) {
        statement.addBatch("INSERT INTO bt (id, v) VALUES (1, 10)");
        statement.addBatch("INSERT INTO bt (id, v) VALUES (2, 20)");
        statement.addBatch("INSERT INTO bt (id, v) VALUES (3, 30)");
        statement.addBatch("UPDATE bt SET v = v + 1 WHERE id <= 2");
        statement.addBatch("DELETE FROM bt WHERE id = 3");
        int[] counts = statement.executeBatch();
        t.add("statement.counts", counts);
        assertThat(counts).hasSize(5);
      }
      try (PreparedStatement prepared = c.prepareStatement("INSERT INTO bt (id, v) VALUES (?, ?)")) {
        for (int id = 10; id <= 12; id++) {
          prepared.setInt(1, id);
          prepared.setInt(2, id * 10);
          prepared.addBatch();
        }
        t.add("prepared.insert.counts", prepared.executeBatch());
      }
      try (PreparedStatement prepared = c.prepareStatement("UPDATE bt SET v = ? WHERE id >= ?")) {
        prepared.setInt(1, 100);
        prepared.setInt(2, 11);
        prepared.addBatch();
        prepared.setInt(1, 200);
        prepared.setInt(2, 12);
        prepared.addBatch();
        t.add("prepared.update.counts", prepared.executeBatch());
      }
      try (Statement statement = c.createStatement()) {
        statement.addBatch("UPDATE bt SET v = v + 1 WHERE id >= 10");
        statement.addBatch("DELETE FROM bt WHERE id = 12");
        t.attempt("statement.largeBatch.counts", statement::executeLargeBatch);
        statement.addBatch("INSERT INTO bt (id, v) VALUES (99, 99)");
        statement.clearBatch();
        t.add("statement.clearedBatch.counts", statement.executeBatch());
      }
      try (PreparedStatement prepared = c.prepareStatement("INSERT INTO bt (id, v) VALUES (?, ?)")) {
        for (int id : new int[] {20, 10, 21}) {
          prepared.setInt(1, id);
          prepared.setInt(2, 0);
          prepared.addBatch();
        }
        try {
          prepared.executeBatch();
          fail("a batch inserting a duplicate key must fail");
        } catch (BatchUpdateException e) {
          t.add("failingBatch.exception", e);
          t.add("failingBatch.updateCounts", e.getUpdateCounts());
        }
      }
      try (Statement statement = c.createStatement()) {
        List<List<Object>> rows = t.addRows("table", statement.executeQuery("SELECT id, v FROM bt ORDER BY id"));
        assertThat(rows).extracting(row -> ((Number) row.get(0)).intValue()).contains(1, 2, 10, 11).doesNotContain(3, 12, 99);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void savepoints(Mode mode) throws Exception {
    check(mode, "savepoints", run -> {
      Connection c = run.connection;
      Transcript t = run.transcript;
      execute(c, "CREATE TABLE sp (id INT PRIMARY KEY)");
      c.setAutoCommit(false);
      execute(c, "INSERT INTO sp VALUES (1)");
      Savepoint named = c.setSavepoint("first");
      t.attempt("named.name", named::getSavepointName);
      t.attempt("named.id", named::getSavepointId);
      execute(c, "INSERT INTO sp VALUES (2)");
      Savepoint unnamed = c.setSavepoint();
      t.attempt("unnamed.name", unnamed::getSavepointName);
      t.attempt("unnamed.id", unnamed::getSavepointId);
      execute(c, "INSERT INTO sp VALUES (3)");
      c.rollback(unnamed);
      t.add("afterRollbackToSavepoint", ids(c, "sp"));
      execute(c, "INSERT INTO sp VALUES (4)");
      t.attemptAction("release", () -> c.releaseSavepoint(named));
      c.commit();
      List<Integer> committed = ids(run.another(), "sp");
      t.add("committed", committed);
      assertThat(committed).containsExactly(1, 2, 4);

      Savepoint released = c.setSavepoint("released");
      c.releaseSavepoint(released);
      t.attemptAction("rollbackToReleased", () -> c.rollback(released));
      c.rollback();
      c.setAutoCommit(true);
      t.attempt("savepointInAutoCommit", c::setSavepoint);
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void transactions(Mode mode) throws Exception {
    check(mode, "transactions", run -> {
      Connection c = run.connection;
      Transcript t = run.transcript;
      execute(c, "CREATE TABLE tx (id INT PRIMARY KEY, v VARCHAR(10))");
      Connection other = run.another();
      t.add("autoCommit.initial", c.getAutoCommit());
      c.setAutoCommit(false);
      t.add("autoCommit.off", c.getAutoCommit());
      execute(c, "INSERT INTO tx VALUES (1, 'one')");
      t.add("ownView.beforeRollback", ids(c, "tx"));
      c.rollback();
      t.add("ownView.afterRollback", ids(c, "tx"));
      execute(c, "INSERT INTO tx VALUES (2, 'two')");
      t.add("otherView.beforeCommit", ids(other, "tx"));
      c.commit();
      t.add("otherView.afterCommit", ids(other, "tx"));
      execute(c, "INSERT INTO tx VALUES (3, 'three')");
      c.setAutoCommit(true);
      t.add("otherView.afterAutoCommitOn", ids(other, "tx"));
      t.attemptAction("commitInAutoCommit", c::commit);
      t.attemptAction("rollbackInAutoCommit", c::rollback);
      execute(c, "INSERT INTO tx VALUES (4, 'four')");
      t.add("otherView.afterAutoCommittedInsert", ids(other, "tx"));
      c.setAutoCommit(false);
      c.setAutoCommit(false);
      execute(c, "UPDATE tx SET v = 'changed'");
      execute(c, "DELETE FROM tx WHERE id = 2");
      c.rollback();
      int isolation = c.getTransactionIsolation();
      t.add("isolation.initial", isolation);
      c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      t.add("isolation.serializable", c.getTransactionIsolation());
      c.setTransactionIsolation(isolation);
      c.setAutoCommit(true);
      try (Statement statement = other.createStatement()) {
        List<List<Object>> rows = t.addRows("table", statement.executeQuery("SELECT id, v FROM tx ORDER BY id"));
        assertThat(rows).extracting(row -> ((Number) row.get(0)).intValue()).containsExactly(2, 3, 4);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void metadata(Mode mode) throws Exception {
    check(mode, "metadata", run -> {
      Connection c = run.connection;
      Transcript t = run.transcript;
      execute(c, "CREATE TABLE md_items (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, price DECIMAL(10,2))");
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getConnection()).isSameAs(c);
      assertThat(md.getDatabaseProductName()).isEqualTo(productName());
      t.add("productName", md.getDatabaseProductName());
      t.add("productVersion", md.getDatabaseProductVersion());
      t.add("productMajor", md.getDatabaseMajorVersion());
      t.add("productMinor", md.getDatabaseMinorVersion());
      t.add("driverName", md.getDriverName());
      t.add("driverVersion", md.getDriverVersion());
      t.add("jdbcVersion", md.getJDBCMajorVersion() + "." + md.getJDBCMinorVersion());
      t.add("url", md.getURL());
      t.add("userName", md.getUserName());
      t.add("catalog", c.getCatalog());
      t.add("schema", c.getSchema());
      t.add("identifierQuote", md.getIdentifierQuoteString());
      t.add("storesUpperCase", md.storesUpperCaseIdentifiers());
      t.add("storesLowerCase", md.storesLowerCaseIdentifiers());
      t.add("supportsGetGeneratedKeys", md.supportsGetGeneratedKeys());
      t.add("supportsSavepoints", md.supportsSavepoints());
      t.add("supportsBatchUpdates", md.supportsBatchUpdates());
      t.add("supportsStoredProcedures", md.supportsStoredProcedures());
      t.add("supportsMultipleResultSets", md.supportsMultipleResultSets());
      t.add("defaultIsolation", md.getDefaultTransactionIsolation());
      t.add("sqlKeywords", md.getSQLKeywords());
      String table = md.storesUpperCaseIdentifiers() ? "MD_ITEMS" : "md_items";
      List<List<Object>> tables = t.addRows("tables", md.getTables(c.getCatalog(), c.getSchema(), table, null));
      assertThat(tables).hasSize(1);
      List<List<Object>> columns = t.addRows("columns", md.getColumns(c.getCatalog(), c.getSchema(), table, "%"));
      assertThat(columns).hasSize(3);
      t.addRows("primaryKeys", md.getPrimaryKeys(c.getCatalog(), c.getSchema(), table));
      // the type list is database-wide (PostgreSQL lists every table's row type), so only its presence is compared
      try (ResultSet types = md.getTypeInfo()) {
        t.add("typeInfo.hasRows", types.next());
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void callableStatements(Mode mode) throws Exception {
    check(mode, "callableStatements", run -> {
      Connection c = run.connection;
      Transcript t = run.transcript;
      for (String ddl : createRoutines("add_one")) {
        execute(c, ddl);
      }
      String outCall = outParameterCall("add_one");
      if (outCall != null) {
        try (CallableStatement call = c.prepareCall(outCall)) {
          call.setInt(1, 41);
          call.registerOutParameter(2, Types.INTEGER);
          t.add("procedure.execute", call.execute());
          t.add("procedure.out", call.getInt(2));
          t.add("procedure.outObject", call.getObject(2));
          t.add("procedure.wasNull", call.wasNull());
          assertThat(call.getInt(2)).isEqualTo(42);
        }
      }
      try (CallableStatement call = c.prepareCall(functionCall("add_one"))) {
        call.registerOutParameter(1, Types.INTEGER);
        call.setInt(2, 41);
        t.add("function.execute", call.execute());
        t.add("function.result", call.getInt(1));
        assertThat(call.getInt(1)).isEqualTo(42);
        call.setInt(2, 1);
        call.execute();
        t.add("function.again", call.getInt(1));
        assertThat(call.getInt(1)).isEqualTo(2);
        t.add("function.metadataParameters", call.getParameterMetaData().getParameterCount());
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void largeResultSet(Mode mode) throws Exception {
    check(mode, "largeResultSet", run -> {
      Connection c = run.connection;
      Transcript t = run.transcript;
      c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
      try (Statement statement = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        statement.setFetchSize(500);
        long rows = 0;
        long sum = 0;
        CRC32 labels = new CRC32();
        try (ResultSet result = statement.executeQuery(numbers(LARGE_RESULT_ROWS))) {
          t.add("type", result.getType());
          t.add("concurrency", result.getConcurrency());
          while (result.next()) {
            rows++;
            sum += result.getLong(1);
            labels.update(result.getString(2).getBytes(StandardCharsets.UTF_8));
          }
          t.add("afterLast.next", result.next());
        }
        t.add("rows", rows);
        t.add("sum", sum);
        t.add("labelsCrc", labels.getValue());
        assertThat(rows).isEqualTo(LARGE_RESULT_ROWS);
        assertThat(sum).isEqualTo((long) LARGE_RESULT_ROWS * (LARGE_RESULT_ROWS + 1) / 2);
      }
      c.commit();
      c.setAutoCommit(true);
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void errorSqlStates(Mode mode) throws Exception {
    check(mode, "errorSqlStates", run -> {
      Connection c = run.connection;
      Transcript t = run.transcript;
      execute(c, "CREATE TABLE er (id INT PRIMARY KEY)");
      execute(c, "INSERT INTO er VALUES (1)");
      try (Statement statement = c.createStatement()) {
        assertThat(expectError(t, "duplicateKey", () -> statement.executeUpdate("INSERT INTO er VALUES (1)")).getSQLState())
            .startsWith("23");
        assertThat(expectError(t, "syntaxError", () -> statement.execute("SELEC 1")).getSQLState()).startsWith("42");
        assertThat(expectError(t, "unknownTable.query", () -> statement.executeQuery("SELECT * FROM no_such_table"))
            .getSQLState()).startsWith("42");
        assertThat(expectError(t, "unknownTable.update", () -> statement.executeUpdate("DELETE FROM no_such_table"))
            .getSQLState()).startsWith("42");
        expectError(t, "unknownColumn", () -> statement.executeQuery("SELECT no_such_column FROM er"));
      }
      try (PreparedStatement duplicate = c.prepareStatement("INSERT INTO er VALUES (?)")) {
        duplicate.setInt(1, 1);
        assertThat(expectError(t, "prepared.duplicateKey.execute", duplicate::executeUpdate).getSQLState()).startsWith("23");
      }
      PreparedStatement syntax = t.attempt("prepared.syntaxError.prepare", () -> c.prepareStatement("SELEC ?"));
      if (syntax != null) {
        try (syntax) {
          syntax.setInt(1, 1);
          t.attempt("prepared.syntaxError.execute", () -> describeRows(syntax.executeQuery()));
        }
      }
      c.setAutoCommit(false);
      try (Statement statement = c.createStatement()) {
        expectError(t, "inTransaction.duplicateKey", () -> statement.executeUpdate("INSERT INTO er VALUES (1)"));
        t.attempt("inTransaction.nextStatement", () -> describeRows(statement.executeQuery("SELECT id FROM er")));
      }
      c.rollback();
      c.setAutoCommit(true);
      assertThat(ids(c, "er")).containsExactly(1);
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void moreResultsAndUpdateCounts(Mode mode) throws Exception {
    check(mode, "moreResultsAndUpdateCounts", run -> {
      Connection c = run.connection;
      Transcript t = run.transcript;
      execute(c, "CREATE TABLE mr (id INT PRIMARY KEY)");
      try (Statement statement = c.createStatement()) {
        results(t, "insert", statement, statement.execute("INSERT INTO mr VALUES (1)"));
        results(t, "emptyUpdate", statement, statement.execute("UPDATE mr SET id = id WHERE id < 0"));
        results(t, "select", statement, statement.execute("SELECT id FROM mr"));

        statement.execute("SELECT id FROM mr");
        ResultSet current = statement.getResultSet();
        t.add("closeCurrent.more", statement.getMoreResults());
        t.add("closeCurrent.closed", current.isClosed());
        t.add("closeCurrent.updateCount", statement.getUpdateCount());
        t.add("closeCurrent.resultSet", statement.getResultSet());

        statement.execute("SELECT id FROM mr");
        ResultSet kept = statement.getResultSet();
        t.attempt("keepCurrent.more", () -> statement.getMoreResults(Statement.KEEP_CURRENT_RESULT));
        t.add("keepCurrent.closed", kept.isClosed());
        t.add("updateCount.afterQuery", statement.executeUpdate("UPDATE mr SET id = 2 WHERE id = 1"));
        t.add("updateCount.large", statement.getLargeUpdateCount());
      }
      try (PreparedStatement prepared = c.prepareStatement("SELECT id FROM mr WHERE id > ?")) {
        prepared.setInt(1, 0);
        results(t, "prepared.select", prepared, prepared.execute());
      }
      try (PreparedStatement prepared = c.prepareStatement("UPDATE mr SET id = ? WHERE id = ?")) {
        prepared.setInt(1, 3);
        prepared.setInt(2, 2);
        results(t, "prepared.update", prepared, prepared.execute());
      }
      assertThat(ids(c, "mr")).containsExactly(3);
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void multiStatementTexts(Mode mode) throws Exception {
    check(mode, "multiStatementTexts", run -> {
      Connection c = run.connection;
      Transcript t = run.transcript;
      execute(c, "CREATE TABLE ms (id INT PRIMARY KEY)");
      execute(c, "INSERT INTO ms VALUES (1)");
      try (Statement statement = c.createStatement()) {
        t.attempt("threeStatements", () -> {
          boolean first = statement.execute("SELECT 1 AS a; UPDATE ms SET id = 2 WHERE id = 1; SELECT 3 AS b");
          return results(new Transcript(volatileParts()), "", statement, first);
        });
      }
      t.add("table", ids(c, "ms"));
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void backReferences(Mode mode) throws Exception {
    check(mode, "backReferences", run -> {
      Connection c = run.connection;
      Transcript t = run.transcript;
      execute(c, createKeyedTable("br"));
      for (String ddl : createRoutines("br")) {
        execute(c, ddl);
      }
      List<Object> handedOut = new ArrayList<>();
      try (Statement statement = c.createStatement()) {
        same(t, "statement.getConnection", statement.getConnection(), c);
        ResultSet rows = statement.executeQuery("SELECT 1");
        same(t, "resultSet.getStatement", rows.getStatement(), statement);
        same(t, "statement.getResultSet", statement.getResultSet(), rows);
        statement.executeUpdate("INSERT INTO br (v) VALUES ('a')", Statement.RETURN_GENERATED_KEYS);
        ResultSet keys = statement.getGeneratedKeys();
        same(t, "generatedKeys.getStatement", keys.getStatement(), statement);
        handedOut.addAll(List.of(statement, rows, keys));
        handedOut.add(keys.getStatement());
      }
      try (PreparedStatement prepared = c.prepareStatement("SELECT ? AS x")) {
        prepared.setInt(1, 1);
        same(t, "prepared.getConnection", prepared.getConnection(), c);
        ResultSet rows = prepared.executeQuery();
        same(t, "prepared.resultSet.getStatement", rows.getStatement(), prepared);
        handedOut.addAll(List.of(prepared, rows));
      }
      try (PreparedStatement prepared = c.prepareStatement("INSERT INTO br (v) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
        prepared.setString(1, "b");
        prepared.executeUpdate();
        ResultSet keys = prepared.getGeneratedKeys();
        same(t, "prepared.generatedKeys.getStatement", keys.getStatement(), prepared);
        handedOut.addAll(List.of(prepared, keys));
        handedOut.add(keys.getStatement());
      }
      try (CallableStatement call = c.prepareCall(functionCall("br"))) {
        same(t, "callable.getConnection", call.getConnection(), c);
        handedOut.add(call);
      }
      DatabaseMetaData md = c.getMetaData();
      same(t, "metaData.getConnection", md.getConnection(), c);
      ResultSet tables = md.getTables(c.getCatalog(), c.getSchema(), "%", null);
      t.add("metaData.resultSet.getStatement.isNull", tables.getStatement() == null);
      handedOut.addAll(List.of(md, tables));
      if (tables.getStatement() != null) {
        handedOut.add(tables.getStatement());
      }
      c.setAutoCommit(false);
      Savepoint savepoint = c.setSavepoint();
      handedOut.add(savepoint);
      c.rollback();
      c.setAutoCommit(true);
      handedOut.add(c);
      handedOut.removeIf(o -> o == null);

      if (run.mode.throughDoltSync()) {
        assertThat(handedOut).as("every JDBC object doltsync hands out is a doltsync wrapper")
            .allSatisfy(o -> assertThat(o.getClass().getPackageName()).isEqualTo("io.doltsync.internal.jdbc.wrapper"));
      } else {
        assertThat(handedOut).noneSatisfy(o -> assertThat(o.getClass().getName()).startsWith("io.doltsync"));
      }
      tables.close();
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void unwrapping(Mode mode) throws Exception {
    check(mode, "unwrapping", run -> {
      Connection c = run.connection;
      Transcript t = run.transcript;
      VendorClasses vendor = vendorClasses();
      try (Statement statement = c.createStatement();
          PreparedStatement prepared = c.prepareStatement("SELECT ? AS x");
          ResultSet rows = statement.executeQuery("SELECT 1")) {
        unwraps(t, "connection", c, vendor.connection(), Connection.class);
        unwraps(t, "statement", statement, vendor.statement(), Statement.class);
        unwraps(t, "prepared", prepared, vendor.preparedStatement(), PreparedStatement.class);
        unwraps(t, "resultSet", rows, vendor.resultSet(), ResultSet.class);
        unwraps(t, "metaData", c.getMetaData(), vendor.metaData(), DatabaseMetaData.class);
      }
      if (run.mode.throughDoltSync()) {
        assertThat(c.isWrapperFor(DoltSyncConnection.class)).isTrue();
        DoltSyncConnection doltSync = c.unwrap(DoltSyncConnection.class);
        assertThat(doltSync).isSameAs(c);
        assertThat(doltSync.isMirroring()).isEqualTo(run.mode == Mode.MIRRORING);
        assertThat(c.unwrap(vendor.connection()).getClass().getName()).doesNotStartWith("io.doltsync");
      } else {
        assertThat(c.isWrapperFor(DoltSyncConnection.class)).isFalse();
        assertThatThrownBy(() -> c.unwrap(DoltSyncConnection.class)).isInstanceOf(SQLException.class);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void closing(Mode mode) throws Exception {
    check(mode, "closing", run -> {
      Transcript t = run.transcript;
      Connection c = run.another();
      t.add("isValid", c.isValid(5));
      Statement statement = c.createStatement();
      ResultSet rows = statement.executeQuery("SELECT 1");
      statement.close();
      t.add("statement.isClosed", statement.isClosed());
      t.add("resultSet.closedWithStatement", rows.isClosed());
      t.attempt("statement.useAfterClose", () -> describeRows(statement.executeQuery("SELECT 1")));
      c.close();
      t.add("connection.isClosed", c.isClosed());
      t.attemptAction("connection.closeTwice", c::close);
      t.attempt("connection.useAfterClose", c::createStatement);
      t.attempt("connection.isValidAfterClose", () -> c.isValid(1));
      assertThat(c.isClosed()).isTrue();
    });
  }

  /**
   * Every write of the class through every execution method, in auto-commit mode and in an explicit
   * transaction: the application sees what the raw driver shows (results, exceptions, update counts, warnings),
   * and Dolt ends up with the primary's rows, whether the driver ran the write and then threw (pgjdbc's
   * {@code executeQuery} of a write) or refused it before running it.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void writeOutcomes(Mode mode) throws Exception {
    check(mode, "writeOutcomes", run -> {
      Connection c = run.connection;
      Transcript t = run.transcript;
      List<WriteOutcomes.Write> writes = new ArrayList<>(WriteOutcomes.plainWrites());
      writes.addAll(returningWrites());
      int cases = writes.size() * WriteOutcomes.Method.values().length * WriteOutcomes.Transaction.values().length;
      execute(c, "CREATE TABLE wq (id INT PRIMARY KEY, v VARCHAR(20))");
      execute(c, "INSERT INTO wq (id, v) SELECT n, label FROM (" + numbers(2 * cases + 2) + ") AS numbers");
      int n = 1;
      for (WriteOutcomes.Write write : writes) {
        for (WriteOutcomes.Method method : WriteOutcomes.Method.values()) {
          for (WriteOutcomes.Transaction tx : WriteOutcomes.Transaction.values()) {
            WriteOutcomes.run(c, t, write.name() + "." + method + "." + tx, write, n, method, tx);
            n += 2;
          }
        }
      }
      t.add("table", rows(run.another(), "SELECT id, v FROM wq ORDER BY id"));
      doltHoldsThePrimarysRows(run, "SELECT id, v FROM wq ORDER BY id");
    });
  }

  /**
   * Writes that make the database warn (truncation, a value out of range, division by zero, a duplicate key
   * ignored, NULL into NOT NULL, a rounded decimal, several at once) through every execution method that
   * writes, in auto-commit mode and in an explicit transaction: the statement's and the connection's warnings
   * are the raw driver's.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  void writeWarnings(Mode mode) throws Exception {
    List<WriteOutcomes.Write> writes = warningWrites();
    if (writes.isEmpty()) {
      return;
    }
    check(mode, "writeWarnings", run -> {
      Connection c = run.connection;
      Transcript t = run.transcript;
      for (String sql : warningSetup()) {
        execute(c, sql);
      }
      List<WriteOutcomes.Method> methods = List.of(WriteOutcomes.Method.values()).stream()
          .filter(m -> m != WriteOutcomes.Method.STATEMENT_EXECUTE_QUERY && m != WriteOutcomes.Method.PREPARED_EXECUTE_QUERY)
          .toList();
      int cases = writes.size() * methods.size() * WriteOutcomes.Transaction.values().length;
      execute(c, "INSERT INTO ww (id, s, t, d, nn) SELECT n, 'a', 1, 1, 1 FROM (" + numbers(2 * cases + 2) + ") AS numbers");
      int n = 1;
      int warned = 0;
      for (WriteOutcomes.Write write : writes) {
        for (WriteOutcomes.Method method : methods) {
          for (WriteOutcomes.Transaction tx : WriteOutcomes.Transaction.values()) {
            String label = write.name() + "." + method + "." + tx;
            WriteOutcomes.run(c, t, label, write, n, method, tx);
            warned += t.lines().stream().filter(line -> line.startsWith(label + ".warnings = [") && !line.endsWith("[]"))
                .count() > 0 ? 1 : 0;
            n += 2;
          }
        }
      }
      assertThat(warned).as("executions whose statement reported warnings").isPositive();
      t.add("table", rows(run.another(), "SELECT id, s, t, d, nn FROM ww ORDER BY id"));
      doltHoldsThePrimarysRows(run, "SELECT id, s, t, d, nn FROM ww ORDER BY id");
    });
  }

  /** In mirroring mode, once the connection's commits are in Dolt, Dolt's rows are the primary's. */
  private void doltHoldsThePrimarysRows(Run run, String query) throws SQLException {
    if (run.mode != Mode.MIRRORING) {
      return;
    }
    run.connection.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
    List<String> primary = rows(run.another(), query);
    try (Connection dolt = TestServers.dolt(doltDatabase)) {
      assertThat(rows(dolt, query)).as("Dolt's rows after the connection's last commit").isEqualTo(primary);
    }
  }

  /** Mirroring mode does mirror: a transaction with a savepoint rollback reaches Dolt as the primary has it. */
  @Test
  void mirroredTransactionsReachDolt() throws Exception {
    try (Connection c = open(Mode.MIRRORING)) {
      execute(c, "CREATE TABLE mt (id INT PRIMARY KEY, v VARCHAR(20))");
      // steady state: the mirror has bootstrapped and applied the schema before the transactions under test
      c.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(30));
      c.setAutoCommit(false);
      execute(c, "INSERT INTO mt VALUES (1, 'one')");
      execute(c, "INSERT INTO mt VALUES (2, 'two')");
      Savepoint savepoint = c.setSavepoint();
      execute(c, "INSERT INTO mt VALUES (3, 'three')");
      execute(c, "UPDATE mt SET v = 'changed' WHERE id = 1");
      c.rollback(savepoint);
      execute(c, "UPDATE mt SET v = 'second' WHERE id = 2");
      c.commit();
      c.setAutoCommit(true);
      execute(c, "DELETE FROM mt WHERE id = 1");
      String hash = c.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(30));
      List<String> primary = rows(c, "SELECT id, v FROM mt ORDER BY id");
      assertThat(primary).containsExactly("2|second");
      try (Connection dolt = TestServers.dolt(doltDatabase)) {
        assertThat(rows(dolt, "SELECT id, v FROM mt ORDER BY id")).isEqualTo(primary);
      }
      assertThat(hash).as("the Dolt commit of the connection's last transaction").isNotBlank();
    }
  }

  // ---- helpers --------------------------------------------------------------------------------------

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  static List<Integer> ids(Connection connection, String table) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
      while (rows.next()) {
        ids.add(rows.getInt(1));
      }
    }
    return ids;
  }

  static List<String> rows(Connection connection, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(result.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  /** Every row of a result set as text, or "null" (for {@link Transcript#attempt}). */
  static String describeRows(ResultSet rows) throws SQLException {
    Transcript scratch = new Transcript(List.of());
    scratch.addRows("rows", rows);
    return String.join("; ", scratch.lines());
  }

  /** Records the generated keys and returns their first column as numbers. */
  static List<Long> keys(Transcript t, String label, ResultSet keys) throws SQLException {
    return t.addRows(label, keys).stream().map(row -> ((Number) row.get(0)).longValue()).toList();
  }

  static SQLException expectError(Transcript t, String label, Transcript.SqlAction action) {
    try {
      action.run();
    } catch (SQLException e) {
      t.add(label, e);
      return e;
    }
    throw new AssertionError(label + ": expected an SQLException");
  }

  /** Records whether a back-reference is the expected object, null, or some other object (and of which type). */
  static void same(Transcript t, String label, Object actual, Object expected) {
    t.add(label, actual == expected ? "the same object" : actual == null ? "null" : Transcript.describe(actual));
  }

  /**
   * Records every result of an execution: update counts and result-set rows, following getMoreResults
   * until the statement reports no more results. Returns the lines recorded, joined.
   */
  static String results(Transcript t, String label, Statement statement, boolean isResultSet) throws SQLException {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int updateCount = statement.getUpdateCount();
      if (!isResultSet && updateCount == -1) {
        break;
      }
      String result = isResultSet ? "rows(" + describeRows(statement.getResultSet()) + ")" : "count(" + updateCount + ")";
      seen.add(result);
      isResultSet = statement.getMoreResults();
    }
    t.add(label + ".results", seen);
    t.add(label + ".finalUpdateCount", statement.getUpdateCount());
    t.add(label + ".finalResultSet", statement.getResultSet());
    return String.join(", ", seen);
  }

  static void unwraps(Transcript t, String label, java.sql.Wrapper object, Class<?> vendorClass, Class<?> jdbcType)
      throws SQLException {
    boolean wrapperFor = object.isWrapperFor(vendorClass);
    Object unwrapped = object.unwrap(vendorClass);
    assertThat(wrapperFor).as("%s.isWrapperFor(%s)", label, vendorClass.getName()).isTrue();
    assertThat(unwrapped).as("%s.unwrap(%s)", label, vendorClass.getName()).isInstanceOf(vendorClass);
    t.add(label + ".isWrapperFor(vendor)", wrapperFor);
    t.add(label + ".isWrapperFor(jdbcType)", object.isWrapperFor(jdbcType));
    t.add(label + ".unwrap(jdbcType).isSelf", object.unwrap(jdbcType) == object);
    t.add(label + ".isWrapperFor(String)", object.isWrapperFor(String.class));
    t.attempt(label + ".unwrap(String)", () -> object.unwrap(String.class));
  }
}
