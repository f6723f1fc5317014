package io.doltsync.internal.mirror;

import io.doltsync.internal.capture.CaptureContext;
import io.doltsync.internal.capture.DoltPlan;
import io.doltsync.internal.capture.Plan;
import io.doltsync.internal.capture.ProcedurePlan;
import io.doltsync.internal.capture.SqlLevelPreparedStatements;
import io.doltsync.internal.capture.TableEffect;
import io.doltsync.internal.capture.TransactionCapture;
import io.doltsync.internal.capture.TransactionControlPlan;
import io.doltsync.internal.capture.WritePlan;
import io.doltsync.internal.capture.WritePlanner;
import io.doltsync.internal.dolt.DoltTarget;
import io.doltsync.internal.jdbc.wrapper.DoltResult;
import io.doltsync.internal.jdbc.wrapper.Session;
import io.doltsync.internal.jdbc.wrapper.StatementSettings;
import io.doltsync.internal.jdbc.wrapper.WriteRequest;
import io.doltsync.internal.lineage.ScopeRecorder;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.internal.journal.JournalEntry;
import io.doltsync.internal.procedure.DoltSyncProcedures;
import io.doltsync.internal.procedure.ProcedureContext;
import io.doltsync.lineage.LineageScope;
import io.doltsync.lineage.LineageUnit;
import io.doltsync.sql.Classification;
import io.doltsync.spi.CommitMetadata;
import io.doltsync.sql.StatementKind;
import io.doltsync.internal.versioning.VersioningSession;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;

/**
 * The session of one connection of a mirroring doltsync driver: captures what each transaction writes,
 * and at commit writes the transaction's journal entry as its last statement, so the entry commits with
 * the data or not at all. Statements in auto-commit mode become transactions of their own.
 */
public final class MirrorSession implements Session {

  private static final Logger LOG = DoltSyncLoggers.get(MirrorSession.class);

  private final Mirror mirror;
  private final Connection delegate;
  private final String primaryUser;
  private final TransactionCapture capture = new TransactionCapture();
  private final CaptureContext context;
  /** The rules by which this session's primary reads its SQL (its sql_mode, standard_conforming_strings). */
  private final io.doltsync.internal.capture.SessionLexicalRules lexical;
  private boolean explicitTransaction;
  /** True while a global (XA) transaction branch is associated with the connection. */
  private boolean globalTransaction;
  private CommitMetadata override;
  private String lastTransactionId;
  /** The last transaction of this connection known to be in Dolt, and its commit hash. */
  private String mirroredTransactionId;
  private String mirroredHash;
  private final VersioningSession versioning;
  private final WritePlanner.CatalogRefresh catalogRefresh;
  private boolean forceEntry;
  /** The tables this transaction's DDL changed, as the DDL named them, until the transaction ends. */
  private final SchemaChanges schemaChanges = new SchemaChanges();
  private final SqlLevelPreparedStatements sqlPrepared;
  /** This connection's lineage scopes; null until the first one opens. */
  private ScopeRecorder lineage;

  /** The application's connection wrapping this session; doltsync's procedures run through it. */
  private Connection application;

  /**
   * True while the primary's session is in manual-commit mode with no transaction open, although the
   * application is in auto-commit mode: doltsync's commit block left it so after a run of lone auto-commit
   * writes, so that the next one starts its transaction without a {@code START TRANSACTION} round trip.
   * {@link #beforePrimary()} turns auto-commit back on before anything else reaches the primary.
   */
  private boolean primaryAutoCommitOff;
  /** Lone auto-commit writes since the application last sent the primary anything else. */
  private int autoCommitWritesInARow;
  /** Whether the commit block may leave auto-commit off: MariaDB through MariaDB Connector/J; null until known. */
  private Boolean mayLeaveAutoCommitOff;
  /** Set while doltsync commits its own transaction around the second or later write of such a run. */
  private boolean leaveAutoCommitOff;
  /** Lone auto-commit writes sent with their journal entry in one statement; null until the first candidate. */
  private OneTripWrite oneTrip;
  /** PostgreSQL: the journal's {@code INSERT ...; COMMIT} this session keeps prepared (JournalTable#appendAndCommit). */
  private final io.doltsync.internal.journal.KeptStatement keptJournalInsert =
      new io.doltsync.internal.journal.KeptStatement();
  /** The warnings of the last auto-commit write, for the application's {@code getWarnings()}. */
  private final KeptWarnings keptWarnings = new KeptWarnings();
  /** Whether the primary has {@code INSERT ... RETURNING} (MariaDB 10.5+), once asked. */
  private Boolean insertReturning;
  /** Set when the last captured execution threw after the driver had run its statement. */
  private boolean ranBeforeFailing;
  /** Writes sent with their journal entry in one statement, for tests. */
  private long oneTripWrites;
  /** Wal capture: a transaction that may have written committed since this connection last waited for the mirror. */
  private boolean walDirty;
  /** Wal capture: the open transaction ran a statement that may write (its commit makes {@link #walDirty}). */
  private boolean walWrote;

  MirrorSession(Mirror mirror, Connection delegate, String primaryUser) {
    this.mirror = mirror;
    this.delegate = delegate;
    this.primaryUser = primaryUser;
    this.context = new CaptureContext(delegate, mirror.dialect(), capture, mirror.flavour());
    this.lexical = new io.doltsync.internal.capture.SessionLexicalRules(delegate, mirror.dialect(), mirror.lexicalRules());
    DoltTarget target = mirror.target();
    this.versioning = new VersioningSession(target::connect, target.database(), target.branch(), this::commitAndAwait);
    this.catalogRefresh = () -> mirror.catalog().reload(delegate);
    this.sqlPrepared = new SqlLevelPreparedStatements(delegate, () -> mirror.catalog().tableKeys());
  }

  /** The mirror this session belongs to. */
  public Mirror mirror() {
    return mirror;
  }

