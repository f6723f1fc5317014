package io.doltsync.internal.capture;

import io.doltsync.internal.jdbc.wrapper.ParameterValues;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.sql.ValueSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * What a {@link TableEffect} works with while one statement (or batch entry) runs: the primary
 * connection inside the application's transaction, the bound values, and the transaction's capture.
 */
public final class CaptureContext {

  private static final int MARIADB_DEADLOCK = 1213;
  private static final int MARIADB_LOCK_WAIT_TIMEOUT = 1205;

  private static final Logger LOG = DoltSyncLoggers.get(CaptureContext.class);

  private final Connection connection;
  private final SourceDialect dialect;
  private final TransactionCapture capture;
  private final io.doltsync.internal.dialect.PrimaryFlavour flavour;
  private StatementValues statementValues;
  private final SessionTimeZone sessionTimeZone;
  private final SessionSqlMode sessionSqlMode;
  private final SessionCharset sessionCharset;
  /** How the current execution's values reach the primary ({@link ParameterProtocol}). */
  private ParameterProtocol protocol = ParameterProtocol.UNKNOWN;
  /** Per table, the row lookups run before the current execution (a batch runs them all before its first entry). */
  private final java.util.Map<String, Integer> lookupsBeforeExecution = new java.util.HashMap<>();

  public CaptureContext(Connection connection, SourceDialect dialect, TransactionCapture capture) {
    this(connection, dialect, capture, new io.doltsync.internal.dialect.PrimaryFlavour(dialect));
  }

  /** @param flavour the mirror's probe of which primary and driver this is */
  public CaptureContext(Connection connection, SourceDialect dialect, TransactionCapture capture,
      io.doltsync.internal.dialect.PrimaryFlavour flavour) {
    this.flavour = flavour;
    this.connection = connection;
    this.dialect = dialect;
    this.capture = capture;
    this.sessionTimeZone = new SessionTimeZone(connection);
    this.sessionSqlMode = new SessionSqlMode(connection);
    this.sessionCharset = new SessionCharset(connection);
  }

  /**
   * True when the session is a MySQL/MariaDB one in strict mode ({@link SessionSqlMode}): an UPDATE's sum out of a
   * column's range fails instead of being clipped with a warning.
   */
  boolean strictSession() {
    return dialect instanceof io.doltsync.internal.dialect.MySqlDialect && sessionSqlMode.strict();
  }

  /** A new execution (a statement, or a batch of entries) begins: its effects' lookups are counted afresh. */
  public void executionStarts() {
    executionStarts(null, null, null, false);
  }

  /**
   * A new execution of {@code statement} (the driver's) with the given bound values (one array per entry) begins:
   * its effects' lookups are counted afresh, and its values are known to go as text or binary
   * ({@link ParameterProtocol}); {@code oneTrip}: it runs as a MariaDB one-trip block of {@code sql} instead.
   */
  public void executionStarts(java.sql.Statement statement, List<Object[]> parameters, String sql, boolean oneTrip) {
    lookupsBeforeExecution.clear();
    protocol = oneTrip ? ParameterProtocol.ofOneTrip(statement, parameters, sql)
        : ParameterProtocol.of(statement, parameters);
  }

  /** How the current execution's values reach the primary. */
  ParameterProtocol protocol() {
    return protocol;
  }

  /** Counts a lookup of a table's rows run before the execution; returns how many ran so far. */
  int lookedUpBeforeExecution(String tableKey) {
    return lookupsBeforeExecution.merge(tableKey, 1, Integer::sum);
  }

  /**
   * How many lookups of the table ran before this execution: more than one means a batch whose later entries
   * were looked up before the earlier ones changed the table.
   */
  int lookupsBeforeExecution(String tableKey) {
    return lookupsBeforeExecution.getOrDefault(tableKey, 0);
  }

  /**
   * Tells the context that a text ran (or is about to run) on the primary: one that may change the
   * session's time zone makes it read the zone again before it next predicts a {@code TIMESTAMP}; likewise the
   * {@code sql_mode} for UPDATE amounts. A text that runs code (a procedure, a prepared text, a reset) may change both.
   */
  public void ran(String sql) {
    if (sql == null) {
      return;
    }
    boolean runsCode = SessionVariable.runsCode(sql);
    sessionTimeZone.ran(sql, runsCode);
    sessionSqlMode.ran(sql, runsCode);
    sessionCharset.ran(sql, runsCode);
  }

  public TransactionCapture capture() {
    return capture;
  }

  public SourceDialect dialect() {
    return dialect;
  }

  /**
   * How this connection's primary stores statement values. A {@link java.sql.Timestamp} is stored as its
   * local date-time unless the URL asks the driver to convert time zones (MySQL Connector/J's and MariaDB
   * Connector/J's {@code *TimeZone*}/{@code *timezone*} options). A MariaDB server truncates fractional
   * seconds beyond a column's precision; a MySQL/MariaDB {@code TIMESTAMP} depends on the session's time zone.
   */
  StatementValues statementValues() {
    if (statementValues == null) {
      boolean timestampsLocal;
      boolean mariadb;
      try {
        java.sql.DatabaseMetaData metaData = connection.getMetaData();
        String url = metaData.getURL();
        timestampsLocal = url != null && !url.toLowerCase(java.util.Locale.ROOT).contains("timezone")
            && !url.toLowerCase(java.util.Locale.ROOT).contains("preserveinstants");
        mariadb = flavour.of(connection).mariadbServer();
      } catch (SQLException e) {
        timestampsLocal = false;
        mariadb = false;
      }
      statementValues = new StatementValues(dialect, timestampsLocal, mariadb, sessionTimeZone::offset,
          this::protocol, sessionCharset::value);
    }
    return statementValues;
  }

