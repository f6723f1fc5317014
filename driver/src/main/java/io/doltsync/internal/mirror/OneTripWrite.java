package io.doltsync.internal.mirror;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.doltsync.internal.capture.Plan;
import io.doltsync.internal.capture.TableEffect;
import io.doltsync.internal.capture.TransactionCapture;
import io.doltsync.internal.capture.WritePlan;
import io.doltsync.internal.jdbc.wrapper.StatementSettings;
import io.doltsync.internal.jdbc.wrapper.WriteRequest;
import io.doltsync.internal.journal.JournalEntry;
import io.doltsync.internal.journal.JournalTable;
import io.doltsync.internal.journal.KeptStatement;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.sql.StatementKind;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * A lone auto-commit {@code INSERT ... VALUES} or {@code UPDATE} by key whose journal entry its own text and values
 * determine (every effect a statement-determined row image: nothing to read back), sent to a PostgreSQL primary
 * (pgjdbc) as ONE statement together with its journal insert (MariaDB: see {@link #mariaDbBlock}):
 * <pre>
 * WITH doltsync_write AS (&lt;the application's statement&gt; RETURNING 1),
 *      doltsync_order AS (SELECT pg_advisory_xact_lock_shared(...))
 * INSERT INTO &lt;journal&gt; (txn, chunk, chunks, instance, payload)
 *   SELECT ?::text, 0, 1, ?::text, ?::bytea FROM doltsync_order
 *   WHERE CASE (SELECT count(*) FROM doltsync_write) WHEN &lt;the rows the images describe&gt; THEN true
 *     WHEN 0 THEN false ELSE &lt;an error naming the count&gt; END
 * </pre>
 * One statement in auto-commit mode is one transaction: the entry commits with the data or not at all, and is
 * written only when the statement changed the rows its images describe (an {@code UPDATE} that matched no row
 * writes none). The journal insert reads the write's rows, so it runs after the write took its row locks, and
 * its journal id orders it after any transaction that held them. The statement's own update count is the
 * journal insert's, 1 or 0, which stands for the write's: a plain {@code INSERT} changes all its rows or fails, an
 * {@code UPDATE} pinning every key column changes one row or none; any other count fails the statement, which
 * rolls the write back. The journal insert at the top (not a further {@code WITH} element under a
 * {@code SELECT count(*)}) returns no rows: 5–32 µs less of the backend's CPU per write in three runs (about a
 * third of the text's overhead over the bare write; noisy), less client work. The application's parameters keep their positions' values (bound
 * again, the three journal values after them); only values the driver binds the same way
 * through {@code setObject} qualify (no SQL {@code NULL}: its type would be lost, no converting setter, no stream).
 * An {@code INSERT} whose key the database generates ({@link TableEffect.GeneratedKeyImages}, the application not
 * asking for keys) returns that key instead ({@code RETURNING "<key>" AS doltsync_key}), and the payload is the
 * entry built with {@link #GENERATED_KEY_PLACEHOLDER} as the key, its eight bytes overlaid with the returned key
 * ({@code overlay(?::bytea placing int8send((SELECT doltsync_key FROM doltsync_write)::int8) from ?)}); MariaDB's
 * block splices the key from its saved {@code LAST_INSERT_ID()} instead ({@link #mariaDbBlock}).
 * Everything else goes the usual way: statement, then journal insert and commit.
 */
public final class OneTripWrite {

  private static final Logger LOG = DoltSyncLoggers.get(OneTripWrite.class);

  private static final Pattern RETURNING_OR_WITH = Pattern.compile("(?is).*\\b(returning|with)\\b.*");

  private final JournalTable journal;

  OneTripWrite(JournalTable journal) {
    this.journal = journal;
  }

  /**
   * What one qualifying execution is: its effect (an {@link TableEffect.UpdatedImages} or
   * {@link TableEffect.InsertedImages}), the rows it must change for its images to hold, and its text.
   */
  record Candidate(WritePlan plan, TableEffect effect, Object[] parameters, int expectedRows, String sql, Form form,
      boolean plain, boolean ignoring) {}

  /**
   * What {@link #run} returns when the MariaDB block rolled the statement back (its journal entry with it) so that
   * it runs again the usual way: it raised warnings (the usual way's reach the application as the raw driver's do;
   * the block itself ends with statements of its own, which would replace them), or it changed neither all the
   * rows its images describe nor none (an ignoring insert that inserted some of its rows).
   */
  static final long ROLLED_BACK = -1;

  /** How the statement and its journal insert become one statement on this primary. */
  enum Form { POSTGRESQL, MARIADB }

  /** MariaDB's parse error: a server that does not read the compound statement ({@code sql_mode=ORACLE}). */
  private static final int MARIADB_PARSE_ERROR = 1064;

  /** Set when this session's MariaDB server refused the compound statement: its writes go the usual way. */
  private boolean mariaDbRefused;

  /**
   * The execution as a one-trip candidate, or {@code null} when it must go the usual way: not a single
   * execution of a plain prepared INSERT or UPDATE whose effect the statement determines, values that cannot be
   * bound again exactly, a text that already returns rows or has a {@code WITH}, another primary or driver.
   */
  Candidate candidate(Connection connection, WriteRequest request, String sql) throws SQLException {
    Object[] parameters = request.parameters().get(0);
    boolean plain = !(request.statement() instanceof PreparedStatement);
    if (sql == null || request.plans().size() != 1 || parameters == null
        || plain && parameters.length != 0 || request.statement() instanceof CallableStatement
        || !(request.plans().get(0) instanceof WritePlan plan) || plan.schemaChange() || plan.effects().size() != 1
        || (plan.kind() != StatementKind.INSERT && plan.kind() != StatementKind.UPDATE)) {
      return null;
    }
    int expected;
    TableEffect effect = plan.effects().get(0);
    if (request.keys() != null && !(effect instanceof TableEffect.GeneratedKeyImages)) {
      return null; // keys the application asked for (a generated key's row: asked for by the capture alone)
    }
    boolean ignoring = false;
    if (effect instanceof TableEffect.IgnoringInsert ignore && plan.kind() == StatementKind.INSERT) {
      effect = ignore.images();
      ignoring = true;
    }
    if (effect instanceof TableEffect.UpdatedImages && plan.kind() == StatementKind.UPDATE) {
      expected = 1;
    } else if (effect instanceof TableEffect.InsertedImages inserted && plan.kind() == StatementKind.INSERT) {
      expected = inserted.rows().size();
    } else if (effect instanceof TableEffect.GeneratedKeyImages && plan.kind() == StatementKind.INSERT) {
      expected = 1;
    } else {
      return null;
    }
    if (!rebindable(parameters)) {
      return null;
    }
    String text = text(sql, plain);
    if (text == null) {
      return null;
    }
    Form form = form(connection, request, plain);
    if (form == null || ignoring && form != Form.MARIADB) {
      return null; // PostgreSQL's one statement cannot take back an ON CONFLICT DO NOTHING that skipped some rows
    }
    return new Candidate(plan, effect, parameters, expected, text, form, plain, ignoring);
  }

  /**
   * {@link #plainStatementText} or {@link #statementText} of the text, kept for the last text seen: a session
   * repeats one prepared text (a regular expression over the whole text, per execution, took ~4% of the client's
   * CPU samples of a lone auto-commit write).
   */
  private String text(String sql, boolean plain) {
    if (plain != lastPlain || !sql.equals(lastSql)) {
      lastText = plain ? plainStatementText(sql) : statementText(sql);
      lastSql = sql;
      lastPlain = plain;
    }
    return lastText;
  }

  /** The last text {@link #text(String, boolean)} read, how, and its answer (one thread at a time). */
  private String lastSql;
  private boolean lastPlain;
  private String lastText;

  /**
   * PostgreSQL through pgjdbc; MariaDB through MariaDB Connector/J with client-side prepared statements (the
   * driver puts the values into the text; a server-side prepared statement cannot hold a compound statement) and
   * no query timeout (the driver prefixes the text with {@code SET STATEMENT max_statement_time=... FOR}, which a
   * compound statement does not take); else {@code null}.
   */
  private Form form(Connection connection, WriteRequest request, boolean plain) throws SQLException {
    if (journal.isPostgresqlThroughPgjdbc(connection)) {
      return Form.POSTGRESQL;
    }
    if (!mariaDbRefused && journal.isMariaDb(connection)
        && (plain ? "org.mariadb.jdbc.Statement" : "org.mariadb.jdbc.ClientPreparedStatement")
            .equals(request.statement().getClass().getName())
        && request.statement().getQueryTimeout() == 0) {
      return Form.MARIADB;
    }
    return null;
  }

  /**
   * Whether every value is one that pgjdbc (or MariaDB Connector/J) binds through {@code setObject} exactly as through the setter the
   * application used (recorded plainly: no converting setter, no stream; no SQL {@code NULL}, whose declared
   * type would be lost).
   */
  static boolean rebindable(Object[] parameters) {
    for (Object value : parameters) {
      if (value == null || !REBINDABLE.contains(value.getClass())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The classes pgjdbc's {@code setObject} binds as the setter of that class does ({@code setString},
   * {@code setInt}, ..., {@code setTimestamp} without a calendar), or that only {@code setObject} records.
   */
  private static final java.util.Set<Class<?>> REBINDABLE = java.util.Set.of(String.class, Integer.class,
      Long.class, Short.class, Byte.class, java.math.BigDecimal.class, Boolean.class, byte[].class, Double.class,
      Float.class, java.sql.Timestamp.class, java.sql.Date.class, java.sql.Time.class, java.time.LocalDateTime.class,
      java.time.LocalDate.class, java.time.LocalTime.class, java.time.OffsetDateTime.class, java.util.UUID.class);

  /**
   * The statement's text without trailing semicolons and blanks, when it starts with INSERT or UPDATE and says
   * neither RETURNING nor WITH anywhere (also in a literal or comment: a conservative test); else {@code null}.
   */
  static String statementText(String sql) {
    int end = sql.length();
    while (end > 0 && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) {
      end--;
    }
    String text = sql.substring(0, end).strip();
    String head = text.length() < 6 ? "" : text.substring(0, 6).toUpperCase(Locale.ROOT);
    if (!head.equals("INSERT") && !head.equals("UPDATE") || text.indexOf(';') >= 0
        || RETURNING_OR_WITH.matcher(text).matches()) {
      return null;
    }
    return text;
  }

  /**
   * The text of a plain {@link java.sql.Statement}'s write, embedded as written in the one-trip text, when
   * {@link #statementText} takes it and nothing in it could read differently there: no {@code ?} (a driver may
   * take it for a placeholder), no backslash (its meaning follows {@code NO_BACKSLASH_ESCAPES} or
   * {@code standard_conforming_strings}, and the driver's own parse of the text follows the same settings), no
   * comment ({@code --}, {@code #}, {@code /*}: one could swallow what follows the text), no JDBC escape
   * ({@code {fn ...}}, which the driver rewrites) and no dollar quote; each test looks at the whole text,
   * literals included (conservative). Else {@code null}: the usual way.
   */
  static String plainStatementText(String sql) {
    String text = statementText(sql);
    if (text == null) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '?' || c == '\\' || c == '#' || c == '{' || c == '}' || c == '$'
          || (c == '-' || c == '/') && i + 1 < text.length() && text.charAt(i + 1) == (c == '-' ? '-' : '*')) {
        return null;
      }
    }
    return text;
  }

  /**
   * True when the capture holds nothing but the statement-determined images of keyed rows, so the entry
   * built from it needs no read on the primary.
   */
  static boolean onlyKnownImages(TransactionCapture capture) {
    if (capture.isEmpty()) {
      return false;
    }
    for (TransactionCapture.TableTouch touch : capture.touched()) {
      if (touch.isWholeTable() || touch.isSchemaChanged() || !touch.keys().isEmpty()
          || !touch.insertedRows().isEmpty() || !touch.removedRows().isEmpty() || touch.knownImages().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Runs the candidate with its journal entry as one statement on the connection (in auto-commit mode, so it
   * commits when it succeeds; the application statement's query timeout, and its {@code cancel()}, apply) and
   * returns the statement's update count; the entry committed exactly when that count equals
   * {@link Candidate#expectedRows()}.
   */
  long run(Connection connection, Candidate candidate, JournalEntry entry, byte[] payload, StatementSettings settings)
      throws SQLException {
    return run(connection, candidate, entry, payload, -1, settings);
  }

  /**
   * The placeholder a {@link TableEffect.GeneratedKeyImages} row's key holds in the entry built for the block: the
   * block replaces its eight bytes in the payload ({@code keySlot} of {@link #run(Connection, Candidate, JournalEntry,
   * byte[], int, StatementSettings)}, found by {@link JournalTable#generatedKeySlot}) with the key the statement
   * generated, so the entry holds the row as the primary stored it.
   */
  static final long GENERATED_KEY_PLACEHOLDER = 0x7D01_75C0_1D5E_4E7BL;

  /**
   * {@link #run(Connection, Candidate, JournalEntry, byte[], StatementSettings)}; a {@code keySlot} that is not
   * negative (MariaDB only) is where the payload holds {@link #GENERATED_KEY_PLACEHOLDER}, replaced in the block by
   * the key the statement generated ({@code LAST_INSERT_ID()} right after it, which the block saves anyway).
   */
  long run(Connection connection, Candidate candidate, JournalEntry entry, byte[] payload, int keySlot,
      StatementSettings settings) throws SQLException {
    boolean postgresql = candidate.form() == Form.POSTGRESQL;
    if (candidate.plain()) {
      return runPlain(connection, candidate, entry, payload, keySlot, settings);
    }
    if (postgresql && settings.isDefault()) {
      return runKept(connection, candidate, entry, payload, keySlot, settings);
    }
    try (PreparedStatement statement = connection.prepareStatement(
        postgresql ? text(candidate) : mariaDbBlock(candidate, entry, payload, keySlot))) {
      Object[] parameters = candidate.parameters();
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      if (postgresql) {
        statement.setString(parameters.length + 1, entry.transactionId());
        statement.setString(parameters.length + 2, entry.instance());
        statement.setBytes(parameters.length + 3, payload);
        if (keySlot >= 0) {
          statement.setInt(parameters.length + 4, keySlot + 1);
        }
      }
      settings.applyTo(statement);
      try {
        if (postgresql) {
          return writeCount(statement.executeUpdate(), candidate);
        }
        return mariaDbOutcome(connection, runMariaDb(connection, statement, null), candidate);
      } finally {
        settings.finished(statement);
      }
    }
  }

  /**
   * PostgreSQL: runs the one-trip text through the prepared statement this session keeps for it
   * ({@link KeptStatement}), prepared again when the text changes. Only for a statement whose settings are the
   * defaults (a kept statement would keep a query timeout); a statement that failed is closed and not kept.
   */
  private long runKept(Connection connection, Candidate candidate, JournalEntry entry, byte[] payload, int keySlot,
      StatementSettings settings) throws SQLException {
    PreparedStatement statement = kept.of(connection, text(candidate));
    boolean succeeded = false;
    try {
      Object[] parameters = candidate.parameters();
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.setString(parameters.length + 1, entry.transactionId());
      statement.setString(parameters.length + 2, entry.instance());
      statement.setBytes(parameters.length + 3, payload);
      if (keySlot >= 0) {
        statement.setInt(parameters.length + 4, keySlot + 1);
      }
      settings.applyTo(statement);
      long count;
      try {
        count = writeCount(statement.executeUpdate(), candidate);
      } finally {
        settings.finished(statement);
      }
      succeeded = true;
      return count;
    } finally {
      if (!succeeded) {
        kept.close();
      }
    }
  }

  /** The prepared statement {@link #runKept} keeps for this session's last PostgreSQL one-trip text. */
  private final KeptStatement kept = new KeptStatement();

  /** Closes the statement this session keeps (the connection closes). */
  void close() {
    kept.close();
  }

  /**
   * A plain statement's write: the one-trip text holds every value (the journal's as hex literals), runs
   * through a plain statement, as the application's did, and binds nothing.
   */
  private long runPlain(Connection connection, Candidate candidate, JournalEntry entry, byte[] payload, int keySlot,
      StatementSettings settings) throws SQLException {
    String text = candidate.form() == Form.POSTGRESQL ? plainText(candidate, entry, payload, keySlot)
        : mariaDbBlock(candidate, entry, payload, keySlot);
    try (java.sql.Statement statement = connection.createStatement()) {
      settings.applyTo(statement);
      try {
        if (candidate.form() == Form.POSTGRESQL) {
          return writeCount(statement.executeUpdate(text), candidate);
        }
        return mariaDbOutcome(connection, runMariaDb(connection, statement, text), candidate);
      } finally {
        settings.finished(statement);
      }
    }
  }

  /**
   * PostgreSQL: the write's update count from the one-trip statement's, its journal insert's (1: the write changed
   * the rows its images describe; 0: none; the statement fails on any other count).
   */
  private static long writeCount(int journalRows, Candidate candidate) {
    return journalRows == 1 ? candidate.expectedRows() : 0;
  }

  /**
   * Runs the MariaDB block ({@code text}, or the prepared one when {@code null}) and returns its affected rows. An
   * error leaves the block with its transaction open (it has no handler): it is rolled back here, before the error
   * goes on unchanged, the statement's own (SQLState, code, message).
   */
  private long runMariaDb(Connection connection, java.sql.Statement statement, String text) throws SQLException {
    try {
      return text == null ? ((PreparedStatement) statement).executeLargeUpdate() : statement.executeLargeUpdate(text);
    } catch (SQLException e) {
      if (e.getErrorCode() == MARIADB_PARSE_ERROR) {
        mariaDbRefused = true; // e.g. sql_mode=ORACLE: nothing ran; this session's writes go the usual way
      }
      rollbackQuietly(connection, e);
      throw e;
    }
  }

  /** Rolls back what an interrupted block left open; a failure to do so joins {@code cause}. */
  private static void rollbackQuietly(Connection connection, SQLException cause) {
    try (java.sql.Statement rollback = connection.createStatement()) {
      rollback.execute("ROLLBACK");
    } catch (SQLException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * What the MariaDB block did, from its reply: the affected rows it reports add up those of the statement and of
   * the journal insert, so the statement's expected rows plus one mean both ran and committed (a statement changes
   * at most its expected rows: a plain {@code INSERT} all of them or none, an {@code UPDATE} pinning every key column
   * one at most); a warning count means the statement raised warnings and was rolled back ({@link #ROLLED_BACK}, the
   * warnings read only then); zero means it changed nothing and committed; any other count that it was rolled back
   * ({@link #ROLLED_BACK}).
   */
  private static long mariaDbOutcome(Connection connection, long affected, Candidate candidate)
      throws SQLException {
    if (affected == candidate.expectedRows() + 1L) {
      return candidate.expectedRows();
    }
    if (connection.getWarnings() != null) {
      return ROLLED_BACK; // MariaDB Connector/J asks the server (SHOW WARNINGS) only when the reply counted some
    }
    if (affected != 0 && !candidate.ignoring()) {
      LOG.error("a one-trip write changed {} rows where its journal entry describes {} (rolled back, run again the"
          + " usual way): {}", affected, candidate.expectedRows(), candidate.sql());
    }
    return affected == 0 ? 0 : ROLLED_BACK;
  }

  /**
   * MariaDB: the application's statement, its journal insert when it changed the rows the images describe, and
   * the commit, as one compound statement in a transaction of its own, with nothing the server must build for each
   * execution beyond its instructions (no handler, no result set; each measured with {@code JournalRowCost}) but the
   * one variable that keeps the session's {@code LAST_INSERT_ID()} over the journal insert (the journal row's
   * generated id would replace the value the application reads after its statement):
   * <pre>
   * BEGIN NOT ATOMIC DECLARE doltsync_lid BIGINT UNSIGNED; START TRANSACTION; &lt;the statement&gt;
   * ; IF @@warning_count &gt; 0 THEN ROLLBACK;
   *   ELSEIF ROW_COUNT() = &lt;rows&gt; THEN SET doltsync_lid = LAST_INSERT_ID(); &lt;journal insert&gt;;
   *     DO LAST_INSERT_ID(doltsync_lid); COMMIT;
   *   ELSEIF ROW_COUNT() = 0 THEN COMMIT; ELSE ROLLBACK; END IF; END
   * </pre>
   * {@code ROW_COUNT()} counts what the driver's update count counts (found rows under Connector/J's default,
   * changed rows with {@code useAffectedRows}); a matched row left unchanged is journaled with the image it has, as
   * on the usual path. The reply's affected rows add up the statement's and the journal insert's, and its warning
   * count is the statement's (a {@code ROLLBACK} keeps it): {@link #mariaDbOutcome} reads both. A statement that
   * raised warnings is rolled back so that it runs again the usual way, whose warnings reach the application as the
   * raw driver's do; so is an {@code INSERT IGNORE} that inserted some of its rows (it raised a warning for each
   * ignored one) and any statement that changed neither its rows nor none. An error (the statement's or the journal
   * insert's) leaves the block before any {@code COMMIT}: {@link #runMariaDb} rolls back.
   */
  private String mariaDbBlock(Candidate candidate, JournalEntry entry, byte[] payload, int keySlot) {
    BlockHead known = blockHead;
    if (known == null || known.expectedRows() != candidate.expectedRows() || !known.sql().equals(candidate.sql())) {
      known = new BlockHead(candidate.sql(), candidate.expectedRows(), "BEGIN NOT ATOMIC "
          + JournalTable.mariaDbInsertDeclaration() + "START TRANSACTION; " + candidate.sql() + "\n; IF @@warning_count > 0 THEN ROLLBACK; ELSEIF ROW_COUNT() = "
          + candidate.expectedRows() + " THEN ");
      blockHead = known;
    }
    StringBuilder block = blockBuffer;
    block.setLength(0);
    block.ensureCapacity(known.text().length() + journal.mariaDbInsertLength(entry, payload) + BLOCK_TAIL.length());
    block.append(known.text());
    journal.appendMariaDbInsert(block, entry, payload, keySlot);
    String text = block.append(BLOCK_TAIL).toString();
    if (block.capacity() > KEPT_BLOCK_CHARS) {
      blockBuffer = new StringBuilder(2048); // a large entry's text is not kept
    }
    return text;
  }

  /** The buffer {@link #mariaDbBlock} builds its text in, kept for the session's next write (one thread at a time). */
  private StringBuilder blockBuffer = new StringBuilder(2048);

  /** The largest buffer {@link #mariaDbBlock} keeps between writes. */
  private static final int KEPT_BLOCK_CHARS = 16 * 1024;

  private static final String BLOCK_TAIL =
      "; COMMIT; ELSEIF ROW_COUNT() = 0 THEN COMMIT; ELSE ROLLBACK; END IF; END";

  /**
   * The text of {@link #mariaDbBlock} up to its journal insert, for one statement text and row count: a session
   * that repeats a write (the common case: one prepared text) builds it once.
   */
  private record BlockHead(String sql, int expectedRows, String text) {}

  /** The last block head built (a session runs on one thread at a time). */
  private BlockHead blockHead;

  /**
   * Whether the one-trip statement failed while the server analysed it (SQLState class 42, syntax or access
   * rule, or 0A, not supported): nothing ran and no lock was taken, and the error's position refers to the
   * combined text, so the statement is run again the usual way for the raw driver's own error. Errors found
   * while running (data, integrity, lock, deadlock, timeout, cancel) are the statement's own and reach the
   * application as they are.
   */
  static boolean failedBeforeRunning(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("42") || state.startsWith("0A");
  }

  private String text(Candidate candidate) {
    BlockHead known = pgText;
    String key = generatedKey(candidate);
    String sql = key == null ? candidate.sql() : candidate.sql() + "\0" + key; // the key's name is in the text
    if (known == null || known.expectedRows() != candidate.expectedRows() || !known.sql().equals(sql)) {
      known = new BlockHead(sql, candidate.expectedRows(), text(candidate, "?::text", "?::text",
          key == null ? "?::bytea" : spliced(candidate, "?::bytea", "?::int")));
      pgText = known;
    }
    return known.text();
  }

  /** The key column a {@link TableEffect.GeneratedKeyImages} candidate's statement leaves to the database, else null. */
  private static String generatedKey(Candidate candidate) {
    return candidate.effect() instanceof TableEffect.GeneratedKeyImages generated
        ? generated.table().columns().get(generated.keyIndex()).name() : null;
  }

  /**
   * PostgreSQL: the payload with the eight bytes at {@code position} (1-based) replaced by the key the statement
   * generated, as {@link io.doltsync.internal.journal.JournalCodec} writes a {@code long}: the write returns it.
   */
  private static String spliced(Candidate candidate, String payload, String position) {
    return "overlay(" + payload + " placing int8send((SELECT doltsync_key FROM doltsync_write)::int8) from "
        + position + ")";
  }

  /** The last PostgreSQL one-trip text with placeholders built (the same for every execution of one statement). */
  private BlockHead pgText;

  /** PostgreSQL's one-trip text for a plain statement: the journal values as hex, nothing to quote or escape. */
  private String plainText(Candidate candidate, JournalEntry entry, byte[] payload, int keySlot) {
    String bytes = "decode('" + hex(payload) + "', 'hex')";
    return text(candidate, "convert_from(decode('" + hex(entry.transactionId().getBytes(UTF_8)) + "', 'hex'), 'UTF8')",
        "convert_from(decode('" + hex(entry.instance().getBytes(UTF_8)) + "', 'hex'), 'UTF8')",
        keySlot < 0 ? bytes : spliced(candidate, bytes, Integer.toString(keySlot + 1)));
  }

  private static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }

  private String text(Candidate candidate, String txn, String instance, String payload) {
    // the journal insert runs after the write took its row locks: the count (an InitPlan, the one-time filter over
    // doltsync_order) reads all of doltsync_write first; only then, and only when the count is the expected one, it
    // takes the journal order lock in shared mode (JournalOrderLock) reading doltsync_order, so no copy's read
    // falls between this write and its commit. A count other than 0 or the expected one cannot be cast to boolean:
    // the statement fails (SQLState 22P02, its message naming the count) and the write is rolled back with it
    long expected = candidate.expectedRows();
    String key = generatedKey(candidate);
    String returning = key == null ? "1" : "\"" + key.replace("\"", "\"\"") + "\" AS doltsync_key";
    return "WITH doltsync_write AS (" + candidate.sql() + "\nRETURNING " + returning + "), "
        + journal.orderLock().sharedCte()
        + " INSERT INTO " + journal.quotedName() + " (txn, chunk, chunks, instance, payload)"
        + " SELECT " + txn + ", 0, 1, " + instance + ", " + payload + " FROM doltsync_order"
        + " WHERE CASE (SELECT count(*) FROM doltsync_write) WHEN " + expected + " THEN true WHEN 0 THEN false"
        + " ELSE CAST('doltsync: a write expected to change " + expected + " rows or none changed '"
        + " || (SELECT count(*) FROM doltsync_write) AS boolean) END";
  }
}