  @Override
  public Plan plan(String sql) throws SQLException {
    if (versioning.isDetached()) {
      return DoltPlan.DETACHED_HEAD;
    }
    mirror.catalog().ensureLoaded(delegate);
    WritePlanner planner = mirror.planner().reading(
        lexical.rulesFor(sql, () -> mirror.classifier().classifyCached(sql).multiStatement()));
    Plan planned = planner.plan(sql, catalogRefresh);
    if (planned instanceof DoltPlan) {
      return planned; // routing decides first: a PREPARE/EXECUTE that goes to Dolt is the versioning session's
    }
    Plan prepared = sqlPrepared.plan(sql, text -> planner.plan(text, catalogRefresh));
    if (prepared == null && planned == Plan.PASS_THROUGH && lineage != null && lineage.pinnedHash() != null) {
      Classification classification = mirror.classifier().classifyCached(sql);
      if (classification.kind() == StatementKind.SELECT && !classification.multiStatement()
          && classification.tables().stream().anyMatch(t -> t.read())) {
        return new DoltPlan(classification); // a pinned scope reads this query AS OF its commit, on Dolt
      }
    }
    Plan chosen = prepared != null ? prepared : planned;
    if (mirror.streamCapture() && chosen instanceof WritePlan write
        && (!write.schemaChange() || mirror.walCapture() && write.kind() == io.doltsync.sql.StatementKind.TRUNCATE)) {
      // binlog capture: MariaDB logs a TRUNCATE as a statement, not rows, so it is captured (announced) as DDL
      // wal capture: the slot has the write, TRUNCATE included; only DDL is captured (announced). A TRUNCATE copied
      // at commit and announced could miss a concurrent writer's rows once a rollback to a savepoint released its lock
      return Plan.PASS_THROUGH;
    }
    return chosen;
  }

  @Override
  public void ranOnPrimary(String sql, boolean succeeded) throws SQLException {
    if (mirror.streamCapture() && mayWrite(sql)) {
      passedThroughWrite(succeeded);
    }
    context.ran(sql);
    lexical.ran(sql);
    sqlPrepared.executed(sql, succeeded);
    if (succeeded && lineage != null) {
      lineage.primaryRead(sql);
    }
  }

  /**
   * Wal capture: whether a statement may have changed the primary. Only a lone query, {@code SHOW}, {@code DESCRIBE}
   * or {@code SET} is taken as not writing (a data-modifying CTE, {@code SELECT … INTO} and {@code EXPLAIN ANALYZE}
   * of a write are classified as writes); a function called by a query that writes is not seen.
   */
  private boolean mayWrite(String sql) {
    io.doltsync.sql.Classification classification = mirror.classifier().classifyCached(sql);
    return classification.multiStatement() || switch (classification.kind()) {
      case SELECT, SHOW, DESCRIBE, SET -> false;
      default -> true;
    };
  }

  /**
   * Wal capture: a statement that may write passed through. In a transaction, its commit waits (sync mode). In
   * auto-commit it committed when it succeeded: sync mode waits for it now, before the application sees the result;
   * a failed one committed nothing (PostgreSQL rolls the statement's implicit transaction back), but a driver batch
   * may have committed a part, so {@code awaitMirrored} still looks.
   */
  private void passedThroughWrite(boolean succeeded) throws SQLException {
    if (!getAutoCommit(delegate) || explicitTransaction || globalTransaction) {
      walWrote = true; // also after a BEGIN sent as SQL in auto-commit mode: its COMMIT waits
      return;
    }
    walDirty = true;
    if (succeeded && mirror.isSyncMode()) {
      awaitOwnCommits(mirror.syncTimeout());
    }
  }

  // ---- lineage -----------------------------------------------------------------------------------

  /** Opens a lineage scope on this connection (see {@link io.doltsync.DoltSync#lineage}). */
  public LineageScope beginLineage(LineageUnit unit) throws SQLException {
    if (lineage == null) {
      lineage = new ScopeRecorder(mirror, this::awaitOwnCommits);
    }
    return lineage.begin(unit);
  }

  /** Ends this connection's innermost lineage scope ({@code CALL DOLTSYNC_LINEAGE_END()}). */
  public LineageScope endLineage(boolean failed, String error) throws SQLException {
    if (lineage == null) {
      throw new SQLException("lineage: no lineage scope is open on this connection", "25000");
    }
    return lineage.endInnermost(failed, error);
  }

  // ---- writes ------------------------------------------------------------------------------------

  @Override
  public <T> T executeWrite(WriteRequest request, Execution<T> execution, UpdateCounts<T> updateCounts)
      throws SQLException {
    return executeWrite(request, execution, updateCounts, null);
  }

  @Override
  public <T> T executeWrite(WriteRequest request, Execution<T> execution, UpdateCounts<T> updateCounts,
      SingleExecution<T> single) throws SQLException {
    keptWarnings.clear();
    if (request.plans().get(0) instanceof TransactionControlPlan control) {
      beforePrimary();
      return transactionControl(control.kind(), execution);
    }
    for (Plan plan : request.plans()) {
      if (plan instanceof WritePlan write && write.kind() == io.doltsync.sql.StatementKind.CALL) {
        context.ran("CALL"); // a procedure may set the session's time zone
        lexical.ran("CALL");
      }
    }
    boolean ownTransaction = getAutoCommit(delegate) && !explicitTransaction && !globalTransaction;
    if (!ownTransaction || isSchemaChange(request)) {
      beforePrimary();
    }
    if (globalTransaction && isSchemaChange(request)) {
      throw new SQLFeatureNotSupportedException("doltsync does not run DDL inside a global (XA) transaction:"
          + " databases commit or refuse it there; run it outside the transaction", "0A000");
    }
    if (mirror.walCapture() && isSchemaChange(request)) {
      Execution<T> ddl = execution;
      execution = () -> {
        T result = ddl.run();
        // keyless tables need their old rows in the WAL: PostgreSQL refuses their UPDATE and DELETE once published
        io.doltsync.internal.capture.wal.WalSlot.fullIdentityForKeyless(delegate, mirror.filter()::isMirrored);
        return result;
      };
    }
    if (isSchemaChange(request) && mirror.dialect().ddlCommitsImplicitly()) {
      return schemaChangeCommittingImplicitly(request, execution, updateCounts, ownTransaction);
    }
    // also while a MariaDB session is left in manual-commit mode between lone writes (primaryAutoCommitOff): the
    // block's START TRANSACTION ... COMMIT leaves it so, with no transaction open
    if (ownTransaction && single != null) {
      OneTripWrite.Candidate candidate = oneTripCandidate(request, single.sql());
      if (candidate != null) {
        Long count = inOneTrip(request, candidate, single.settings());
        if (count != null) {
          return single.answer().of(count);
        }
      }
    }
    if (ownTransaction) {
      boolean inARun = autoCommitWritesInARow++ > 0;
      if (!primaryAutoCommitOff) {
        beginOwnTransaction();
        leaveAutoCommitOff = inARun && mayLeaveAutoCommitOff();
      }
    }
    ranBeforeFailing = false;
    keptWarnings.keeping(ownTransaction && mirror.dialect() instanceof io.doltsync.internal.dialect.MySqlDialect);
    try {
      T result = captured(request, execution, updateCounts);
      if (ownTransaction) {
        commitPlainly(this::commitOwnTransaction);
      } else {
        capture.forgetCreatedEmpty(); // the transaction goes on: what follows may fill a table it created
      }
      return result;
    } catch (BatchUpdateException e) {
      if (ownTransaction) {
        keepWhatTheBatchDid(e);
      }
      throw e;
    } catch (SQLException | RuntimeException e) {
      if (ownTransaction && ranBeforeFailing) {
        keepWhatTheStatementDid(e); // in auto-commit mode the raw driver's statement committed before it threw
      } else if (ownTransaction) {
        rollbackOwnTransactionQuietly(e);
      }
      throw e;
    } finally {
      keptWarnings.keeping(false);
      if (ownTransaction) {
        leaveAutoCommitOff = false;
        endOwnTransaction();
      }
    }
  }

