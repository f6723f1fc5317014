package io.doltsync.internal.versioning;

import io.doltsync.internal.jdbc.wrapper.DoltResult;
import io.doltsync.internal.jdbc.wrapper.StatementSettings;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.sql.SqlDialect;
import io.doltsync.sql.StatementClassifier;
import io.doltsync.sql.StatementKind;
import io.doltsync.sql.lex.StringLiterals;
import io.doltsync.sql.lex.TokenType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;

/**
 * One doltsync connection's versioning SQL: runs the statements routed to Dolt, and brings back the
 * 2020 Dolt API on today's Dolt (the {@code DOLT_COMMIT()}, {@code COMMIT()} and {@code MERGE()}
 * functions, the settable {@code @@<db>_head} detached head, the writable {@code dolt_branches}).
 *
 * <p>What a statement does, in order of precedence:
 * <ol>
 *   <li>{@code DOLT_COMMIT()}, {@code COMMIT()} and {@code MERGE()} calls anywhere in it run first and are
 *       replaced by the hashes they return ({@link VersionFunctionExpander}); {@code SELECT <call>} alone
 *       returns that hash in a column {@code hash};</li>
 *   <li>{@code CALL DOLT_COMMIT(...)} commits the current primary transaction ({@link VersionCommands});</li>
 *   <li>{@code SET @@<db>_head = ...} moves or clears the detached head ({@link DetachedHead});</li>
 *   <li>{@code INSERT/UPDATE/DELETE dolt_branches} create, move (compare-and-swap) and delete branches
 *       ({@link BranchTable});</li>
 *   <li>everything else runs on Dolt as written, after {@link MirroredBranchGuard} checked it does not write
 *       the mirrored branch: by its real verb, behind WITH and EXPLAIN, inside the text of an SQL-level
 *       {@code PREPARE} (checked again at {@code EXECUTE}), statement by statement in a multi-statement text.</li>
 * </ol>
 *
 * <p>A multi-statement text in which a statement needs one of the rewrites above (e.g.
 * {@code CALL DOLT_COMMIT('-m', 'x'); DROP TABLE t}) is a syntax error (SQLState 42000): the rest of the
 * text is never silently dropped.
 *
 * <p>Not thread-safe: one session serves one connection.
 */
public final class VersioningSession implements AutoCloseable {

  private static final Logger LOG = DoltSyncLoggers.get(VersioningSession.class);
  private static final StatementClassifier CLASSIFIER = new StatementClassifier(SqlDialect.MYSQL);

  private final DoltConnectionSource dolt;
  private final String database;
  private final DetachedHead head;
  private final MirroredBranchGuard guard;
  private final VersionCommands commands;
  private final VersionFunctionExpander functions;
  private final BranchRefs branchRefs;
  private final BranchTable branchTable;
  private final String mirroredBranch;
  /** The texts of this session's SQL-level {@code PREPARE}s by statement name (lower case). */
  private final Map<String, SqlText> preparedTexts = new HashMap<>();
  private Connection connection;

  public VersioningSession(DoltConnectionSource dolt, String database, String mirroredBranch,
      PrimaryTransactions primary) {
    this.dolt = dolt;
    this.database = database;
    this.mirroredBranch = mirroredBranch;
    this.branchRefs = new BranchRefs(dolt, database);
    this.head = new DetachedHead(database, mirroredBranch, branchRefs);
    this.guard = new MirroredBranchGuard(database, mirroredBranch);
    this.commands = new VersionCommands(mirroredBranch, primary, head);
    this.functions = new VersionFunctionExpander(database, commands);
    this.branchTable = new BranchTable(guard, branchRefs);
  }

