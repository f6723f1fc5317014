package io.doltsync.versioning;

import io.doltsync.jdbc.wrapper.DoltResult;
import io.doltsync.sql.SqlDialect;
import io.doltsync.sql.StatementClassifier;
import io.doltsync.sql.StatementKind;
import io.doltsync.sql.lex.TokenType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *       the mirrored branch.</li>
 * </ol>
 *
 * <p>Not thread-safe: one session serves one connection.
 */
public final class VersioningSession implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VersioningSession.class);
  private static final StatementClassifier CLASSIFIER = new StatementClassifier(SqlDialect.MYSQL);

  private final DoltConnectionSource dolt;
  private final String database;
  private final DetachedHead head;
  private final MirroredBranchGuard guard;
  private final VersionCommands commands;
  private final VersionFunctionExpander functions;
  private final BranchRefs branchRefs;
  private final BranchTable branchTable;
  private Connection connection;

  public VersioningSession(DoltConnectionSource dolt, String database, String mirroredBranch,
      PrimaryTransactions primary) {
    this.dolt = dolt;
    this.database = database;
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
    Connection dolt = connection();
    SqlText text = SqlText.of(sql, parameters == null ? List.of() : parameters);
    ResultSet callResult = functions.selectOfOneCall(dolt, text);
    if (callResult != null) {
      return DoltResult.of(callResult);
    }
    SqlText expanded = functions.expand(dolt, text);
    PreparedStatement runnable = expanded == text ? prepared : null;
    ProcedureCall call = ProcedureCall.parse(expanded);
    if (call != null) {
      return procedure(dolt, call, expanded, runnable);
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
    StatementKind kind = CLASSIFIER.classify(expanded.sql()).kind();
    if (kind.isWrite()) {
      guard.checkWrite(position(dolt), expanded);
    }
    DoltResult result = run(dolt, expanded, runnable);
    if (kind == StatementKind.USE || (kind == StatementKind.SET && setsHeadRef(expanded))) {
      head.followSession(dolt);
    }
    return result;
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

  private DoltResult procedure(Connection dolt, ProcedureCall call, SqlText text, PreparedStatement prepared)
      throws SQLException {
    if (call.name().equals("dolt_commit")) {
      List<String> arguments = Expressions.evaluate(dolt, call.arguments());
      return DoltResult.of(SyntheticResults.singleValue(SyntheticResults.HASH, commands.doltCommit(dolt, arguments)));
    }
    guard.checkProcedure(dolt, position(dolt), call);
    DoltResult result = run(dolt, text, prepared);
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
  private static DoltResult run(Connection dolt, SqlText text, PreparedStatement prepared) throws SQLException {
    return prepared != null ? null : SqlRunner.execute(dolt, text);
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