  @Override
  public void executeResultSetRowChange(ResultSetTable table, StatementKind kind,
      io.doltsync.internal.capture.ResultSetRow row, Execution<Void> change) throws SQLException {
    if (versioning.isDetached()) {
      throw new SQLFeatureNotSupportedException("doltsync: the connection reads a detached Dolt head; a row of a"
          + " result set cannot be changed", "0A000");
    }
    if (table.name() == null) {
      throw new SQLFeatureNotSupportedException("doltsync cannot tell which one table this updatable result set's"
          + " rows belong to (its columns name no table or several), so it could not mirror the row change;"
          + " change the row with an UPDATE, INSERT or DELETE statement instead", "0A000");
    }
    if (mirror.streamCapture()) {
      beforePrimary();
      boolean succeeded = false;
      try {
        change.run();
        succeeded = true;
      } finally {
        passedThroughWrite(succeeded); // an auto-commit row change committed: sync mode waits for it as for a statement
      }
      return;
    }
    if (otherSchema(table)) {
      mirror.planner().warnNotMirrored(table.name());
      beforePrimary();
      change.run();
      return;
    }
    mirror.catalog().ensureLoaded(delegate);
    Plan plan = mirror.planner().planResultSetRowChange(table.name(), kind, insertedRowReported(), row,
        catalogRefresh);
    if (!(plan instanceof WritePlan)) {
      beforePrimary();
      change.run();
      return;
    }
    executeWrite(new WriteRequest(List.of(plan), java.util.Collections.singletonList(null), null, null), change,
        done -> new long[] {1});
  }

  /** A result set's table in a catalog or schema other than the connection's current one: not mirrored. */
  private boolean otherSchema(ResultSetTable table) throws SQLException {
    String catalog = delegate.getCatalog();
    String schema = delegate.getSchema();
    return !table.catalog().isEmpty() && catalog != null && !table.catalog().equalsIgnoreCase(catalog)
        || !table.schema().isEmpty() && schema != null && !table.schema().equalsIgnoreCase(schema);
  }

  /**
   * Whether the driver's insert row holds the inserted row's stored values after {@code insertRow}, its
   * database-generated key included: pgjdbc (it inserts with {@code RETURNING *}); MariaDB Connector/J, MySQL
   * Connector/J and H2 leave other values there.
   */
  private boolean insertedRowReported() throws SQLException {
    return mirror.flavour().of(delegate).pgjdbc();
  }

  // ---- a lone auto-commit write and its journal entry in one statement -----------------------------

  private OneTripWrite.Candidate oneTripCandidate(WriteRequest request, String sql) throws SQLException {
    if (forceEntry || !capture.isEmpty() || lineage != null) {
      return null;
    }
    return oneTrip().candidate(delegate, request, sql);
  }

  private OneTripWrite oneTrip() {
    if (oneTrip == null) {
      oneTrip = new OneTripWrite(mirror.journal());
    }
    return oneTrip;
  }

  /**
   * Runs the candidate with its journal entry in one statement ({@link OneTripWrite}), the entry built before
   * from the images the statement determines; returns its update count, or {@code null} when the entry turned
   * out to need a read (or is too large) and nothing was sent, or the MariaDB block rolled the statement back
   * (warnings, or neither all its rows nor none changed: {@link OneTripWrite#ROLLED_BACK}) to run again the usual way.
   */
  private Long inOneTrip(WriteRequest request, OneTripWrite.Candidate candidate, StatementSettings settings)
      throws SQLException {
    JournalEntry entry;
    byte[] payload;
    long count;
    try {
      context.executionStarts(request.statement(), request.parameters(), candidate.sql(),
          candidate.form() == OneTripWrite.Form.MARIADB);
      TableEffect effect = candidate.effect();
      boolean generatedKey = effect instanceof TableEffect.GeneratedKeyImages;
      if (effect instanceof TableEffect.GeneratedKeyImages generated) {
        // the key the statement generates is spliced into the entry by the block, at the placeholder's bytes
        if (!generated.storesAsLong(context)
            || !generated.addImage(context, candidate.parameters(), OneTripWrite.GENERATED_KEY_PLACEHOLDER)) {
          return null;
        }
      } else {
        effect.after(context, candidate.parameters(), null, new TableEffect.Outcome(candidate.expectedRows(), null));
      }
      if (!OneTripWrite.onlyKnownImages(capture)) {
        return null;
      }
      entry = mirror.journalEntry(delegate, capture, override, primaryUser, false);
      payload = entry == null ? null : mirror.journal().encodedIfSmall(entry);
      if (payload == null) {
        return null;
      }
      int keySlot = generatedKey
          ? mirror.journal().generatedKeySlot(payload, OneTripWrite.GENERATED_KEY_PLACEHOLDER) : -1;
      if (generatedKey && keySlot < 0) {
        return null;
      }
      mirror.ensureJournal();
      try {
        count = oneTrip().run(delegate, candidate, entry, payload, keySlot, settings);
      } catch (SQLException e) {
        if (OneTripWrite.failedBeforeRunning(e)) {
          return null; // nothing ran: the usual way gives the application the raw driver's own error
        }
        throw e;
      }
    } finally {
      capture.clear();
    }
    if (count == OneTripWrite.ROLLED_BACK) {
      return null; // it runs again the usual way: its warnings reach the application, the ignored rows are read
    }
    override = null;
    oneTripWrites++;
    if (count == candidate.expectedRows()) {
      committed(entry);
    }
    return count;
  }