  /** The values the sources stand for, or {@code null} when any of them cannot be known. */
  public static List<Object> valuesOf(List<ValueSource> sources, Object[] parameters) {
    List<Object> values = new ArrayList<>(sources.size());
    for (ValueSource source : sources) {
      Object value = valueOf(source, parameters);
      if (value == ParameterValues.UNKNOWN) {
        return null;
      }
      values.add(value);
    }
    return values;
  }

  /**
   * The value a source stands for exactly as the driver sends it, or {@link ParameterValues#UNKNOWN} when
   * the text alone cannot tell or the driver converts the bound value first: for row images.
   */
  public static Object unconvertedValueOf(ValueSource source, Object[] parameters) {
    return source.type() == ValueSource.Type.PARAMETER
        ? ParameterValues.getUnconverted(parameters, source.parameterIndex()) : valueOf(source, parameters);
  }

  /** The value a source stands for, or {@link ParameterValues#UNKNOWN} when the text alone cannot tell. */
  public static Object valueOf(ValueSource source, Object[] parameters) {
    return switch (source.type()) {
      case LITERAL -> source.literal();
      case PARAMETER -> ParameterValues.get(parameters, source.parameterIndex());
      default -> ParameterValues.UNKNOWN;
    };
  }

  /**
   * Runs a key query (the table's key columns first in its select list) with the given values bound,
   * typed as the given columns so strict primaries (PostgreSQL) compare like with like. The keys are read as
   * the image reads read them (canonical values: a key whose row is gone by commit is journaled as it was
   * read here). Returns {@code null} when the query fails (but rethrows deadlocks and lock timeouts): the
   * caller then falls back to copying the whole table. On PostgreSQL the query runs under a savepoint, so a
   * failure cannot abort the application's transaction.
   */
  public List<RowKey> selectKeys(String sql, List<Object> values, List<ColumnSchema> types,
      io.doltsync.spi.TableSchema table) throws SQLException {
    List<ColumnSchema> keyColumns = table.primaryKey().stream().map(c -> table.column(c).orElseThrow()).toList();
    return guarded(sql, () -> runQuery(sql, values, types, rs -> {
      Object[] key = new Object[keyColumns.size()];
      for (int c = 0; c < key.length; c++) {
        key[c] = io.doltsync.internal.dialect.UnreadableValue.read(dialect, rs, c + 1, keyColumns.get(c));
      }
      return new RowKey(key);
    }));
  }

  /**
   * Runs a locking query whose select list is every column of the table, in order, and returns the rows'
   * complete canonical images; {@code null} when the query fails (deadlocks and lock timeouts are rethrown),
   * as {@link #selectKeys}.
   */
  public List<Object[]> selectImages(String sql, List<Object> values, io.doltsync.spi.TableSchema table)
      throws SQLException {
    List<ColumnSchema> columns = table.columns();
    return guarded(sql, () -> runQuery(sql, values, null, rs -> {
      Object[] image = new Object[columns.size()];
      for (int c = 0; c < image.length; c++) {
        image[c] = io.doltsync.internal.dialect.UnreadableValue.read(dialect, rs, c + 1, columns.get(c));
      }
      return image;
    }));
  }

  private interface Query<T> {
    List<T> run() throws SQLException;
  }

  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T> List<T> guarded(String sql, Query<T> query) throws SQLException {
    Savepoint savepoint = guardsTransaction() ? connection.setSavepoint() : null;
    try {
      List<T> keys = query.run();
      if (savepoint != null) {
        connection.releaseSavepoint(savepoint);
      }
      return keys;
    } catch (SQLException e) {
      if (savepoint != null) {
        connection.rollback(savepoint);
      }
      if (endsTransaction(e)) {
        throw e;
      }
      LOG.debug("key query failed, falling back to a whole-table copy: {}", sql, e);
      return null;
    }
  }

  /**
   * A deadlock, serialization failure or lock timeout: the database may have rolled back the whole
   * transaction (InnoDB does on a deadlock), so the application must hear of it, exactly as if its own
   * statement had failed, and never go on writing into a fresh transaction unawares.
   */
  private static boolean endsTransaction(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("40") || e.getErrorCode() == MARIADB_DEADLOCK
        || e.getErrorCode() == MARIADB_LOCK_WAIT_TIMEOUT || "HYT00".equals(state);
  }

  private boolean guardsTransaction() throws SQLException {
    return dialect.failedStatementAbortsTransaction() && !connection.getAutoCommit();
  }

  private <T> List<T> runQuery(String sql, List<Object> values, List<ColumnSchema> types, RowMapper<T> mapper)
      throws SQLException {
    List<T> rows = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.size(); i++) {
        bind(select, i + 1, values.get(i), types == null ? null : types.get(i));
      }
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
      }
    }
    return rows;
  }

  /** Binds a value, typed by its column when known. */
  public static void bind(PreparedStatement statement, int index, Object value, ColumnSchema column)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, column == null ? java.sql.Types.NULL : column.jdbcType());
    } else if (column != null && value instanceof String) {
      statement.setObject(index, value, column.jdbcType());
    } else {
      statement.setObject(index, value);
    }
  }
}