  /** This session's Dolt connection, opened on first use (and put back on the detached head after a reconnect). */
  public Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = dolt.open();
      head.reenter(connection);
    }
    return connection;
  }

  /**
   * Runs a statement on Dolt.
   *
   * @param prepared the statement already prepared on {@link #connection()} with its values bound, or
   *                 {@code null} for SQL text
   * @return the outcome, or {@code null} when the caller should simply execute {@code prepared}
   */
  public DoltResult execute(String sql, List<Object> parameters, PreparedStatement prepared) throws SQLException {
    return execute(sql, parameters, prepared, StatementSettings.DEFAULTS);
  }

  /**
   * Runs a statement on Dolt; a statement opened on Dolt to run it gets the application statement's
   * {@code settings} (query timeout, max rows, fetch size) and can be cancelled through them.
   */
  public DoltResult execute(String sql, List<Object> parameters, PreparedStatement prepared,
      StatementSettings settings) throws SQLException {
    Connection dolt = connection();
    SqlText text = SqlText.of(sql, parameters == null ? List.of() : parameters);
    DoltHostFileWrites.refuse(text);
    List<SqlText> statements = text.statements();
    if (statements.size() > 1) {
      return multiStatement(dolt, text, statements, prepared, settings);
    }
    ResultSet callResult = functions.selectOfOneCall(dolt, text);
    if (callResult != null) {
      return DoltResult.of(callResult);
    }
    SqlText expanded = functions.expand(dolt, text);
    PreparedStatement runnable = expanded == text ? prepared : null;
    ProcedureCall call = ProcedureCall.parse(expanded);
    if (call != null) {
      return procedure(dolt, call, expanded, runnable, settings);
    }
    HeadAssignment assignment = HeadAssignment.parse(expanded, database);
    if (assignment != null) {
      assignHead(dolt, assignment);
      return DoltResult.count(0);
    }
    BranchTableWrite branchWrite = BranchTableParser.parse(expanded, database);
    if (branchWrite != null) {
      return DoltResult.count(branchTable.execute(dolt, branchWrite));
    }
    StatementKind kind = kindOf(expanded);
    check(dolt, position(dolt), expanded, kind);
    DoltResult result = run(dolt, expanded, runnable, settings);
    if (kind == StatementKind.USE || (kind == StatementKind.SET && setsHeadRef(expanded))) {
      head.followSession(dolt);
    }
    return result;
  }

  /**
   * A text of several statements runs on Dolt as written, each statement checked by the guard; once one
   * may have moved the session (USE, SET, CALL, EXECUTE), the next ones are checked as if on the mirrored
   * branch. Statements doltsync rewrites must stand alone.
   */
  private DoltResult multiStatement(Connection dolt, SqlText text, List<SqlText> statements, PreparedStatement prepared,
      StatementSettings settings) throws SQLException {
    for (SqlText statement : statements) {
      String rewritten = rewrittenForm(statement);
      if (rewritten != null) {
        throw new SQLSyntaxErrorException("doltsync runs " + rewritten + " itself, so it must be the only statement"
            + " of its text; found more statements in: " + text.sql(), MirroredBranchGuard.SQL_STATE);
      }
    }
    SessionPosition position = position(dolt);
    boolean moves = false;
    for (SqlText statement : statements) {
      StatementKind kind = kindOf(statement);
      check(dolt, position, statement, kind);
      if (kind == StatementKind.USE || kind == StatementKind.SET || kind == StatementKind.CALL
          || kind == StatementKind.OTHER) {
        moves = true;
        position = SessionPosition.onBranch(database, mirroredBranch);
      }
    }
    DoltResult result = run(dolt, text, prepared, settings);
    if (moves) {
      head.followSession(dolt);
    }
    return result;
  }

  /** What doltsync rewrites in a statement ({@code CALL DOLT_COMMIT}, {@code COMMIT()}, ...), or null. */
  private String rewrittenForm(SqlText statement) throws SQLException {
    if (!VersionFunctionCall.find(statement).isEmpty()) {
      return VersionFunctionCall.find(statement).get(0).function() + "()";
    }
    ProcedureCall call = ProcedureCall.parse(statement);
    if (call != null && call.name().equals("dolt_commit")) {
      return "CALL DOLT_COMMIT(...)";
    }
    if (HeadAssignment.parse(statement, database) != null) {
      return "SET @@" + database + "_head";
    }
    return BranchTableParser.parse(statement, database) != null ? "a write to dolt_branches" : null;
  }

  /** Refuses a statement that would write the mirrored branch (see {@link MirroredBranchGuard}). */
  private void check(Connection dolt, SessionPosition position, SqlText statement, StatementKind kind)
      throws SQLException {
    SqlText.Token verb = statement.token(0);
    if (verb.isWord("PREPARE")) {
      prepare(dolt, position, statement);
      return;
    }
    if (verb.isWord("EXECUTE")) {
      SqlText preparedText = preparedTexts.get(statement.token(1).name().toLowerCase(Locale.ROOT));
      if (preparedText == null) {
        guard.checkUnknown(statement);
      } else {
        checkEach(dolt, position, preparedText);
      }
      return;
    }
    if (verb.isWord("DEALLOCATE") || (verb.isWord("DROP") && statement.token(1).isWord("PREPARE"))) {
      preparedTexts.remove(statement.token(2).name().toLowerCase(Locale.ROOT));
      return;
    }
    switch (kind) {
      case SELECT, SHOW, DESCRIBE, EXPLAIN, SET, USE, BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ROLLBACK_TO_SAVEPOINT,
          RELEASE_SAVEPOINT, LOCK, UNLOCK -> { }
      case CALL -> {
        ProcedureCall call = ProcedureCall.parse(statement);
        if (call == null) {
          guard.checkUnknown(statement);
        } else {
          guard.checkProcedure(dolt, position, call);
        }
      }
      case OTHER -> guard.checkUnknown(statement);
      default -> guard.checkWrite(position, statement);
    }
  }

  /** {@code PREPARE name FROM '<text>'}: the text is checked now and at each EXECUTE; from a variable, it is unknown. */
  private void prepare(Connection dolt, SessionPosition position, SqlText statement) throws SQLException {
    String name = statement.token(1).name().toLowerCase(Locale.ROOT);
    SqlText.Token source = statement.token(3);
    preparedTexts.remove(name);
    if (!statement.token(2).isWord("FROM") || source.type() != TokenType.STRING
        || !statement.token(4).endsStatement()) {
      return; // PREPARE from a variable: its EXECUTE is refused on every branch
    }
    SqlText preparedText = SqlText.of(StringLiterals.value(source.text(), SqlDialect.MYSQL));
    DoltHostFileWrites.refuse(preparedText);
    checkEach(dolt, position, preparedText);
    preparedTexts.put(name, preparedText);
  }

  private void checkEach(Connection dolt, SessionPosition position, SqlText text) throws SQLException {
    for (SqlText statement : text.statements()) {
      check(dolt, position, statement, kindOf(statement));
    }
  }

  private static StatementKind kindOf(SqlText statement) {
    return CLASSIFIER.classifyCached(statement.sql()).kind();
  }

  /** True while the connection is on a detached head: all its statements then go to {@link #execute}. */
  public boolean isDetached() {
    return head.isDetached();
  }

  /** Leaves the detached head (deleting its hidden branch) and closes the session's Dolt connections. */
  @Override
  public void close() throws SQLException {
    try (Connection session = connection; BranchRefs refs = branchRefs) {
      if (session != null && !session.isClosed()) {
        head.clear(session);
      } else {
        head.abandon();
      }
    } finally {
      connection = null;
    }
  }

  private DoltResult procedure(Connection dolt, ProcedureCall call, SqlText text, PreparedStatement prepared,
      StatementSettings settings) throws SQLException {
    if (call.name().equals("dolt_commit")) {
      List<String> arguments = Expressions.evaluate(dolt, call.arguments());
      return DoltResult.of(SyntheticResults.singleValue(SyntheticResults.HASH, commands.doltCommit(dolt, arguments)));
    }
    guard.checkProcedure(dolt, position(dolt), call);
    DoltResult result = run(dolt, text, prepared, settings);
    if (call.name().equals("dolt_checkout")) {
      head.followSession(dolt);
    }
    return result;
  }

  private void assignHead(Connection dolt, HeadAssignment assignment) throws SQLException {
    String commit = assignment.value() == null ? null : Expressions.evaluate(dolt, assignment.value());
    if (commit == null) {
      head.clear(dolt);
    } else {
      head.moveTo(dolt, commit);
    }
    LOG.debug("@@{}_head set to {}", database, commit);
  }

  private SessionPosition position(Connection dolt) {
    return head.isDetached() ? SessionPosition.onBranch(database, head.branch()) : SessionPosition.of(dolt, database);
  }

  /** Runs the text on Dolt, or leaves it to the caller, who holds it prepared with its values bound. */
  private static DoltResult run(Connection dolt, SqlText text, PreparedStatement prepared,
      StatementSettings settings) throws SQLException {
    return prepared != null ? null : SqlRunner.execute(dolt, text, settings);
  }

  private static boolean setsHeadRef(SqlText text) {
    for (int i = 0; i < text.size(); i++) {
      SqlText.Token token = text.token(i);
      if (token.type() == TokenType.SYSTEM_VARIABLE && token.text().toLowerCase(Locale.ROOT).endsWith("_head_ref")) {
        return true;
      }
    }
    return false;
  }
}