  /** The writes this session sent with their journal entry as one statement. */
  long oneTripWrites() {
    return oneTripWrites;
  }

  /**
   * The plan's returning variant when this connection's driver runs it: pgjdbc, which appends
   * {@code RETURNING <columns>} to an UPDATE or DELETE prepared or executed with column names and still
   * reports its update count.
   */
  @Override
  public io.doltsync.internal.capture.WritePlan returningPlan(Plan plan) throws SQLException {
    io.doltsync.internal.capture.WritePlan variant = plan.returningVariant();
    if (variant == null) {
      return null;
    }
    if (variant.extendedReturning() != null) {
      variant.noteCopyWithoutReturnedRows(); // this execution runs the plain plan
      return null;
    }
    return mirror.flavour().of(delegate).pgjdbc() ? variant : null;
  }

  /**
   * The plan's variant that extends the statement's own RETURNING list ({@link
   * io.doltsync.internal.capture.WritePlan#extendedReturning()}) when this connection's driver is pgjdbc, whose
   * result sets can be read by the capture and rewound for the application.
   */
  @Override
  public io.doltsync.internal.capture.WritePlan extendedReturningPlan(Plan plan) throws SQLException {
    io.doltsync.internal.capture.WritePlan variant = plan.returningVariant();
    if (variant == null || variant.extendedReturning() == null || variant.extendedReturning().hidden()
        || plan.needsGeneratedKeys()) {
      return null;
    }
    return mirror.flavour().of(delegate).pgjdbc() ? variant : null;
  }

  /**
   * The variant of a statement prepared with generated keys when this connection's driver is pgjdbc, which sends a
   * statement with a RETURNING list of its own as written and appends {@code RETURNING *} or the names asked for to
   * one without ({@link io.doltsync.internal.capture.KeysReturning}): that text planned as a statement with its own
   * RETURNING list, whose list is extended with the capture's columns.
   */
  @Override
  public io.doltsync.internal.capture.WritePlan keysReturningPlan(Plan plan, String sql, String[] columns)
      throws SQLException {
    if (!plan.isCapturedWrite() || !mirror.flavour().of(delegate).pgjdbc()) {
      return null;
    }
    io.doltsync.internal.capture.WritePlan own = extendedReturningPlan(plan);
    if (own != null) {
      return own;
    }
    io.doltsync.sql.SqlDialect lexed = mirror.planner().reading(
        lexical.rulesFor(sql, () -> mirror.classifier().classifyCached(sql).multiStatement())).classifier().dialect();
    String sent = io.doltsync.internal.capture.KeysReturning.asSentByPgjdbc(sql, lexed, columns);
    return sent == null ? null : extendedReturningPlan(plan(sent));
  }

  /**
   * The plan's variant that appends {@code RETURNING} to an INSERT for the capture alone, when the primary is
   * MariaDB 10.5 or later (through either driver), which returns the inserted rows as a result set.
   */
  @Override
  public io.doltsync.internal.capture.WritePlan hiddenReturningPlan(Plan plan) throws SQLException {
    io.doltsync.internal.capture.WritePlan variant = plan.returningVariant();
    if (variant == null || variant.extendedReturning() == null || !variant.extendedReturning().hidden()
        || plan.needsGeneratedKeys() || !mirror.flavour().of(delegate).mariadbServer()) {
      return null;
    }
    if (insertReturning == null) {
      // mysql-connector-j reports MariaDB's version as 5.5.5-10.11.6-MariaDB (major 5): read it from the text
      java.util.regex.Matcher version = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)\\.\\d+-MariaDB",
          java.util.regex.Pattern.CASE_INSENSITIVE).matcher(delegate.getMetaData().getDatabaseProductVersion());
      boolean found = version.find();
      int major = found ? Integer.parseInt(version.group(1)) : delegate.getMetaData().getDatabaseMajorVersion();
      int minor = found ? Integer.parseInt(version.group(2)) : delegate.getMetaData().getDatabaseMinorVersion();
      insertReturning = major > 10 || (major == 10 && minor >= 5);
    }
    return insertReturning ? variant : null;
  }

  // ---- the transaction doltsync wraps around an auto-commit write --------------------------------

  @Override
  public boolean getAutoCommit(Connection connection) throws SQLException {
    return primaryAutoCommitOff || connection.getAutoCommit();
  }

  @Override
  public void beforePrimary() throws SQLException {
    autoCommitWritesInARow = 0;
    keptWarnings.clear(); // what the application sends next replaces the last write's warnings, as without doltsync
    if (primaryAutoCommitOff) {
      primaryAutoCommitOff = false;
      delegate.setAutoCommit(true); // Connector/J reads the mode from the server's status: it sends SET autocommit=1
    }
  }

  /** MariaDB's block can leave auto-commit off, and MariaDB Connector/J's {@code getAutoCommit()} then says so. */
  private boolean mayLeaveAutoCommitOff() throws SQLException {
    Boolean known = mayLeaveAutoCommitOff;
    if (known == null) {
      io.doltsync.internal.dialect.PrimaryFlavour.Facts facts = mirror.flavour().of(delegate);
      known = mirror.dialect().beginTransactionStatement() != null && facts.mariadbConnector() && facts.mariadbServer();
      mayLeaveAutoCommitOff = known;
    }
    return known;
  }

  private void beginOwnTransaction() throws SQLException {
    String begin = mirror.dialect().beginTransactionStatement();
    if (begin != null) {
      runOnPrimary(begin);
    } else {
      delegate.setAutoCommit(false);
    }
  }

  private Void commitOwnTransaction() throws SQLException {
    if (mirror.dialect().beginTransactionStatement() != null) {
      runOnPrimary("COMMIT");
    } else {
      delegate.commit();
    }
    return null;
  }

  private void rollbackOwnTransactionQuietly(Exception cause) {
    if (mirror.dialect().beginTransactionStatement() == null) {
      rollbackQuietly(cause);
      return;
    }
    try {
      runOnPrimary("ROLLBACK");
    } catch (SQLException e) {
      cause.addSuppressed(e);
    } finally {
      reloadSchemasIfChanged();
      capture.clear();
    }
  }

  private void endOwnTransaction() throws SQLException {
    if (mirror.dialect().beginTransactionStatement() == null) {
      delegate.setAutoCommit(true);
    } else if (Boolean.TRUE.equals(mayLeaveAutoCommitOff)) {
      primaryAutoCommitOff = !delegate.getAutoCommit(); // the driver's view of the server's status: no round trip
    }
  }

  private void runOnPrimary(String sql) throws SQLException {
    try (Statement statement = delegate.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * In auto-commit mode the entries of a failed batch that the driver ran are committed, as they would
   * have been without doltsync's transaction around them: commit them with their journal entry, or roll
   * back when the database has aborted the transaction (PostgreSQL).
   */
  private void keepWhatTheBatchDid(BatchUpdateException failure) {
    try {
      commitPlainly(this::commitOwnTransaction);
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
      rollbackOwnTransactionQuietly(failure);
    }
  }

  /**
   * In auto-commit mode a statement the driver ran before it threw ({@link FailedAfterRunning}) is committed, as
   * the raw driver's auto-commit would have: with its journal entry.
   */
  private void keepWhatTheStatementDid(Exception failure) {
    try {
      commitPlainly(this::commitOwnTransaction);
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
      rollbackOwnTransactionQuietly(failure);
    }
  }

  /** Runs the execution between the effects' before and after steps. */
  private <T> T captured(WriteRequest request, Execution<T> execution, UpdateCounts<T> updateCounts)
      throws SQLException {
    List<Plan> plans = request.plans();
    context.executionStarts(request.statement(), request.parameters(), null, false);
    Object[][] before = new Object[plans.size()][];
    for (int i = 0; i < plans.size(); i++) {
      List<TableEffect> effects = plans.get(i).effects();
      before[i] = new Object[effects.size()];
      for (int j = 0; j < effects.size(); j++) {
        before[i][j] = effects.get(j).before(context, request.parameters().get(i));
      }
    }
    T result;
    long[] counts;
    boolean noWarnings;
    try {
      result = execution.run();
      if (keptWarnings.keeping()) {
        keepWarningsOf(request.statement());
      }
      noWarnings = knownWithoutWarnings(request);
      counts = updateCounts.of(result);
    } catch (BatchUpdateException e) {
      if (keptWarnings.keeping()) {
        keepWarningsOf(request.statement());
      }
      capturePartialBatch(request, before, e);
      throw e;
    } catch (SQLException e) {
      long[] ran = plans.size() == 1 ? FailedAfterRunning.counts(request.statement(), e, mirror.flavour().of(delegate))
          : null;
      if (ran == null) {
        throw e;
      }
      // the driver ran the statement, then threw (pgjdbc's executeQuery of a write, an executeUpdate whose text
      // returns rows): the primary's transaction holds its change, so the capture records it as it would a success
      ranBeforeFailing = true;
      capturedAfter(request, before, ran, false);
      throw e;
    }
    capturedAfter(request, before, counts, noWarnings);
    return result;
  }

  /**
   * Whether a single execution whose capture asks for it ({@link TableEffect#needsWarnings}) is known to have raised
   * no warning: through MariaDB Connector/J, which answers from the warning count of the write's own reply (no round
   * trip when it is zero), the warnings kept for the application's {@code getWarnings()} when there are some. False
   * for a batch and for other drivers.
   */
  private boolean knownWithoutWarnings(WriteRequest request) throws SQLException {
    List<Plan> plans = request.plans();
    if (plans.size() != 1 || request.statement() == null
        || plans.get(0).effects().stream().noneMatch(TableEffect::needsWarnings)
        || !mirror.flavour().of(delegate).mariadbConnector()) {
      return false;
    }
    if (!keptWarnings.keeping()) {
      keepWarningsOf(request.statement());
    }
    return keptWarnings.none(); // cleared when the write started: any kept now are this execution's
  }

  /**
   * Fetches the write's warnings from the driver now, while the write is still the last statement the server ran:
   * the driver answers from the warning count of the write's own reply, so when there are none this sends nothing.
   */
  private void keepWarningsOf(Statement statement) throws SQLException {
    if (statement == null) {
      return;
    }
    java.sql.SQLWarning warnings = statement.getWarnings();
    if (warnings != null) {
      keptWarnings.keep(warnings, statement, mirror.flavour().of(delegate).mariadbConnector());
    }
  }

  @Override
  public java.sql.SQLWarning keptWarnings(Statement driverStatement) {
    return keptWarnings.take(driverStatement);
  }

  @Override
  public void clearKeptWarnings() {
    keptWarnings.clear();
  }

  /** The after steps of every plan of an execution, given the update counts the driver reported. */
  private void capturedAfter(WriteRequest request, Object[][] before, long[] counts, boolean noWarnings)
      throws SQLException {
    List<Plan> plans = request.plans();
    for (int i = 0; i < plans.size(); i++) {
      Plan plan = plans.get(i);
      long count = counts != null && counts.length == plans.size() ? counts[i] : -2;
      TableEffect.Outcome outcome = new TableEffect.Outcome(count, request.keys(), false, request.returned(),
          noWarnings);
      List<TableEffect> effects = matchedNoRow(plan, count) ? List.of() : plan.effects();
      for (int j = 0; j < effects.size(); j++) {
        effects.get(j).after(context, request.parameters().get(i), before[i][j], outcome);
      }
      if (plan instanceof WritePlan write && write.schemaChange()
          && write.kind() != io.doltsync.sql.StatementKind.TRUNCATE) {
        // a TRUNCATE changes rows, not schemas: read again, every table (no schema-change effect names one) would be
        // read by every session's next statement inside its own transaction, waiting behind other sessions'
        // TRUNCATE locks, and two sessions that each truncated a table deadlocked on each other's (tck multi-writer)
        List<String> changed = List.copyOf(write.schemaChangedTables());
        schemaChanges.ran(changed);
        mirror.schemaChanged(changed);
      }
      if (lineage != null && plan instanceof WritePlan write) {
        lineage.readsInsideWrite(write.reads());
      }
    }
  }

  /**
   * True when the execution is a MySQL/MariaDB UPDATE or DELETE, the only statement of its text, whose update count
   * says it matched (or changed) no row: it changed nothing, and as MySQL/MariaDB triggers and foreign key actions run per row, it changed no other
   * table either, so its effects record nothing. Reading the keys its WHERE names at commit, or copying its table
   * whole, would only lock rows the statement itself did not (README, Known limits: extra lock waits on MariaDB).
   * PostgreSQL's statement-level triggers run for no row, so its counts are not read this way.
   */
  private boolean matchedNoRow(Plan plan, long count) {
    return count == 0 && plan instanceof WritePlan write && write.oneStatement() && !write.schemaChange()
        && (write.kind() == StatementKind.UPDATE || write.kind() == StatementKind.DELETE)
        && mirror.dialect() instanceof io.doltsync.internal.dialect.MySqlDialect;
  }

  /**
   * A batch that failed part-way: the driver may have run (and the transaction may keep) some entries, so
   * every entry's effect is recorded with an unknown outcome (keys learned before, else whole tables).
   */
  private void capturePartialBatch(WriteRequest request, Object[][] before, BatchUpdateException failure) {
    TableEffect.Outcome unknown = new TableEffect.Outcome(-2, null, true);
    List<Plan> plans = request.plans();
    for (int i = 0; i < plans.size(); i++) {
      List<TableEffect> effects = plans.get(i).effects();
      for (int j = 0; j < effects.size(); j++) {
        try {
          effects.get(j).after(context, request.parameters().get(i), before[i][j], unknown);
        } catch (SQLException | RuntimeException e) {
          failure.addSuppressed(e);
        }
      }
    }
  }

  /**
   * DDL on a primary that commits around it (MySQL, MariaDB, H2, Oracle): commit what is pending as the
   * database would, run the DDL, then journal its effect in a transaction of its own.
   */
  private <T> T schemaChangeCommittingImplicitly(WriteRequest request, Execution<T> execution,
      UpdateCounts<T> updateCounts, boolean autoCommit) throws SQLException {
    if (!autoCommit && !capture.isEmpty()) {
      commitPlainly(this::commitDelegate);
    }
    explicitTransaction = false;
    T result = captured(request, execution, updateCounts);
    if (!autoCommit) {
      try {
        commitPlainly(this::commitDelegate);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(e);
        throw e;
      }
      return result;
    }
    if (journaledWithoutTransaction()) {
      return result;
    }
    beginOwnTransaction();
    try {
      commitPlainly(this::commitOwnTransaction);
    } catch (SQLException | RuntimeException e) {
      rollbackOwnTransactionQuietly(e);
      throw e;
    } finally {
      endOwnTransaction();
    }
    return result;
  }

  /**
   * After an auto-commit DDL statement that committed on its own and only dropped tables or created new empty ones
   * (MariaDB): its entry is built without a transaction (schema reads only) and written by one block that begins a
   * transaction, checks the created tables still empty under a lock, inserts the entry and commits
   * ({@link io.doltsync.internal.journal.JournalTable#appendIfEmpty}); no {@code START TRANSACTION} and no read of
   * the tables' rows of their own. False, with nothing journaled, when the statement did more or a created table
   * has rows by now: the caller then journals it in a transaction as usual.
   */
  private boolean journaledWithoutTransaction() throws SQLException {
    if (mirror.streamCapture() || capture.isEmpty() || lineage != null && lineage.isActive() || override != null
        || forceEntry
        || !(mirror.dialect() instanceof io.doltsync.internal.dialect.MySqlDialect)
        || !mirror.flavour().of(delegate).mariadbServer()) {
      return false;
    }
    for (io.doltsync.internal.capture.TransactionCapture.TableTouch touch : capture.touched()) {
      if (!touch.isCreatedEmpty() && !touch.isDropped()) {
        return false; // an ALTER, CREATE INDEX, ...: its rows are read in a transaction
      }
    }
    mirror.ensureJournal();
    JournalEntry entry = mirror.unlockedSchemaEntry(delegate, capture, primaryUser);
    if (entry == null) {
      return false;
    }
    List<String> emptyTables = new java.util.ArrayList<>();
    for (io.doltsync.internal.journal.TableChange change : entry.changes()) {
      if (change.kind() == io.doltsync.internal.journal.TableChange.Kind.RESHAPE) {
        emptyTables.add(change.schema().name());
      }
    }
    if (!mirror.journal().appendIfEmpty(delegate, entry, emptyTables)) {
      return false;
    }
    capture.clear();
    committed(entry);
    return true;
  }

  private <T> T transactionControl(StatementKind kind, Execution<T> execution) throws SQLException {
    switch (kind) {
      case BEGIN -> {
        T result = execution.run();
        explicitTransaction = delegate.getAutoCommit();
        return result;
      }
      case COMMIT -> {
        T result = commitTransaction(execution);
        explicitTransaction = false;
        return result;
      }
      case ROLLBACK_TO_SAVEPOINT -> {
        T result = execution.run();
        capture.forgetRowDeltas();
        return result;
      }
      default -> {
        try {
          T result = execution.run();
          if (kind == StatementKind.ROLLBACK) {
            walWrote = false;
          }
          return result;
        } finally {
          explicitTransaction = false;
          reloadSchemasIfChanged();
          capture.clear();
          override = null;
        }
      }
    }
  }

  private static boolean isSchemaChange(WriteRequest request) {
    for (Plan plan : request.plans()) {
      if (plan instanceof WritePlan write && write.schemaChange()) {
        return true;
      }
    }
    return false;
  }

  // ---- transaction boundaries --------------------------------------------------------------------

  @Override
  public void commit() throws SQLException {
    if (versioning.isDetached()) {
      versioning.connection().commit();
      return;
    }
    beforePrimary();
    commitPlainly(this::commitDelegate);
    explicitTransaction = false;
  }

  private Void commitDelegate() throws SQLException {
    delegate.commit();
    return null;
  }

  /**
   * Writes the journal entry of what the transaction changed (if anything mirrored changed), then runs
   * {@code commitAction}, which commits the primary transaction, and returns its result.
   */
  private <T> T commitTransaction(Execution<T> commitAction) throws SQLException {
    return commitTransaction(commitAction, false);
  }

  /**
   * As {@link #commitTransaction(Execution)}, for an action that only commits the transaction (the
   * delegate's {@code commit()}, or the {@code COMMIT} that ends doltsync's own transaction): the journal
   * entry and the commit then travel in one round trip where the primary allows it
   * ({@link io.doltsync.internal.journal.JournalTable#appendAndCommit}).
   */
  private void commitPlainly(Execution<Void> commitAction) throws SQLException {
    commitTransaction(commitAction, true);
  }

  private <T> T commitTransaction(Execution<T> commitAction, boolean plainCommit) throws SQLException {
    if (mirror.streamCapture()) {
      return walCommit(commitAction);
    }
    boolean journaling = !capture.isEmpty() || forceEntry;
    JournalEntry entry = null;
    boolean committed = false;
    try {
      if (journaling) {
        // before the entry is built: building it may take the journal order lock (PostgreSQL whole-table copies),
        // and nothing may then wait on another connection of this thread (no server sees such a cycle)
        mirror.ensureJournal();
      }
      entry = journaling ? mirror.journalEntry(delegate, capture, override, primaryUser, forceEntry) : null;
      if (entry != null) {
        if (lineage != null && lineage.isActive()) {
          entry = entry.withLineage(lineage.current());
        }
        committed = plainCommit && mirror.journal().appendAndCommit(delegate, entry, leaveAutoCommitOff,
            keptJournalInsert);
        if (!committed) {
          mirror.journal().append(delegate, entry);
        }
      }
    } catch (SQLException e) {
      if (!IN_FAILED_TRANSACTION.equals(e.getSQLState())) {
        throw e;
      }
      // PostgreSQL aborted the transaction at an earlier failed statement: nothing of it can commit, and the
      // raw driver's commit rolls it back without an exception. So does this one, with no journal entry.
      entry = null; // committed is still false: nothing in the try committed before the failure
      reloadSchemasIfChanged(); // the rollback undoes its DDL: schemas read since are read again
    }
    T result = committed ? null : commitAction.run();
    schemaChangesCommitted();
    capture.clear();
    override = null;
    forceEntry = false;
    if (entry != null) {
      committed(entry);
    }
    return result;
  }

  /** PostgreSQL's SQLState for a statement sent in a transaction an earlier failure aborted. */
  private static final String IN_FAILED_TRANSACTION = "25P02";

  /**
   * Wal capture: commits the transaction, first writing into it what the WAL does not say, when there is something
   * (the tables its DDL changed, the commit metadata the application set, its lineage scope, an empty commit asked
   * for): one {@code pg_logical_emit_message} round trip, none for an ordinary transaction.
   */
  private <T> T walCommit(Execution<T> commitAction) throws SQLException {
    try {
      boolean announced = false;
      try {
        announced = announceToStream();
      } catch (SQLException e) {
        if (!IN_FAILED_TRANSACTION.equals(e.getSQLState())) {
          throw e;
        }
        // an earlier failed statement aborted the transaction: its commit rolls it back, with nothing to announce
        announced = false;
        walWrote = false;
      }
      T result = commitAction.run();
      schemaChangesCommitted();
      walDirty |= walWrote || announced;
      walWrote = false;
      if (mirror.isSyncMode()) {
        awaitOwnCommits(mirror.syncTimeout());
      }
      return result;
    } finally {
      capture.clear();
      override = null;
      forceEntry = false;
    }
  }

  /**
   * Wal or binlog capture: writes into the open transaction what the change stream does not say about it, when
   * there is something; returns whether it wrote.
   */
  private boolean announceToStream() throws SQLException {
    List<io.doltsync.internal.journal.TableChange> changes = List.of();
    if (!capture.isEmpty()) {
      mirror.ensureJournal(); // building the entry may take the journal order lock, as in journal capture
      JournalEntry built = mirror.journalEntry(delegate, capture, null, primaryUser, false);
      if (built != null) {
        changes = built.changes();
      }
    }
    JournalEntry.Lineage scope = lineage != null && lineage.isActive() ? lineage.current() : null;
    if (changes.isEmpty() && override == null && scope == null && !forceEntry) {
      return false;
    }
    mirror.announce(delegate, new JournalEntry(TransactionIds.next(), mirror.instance(),
        override == null ? null : override.authorName(), override == null ? null : override.authorEmail(),
        override == null ? null : override.message(), changes, forceEntry, scope));
    return true;
  }

  /** The primary committed a transaction with this journal entry. */
  private void committed(JournalEntry entry) throws SQLException {
    lastTransactionId = entry.transactionId();
    mirror.committed(entry);
    if (lineage != null) {
      lineage.committed(entry);
    }
    if (mirror.isSyncMode()) {
      awaitOwnCommits(mirror.syncTimeout());
    }
  }

  // ---- global (XA) transactions -----------------------------------------------------------------

  @Override
  public void globalTransactionStarted() {
    globalTransaction = true;
  }

  @Override
  public JournalEntry globalTransactionEnded(boolean success) throws SQLException {
    globalTransaction = false;
    if (!success) {
      capture.clear();
      override = null;
      return null;
    }
    if (mirror.walCapture()) {
      // the branch's commit (one or two phase, or COMMIT PREPARED after a recovery) is decoded from the WAL; what
      // the WAL does not say goes into the branch, as a local transaction's commit writes it
      try {
        walDirty |= announceToStream() || walWrote;
        walWrote = false;
        return null;
      } finally {
        capture.clear();
        override = null;
        forceEntry = false;
      }
    }
    try {
      if (!capture.isEmpty()) {
        mirror.ensureJournal(); // before the entry is built (see commitTransaction)
      }
      JournalEntry entry = capture.isEmpty() ? null
          : mirror.journalEntry(delegate, capture, override, primaryUser, false);
      if (entry != null) {
        mirror.journal().append(delegate, entry);
      }
      return entry;
    } finally {
      capture.clear();
      override = null;
    }
  }

  @Override
  public void globalTransactionCommitted(JournalEntry entry) throws SQLException {
    lastTransactionId = entry.transactionId();
    mirror.committed(entry);
    if (mirror.isSyncMode()) {
      awaitOwnCommits(mirror.syncTimeout());
    }
  }

  @Override
  public void rollback() throws SQLException {
    if (versioning.isDetached()) {
      versioning.connection().rollback();
      return;
    }
    beforePrimary();
    try {
      delegate.rollback();
      walWrote = false;
    } finally {
      reloadSchemasIfChanged();
      capture.clear();
      override = null;
      explicitTransaction = false;
    }
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    beforePrimary();
    delegate.rollback(savepoint);
    capture.forgetRowDeltas();
    reloadSchemasIfChanged();
  }

  /**
   * The schema catalog was re-read inside this transaction after its DDL; where a rollback can undo DDL
   * (PostgreSQL), what it read may no longer exist, so it is read again.
   */
  private void reloadSchemasIfChanged() {
    if (capture.hasSchemaChange() || (schemaChanges.any() && !mirror.dialect().ddlCommitsImplicitly())) {
      mirror.schemaChangeRolledBack(delegate);
    }
    schemaChanges.clear();
  }

  /**
   * The transaction committed: where DDL is transactional (PostgreSQL), other sessions read the schemas of the tables
   * it changed without waiting for its lock, so they read them as they were before it; those are read again.
   */
  private void schemaChangesCommitted() {
    if (schemaChanges.any() && !mirror.dialect().ddlCommitsImplicitly()) {
      mirror.schemaChangeCommitted(delegate, schemaChanges.tables());
    }
    schemaChanges.clear();
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    if (versioning.isDetached()) {
      versioning.connection().setAutoCommit(autoCommit);
      return;
    }
    autoCommitWritesInARow = 0;
    if (primaryAutoCommitOff) {
      // the primary's session is already in manual-commit mode, with no transaction open: nothing to send
      primaryAutoCommitOff = autoCommit;
      return;
    }
    if (autoCommit && !delegate.getAutoCommit() && (!capture.isEmpty() || mirror.streamCapture())) {
      // wal capture: the open transaction's writes passed through uncaptured; it commits (and waits) as by commit()
      commitTransaction(() -> {
        delegate.setAutoCommit(true);
        return null;
      });
      return;
    }
    if (autoCommit != delegate.getAutoCommit()) {
      capture.clear();
    }
    delegate.setAutoCommit(autoCommit);
  }

  @Override
  public void close() throws SQLException {
    capture.clear();
    if (oneTrip != null) {
      oneTrip.close();
    }
    keptJournalInsert.close();
    if (lineage != null) {
      lineage.closeAll();
    }
    versioning.close();
  }

  private void rollbackQuietly(Exception cause) {
    try {
      delegate.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    } finally {
      reloadSchemasIfChanged();
      capture.clear();
    }
  }

  // ---- Dolt-routed statements --------------------------------------------------------------------

  @Override
  public DoltResult executeOnDolt(Plan plan, String sql, List<Object> parameters, PreparedStatement prepared,
      StatementSettings settings)
      throws SQLException {
    keptWarnings.clear();
    if (plan instanceof ProcedurePlan procedure) {
      awaitOwnCommitsForProcedure();
      if (application == null) {
        throw new SQLException("this session has no application connection to run " + sql + " through", "HY000");
      }
      return DoltResult.of(DoltSyncProcedures.call(procedure.call(), parameters,
          new ProcedureContext(application, this)));
    }
    awaitOwnCommits(mirror.syncTimeout());
    if (plan instanceof DoltPlan dolt && dolt.classification() != null && !dolt.classification().routesToDolt()) {
      return pinnedRead(dolt.classification(), sql, parameters, settings);
    }
    DoltResult result = versioning.execute(sql, parameters, prepared, settings);
    if (lineage != null && lineage.isActive() && plan instanceof DoltPlan dolt) {
      if (dolt == DoltPlan.DETACHED_HEAD) {
        lineage.detachedHeadRead(sql, versioning.connection());
      } else {
        lineage.doltRead(dolt.classification(), versioning.connection());
      }
    }
    return result;
  }

  /** A primary query of a pinned lineage scope: run on Dolt with each table read AS OF the pinned commit. */
  private DoltResult pinnedRead(Classification classification, String sql, List<Object> parameters,
      StatementSettings settings) throws SQLException {
    if (lineage == null || lineage.pinnedHash() == null) {
      throw new SQLException("a query planned while a pinned lineage scope was open ran after it closed: " + sql,
          "25000");
    }
    DoltResult result = versioning.execute(lineage.pinned(sql, classification), parameters, null, settings);
    lineage.pinnedRead(classification);
    return result;
  }

  @Override
  public void bind(Connection application) {
    this.application = application;
  }

  @Override
  public Connection doltConnection() throws SQLException {
    return versioning.connection();
  }

  /**
   * {@code CALL DOLT_COMMIT(...)} on this connection: commits the primary transaction with that metadata
   * and waits for its Dolt commit.
   */
  private String commitAndAwait(CommitMetadata metadata, boolean allowEmpty) throws SQLException {
    override = metadata.orElse(override);
    forceEntry = allowEmpty;
    beforePrimary();
    boolean ownTransaction = delegate.getAutoCommit();
    String before = lastTransactionId;
    commitTransaction(ownTransaction ? () -> null : this::commitDelegate);
    explicitTransaction = false;
    if (mirror.streamCapture()) {
      String hash = awaitOwnCommits(mirror.syncTimeout());
      return hash == null || hash.isEmpty() ? null : hash;
    }
    if (lastTransactionId == null || lastTransactionId.equals(before)) {
      return null;
    }
    String hash = awaitOwnCommits(mirror.syncTimeout());
    return hash == null || hash.isEmpty() ? null : hash;
  }

  // ---- commit metadata ---------------------------------------------------------------------------

  @Override
  public void setCommitAuthor(String name, String email) {
    override = new CommitMetadata(name, email, override == null ? null : override.message());
  }

  @Override
  public void setCommitMessage(String message) {
    override = new CommitMetadata(override == null ? null : override.authorName(),
        override == null ? null : override.authorEmail(), message);
  }

  @Override
  public boolean isMirroring() {
    return true;
  }

  @Override
  public String awaitMirrored(Duration timeout) throws SQLException {
    return awaitOwnCommits(timeout);
  }

  /**
   * Waits until this connection's last transaction with changes is in Dolt and returns its commit hash
   * ({@code null} when there is none); remembers the answer, so later Dolt statements do not wait again.
   */
  private String awaitOwnCommits(Duration timeout) throws SQLException {
    if (mirror.streamCapture()) {
      if (walDirty) {
        mirroredHash = mirror.walSync(timeout);
        walDirty = false; // only once the marker came through: a timed-out wait is waited again
      }
      return mirroredHash;
    }
    if (lastTransactionId == null) {
      return null;
    }
    if (!lastTransactionId.equals(mirroredTransactionId)) {
      try {
        mirroredHash = mirror.awaitApplied(lastTransactionId, timeout);
      } catch (QuarantinedTransactionException quarantined) {
        // reported once: the connection's later Dolt statements must not fail for it again
        mirroredHash = null;
        mirroredTransactionId = lastTransactionId;
        throw quarantined;
      }
      mirroredTransactionId = lastTransactionId;
    }
    return mirroredHash;
  }

  /**
   * Before a doltsync procedure: the connection's own commits are in Dolt first, but a quarantined one does not
   * stop the procedures that report and heal it (status, verify, reconcile); it is logged instead.
   */
  private void awaitOwnCommitsForProcedure() throws SQLException {
    try {
      awaitOwnCommits(mirror.syncTimeout());
    } catch (QuarantinedTransactionException quarantined) {
      LOG.debug("a doltsync procedure runs after this connection's last transaction was quarantined: {}",
          quarantined.getMessage());
    }
  }
}
