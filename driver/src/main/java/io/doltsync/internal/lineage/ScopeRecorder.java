package io.doltsync.internal.lineage;

import io.doltsync.internal.journal.JournalEntry;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.lineage.LineageRecord;
import io.doltsync.lineage.LineageScope;
import io.doltsync.lineage.LineageUnit;
import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.internal.mirror.Mirror;
import io.doltsync.sql.Classification;
import io.doltsync.sql.SqlDialect;
import io.doltsync.sql.StatementClassifier;
import io.doltsync.sql.TableReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;

/**
 * The lineage scopes of one doltsync connection: a stack (scopes nest; the innermost records), fed by the
 * session at the points where it already acts. Nothing here runs a statement on the read path: a primary
 * read costs a cached classification lookup and a map update; the commits are resolved when the scope
 * closes. Scopes of different connections are different recorders; the JVM-wide set of open scopes tells
 * a live scope from one a crashed job left open.
 */
public final class ScopeRecorder {

  private static final Logger LOG = DoltSyncLoggers.get(ScopeRecorder.class);
  /** Open scopes of this JVM, by database and flow/run/step. */
  private static final Set<List<String>> OPEN = ConcurrentHashMap.newKeySet();
  private static final AtomicReference<LineageEvents> EVENTS = new AtomicReference<>();
  /** Reads statements that ran on Dolt as written (a detached head's), in Dolt's dialect. */
  private static final StatementClassifier DOLT_CLASSIFIER = new StatementClassifier(SqlDialect.MYSQL);

  /** What the recorder needs from its session. */
  public interface Session {
    /** Waits until this connection's last transaction is in Dolt (read-your-history). */
    String awaitOwnCommits(Duration timeout) throws SQLException;
  }

  private final Mirror mirror;
  private final Session session;
  private final Deque<OpenScope> scopes = new ArrayDeque<>();

  public ScopeRecorder(Mirror mirror, Session session) {
    this.mirror = mirror;
    this.session = session;
  }

  /** Replaces where scope starts and ends are announced (default: the {@code doltsync.lineage.openLineage} option). */
  public static void events(LineageEvents events) {
    EVENTS.set(events);
  }

  private LineageEvents events() throws SQLException {
    LineageEvents events = EVENTS.get();
    return events != null ? events : mirror.lineageEvents();
  }

  /** True while a scope is open. */
  public boolean isActive() {
    return !scopes.isEmpty();
  }

  /** The innermost scope's flow, run and step for commit trailers, or null. */
  public JournalEntry.Lineage current() {
    OpenScope scope = scopes.peek();
    return scope == null ? null : new JournalEntry.Lineage(scope.unit().flow(), scope.unit().runId(), scope.unit().step());
  }

  /** The commit the innermost scope's reads are pinned to, or null. */
  public String pinnedHash() {
    OpenScope scope = scopes.peek();
    return scope == null ? null : scope.pinnedCommit();
  }

  // ---- begin -------------------------------------------------------------------------------------

  /**
   * Opens a scope: checks the pinned commit exists, closes as failed the scopes of the same flow that a
   * crashed job left running, refuses a flow/run/step that was already recorded, and journals the scope as
   * running.
   */
  public LineageScope begin(LineageUnit unit) throws SQLException {
    List<String> key = List.of(mirror.target().database(), unit.flow(), unit.runId(), unit.step());
    if (!OPEN.add(key)) {
      throw new SQLException("lineage scope " + describe(unit) + " is already open in this JVM", "25000");
    }
    try {
      Instant now = Instant.now();
      String pinned = unit.pinnedCommit() == null ? null : resolvePinned(unit.pinnedCommit());
      List<TableChange> changes = new ArrayList<>();
      new ReadCommitResolver(mirror, mirror.syncTimeout()).awaitJournalBefore(now);
      for (LineageTables.RunRow crashed : RunStore.runningOf(mirror, unit.flow())) {
        if (!OPEN.contains(List.of(mirror.target().database(), crashed.flow(), crashed.runId(), crashed.step()))) {
          LOG.warn("lineage: {}/{}/{} was left running by a crashed job (instance {}); closing it as failed",
              crashed.flow(), crashed.runId(), crashed.step(), crashed.instance());
          changes.add(LineageTables.failedRunChange(crashed, now,
              "left open by a crashed job; closed as failed when " + describe(unit) + " started"));
        }
      }
      LineageTables.RunRow existing = RunStore.find(mirror, unit);
      if (existing != null) {
        if (!changes.isEmpty()) {
          mirror.journalInternal(changes, "Lineage: close crashed scopes of " + unit.flow(), null);
        }
        throw new SQLException("lineage scope " + describe(unit) + " was already recorded (state " + existing.state()
            + "); a run's step is recorded once: give the new run a new run id", "23000");
      }
      changes.add(LineageTables.runChange(unit, LineageTables.RUNNING, mirror.instance(), now, null, pinned, null));
      mirror.journalInternal(changes, "Lineage: " + describe(unit) + " started", lineageOf(unit));
      OpenScope scope = new OpenScope(this, unit, now, pinned);
      scopes.push(scope);
      events().started(unit, mirror.target().database(), now);
      LOG.debug("lineage: {} began", scope);
      return scope;
    } catch (SQLException | RuntimeException e) {
      OPEN.remove(key);
      throw e;
    }
  }

  private String resolvePinned(String revision) throws SQLException {
    try (Connection dolt = mirror.target().connect();
        PreparedStatement hash = dolt.prepareStatement("SELECT HASHOF(?)")) {
      hash.setString(1, revision);
      try (ResultSet rs = hash.executeQuery()) {
        if (rs.next() && rs.getString(1) != null) {
          return rs.getString(1);
        }
      }
    } catch (SQLException e) {
      if (!"08".equals(e.getSQLState() == null ? "" : e.getSQLState().substring(0, Math.min(2, e.getSQLState().length())))) {
        throw new SQLException("lineage: the pinned commit '" + revision + "' does not exist in Dolt database "
            + mirror.target().database() + " (" + e.getMessage() + ")", "22023", e);
      }
      throw e;
    }
    throw new SQLException("lineage: the pinned commit '" + revision + "' does not exist in Dolt database "
        + mirror.target().database(), "22023");
  }

  // ---- recording ---------------------------------------------------------------------------------

  /** A text ran on the primary without error: the tables it read are recorded at this instant. */
  public void primaryRead(String sql) {
    OpenScope scope = scopes.peek();
    if (scope == null) {
      return;
    }
    primaryReads(scope, mirror.classifier().classifyCached(sql).tables());
  }

  /**
   * A captured write ran on the primary without error: the tables it read rows from ({@code INSERT ... SELECT},
   * subqueries, joins, MERGE's source, {@code CREATE TABLE AS SELECT}) are recorded at this instant, as a query's.
   */
  public void readsInsideWrite(List<TableReference> reads) {
    OpenScope scope = scopes.peek();
    if (scope == null || reads.isEmpty()) {
      return;
    }
    primaryReads(scope, reads);
  }

  private void primaryReads(OpenScope scope, List<TableReference> tables) {
    if (tables.isEmpty()) {
      return;
    }
    Instant at = null;
    long epoch = mirror.commitEpoch();
    for (TableReference table : tables) {
      // a table read again with no commit of this JVM since is not recorded again: one map lookup
      if (table.read() && scope.firstReadInEpoch(table.key(), epoch) && mirror.filter().isMirrored(table.name())) {
        at = at == null ? Instant.now() : at;
        scope.primaryRead(table.key(), at);
      }
    }
  }

  /**
   * A statement ran on Dolt: each table it read is recorded at the commit it read ({@code AS OF}'s revision,
   * a revision database's, else the session's head), resolved on the session's Dolt connection.
   */
  public void doltRead(Classification classification, Connection dolt) {
    OpenScope scope = scopes.peek();
    if (scope == null || classification == null) {
      return;
    }
    doltReads(scope, classification, dolt);
  }

  /**
   * A statement ran on the connection's detached head ({@code SET @@<db>_head = <commit>}): each table it read
   * without a revision of its own is recorded at the head's commit (the session's {@code HEAD}, which is the
   * hidden branch that holds the detached head).
   */
  public void detachedHeadRead(String sql, Connection dolt) {
    OpenScope scope = scopes.peek();
    if (scope == null) {
      return;
    }
    doltReads(scope, DOLT_CLASSIFIER.classifyCached(sql), dolt);
  }

  private void doltReads(OpenScope scope, Classification classification, Connection dolt) {
    for (TableReference table : classification.tables()) {
      if (!table.read() || LineageTables.isLineageTable(table.name())) {
        continue;
      }
      String revision = revisionOf(table);
      if (revision == null) {
        LOG.debug("lineage: the revision of {} in a Dolt read is an expression; not recorded", table.name());
        continue;
      }
      try (PreparedStatement hash = dolt.prepareStatement("SELECT HASHOF(?)")) {
        hash.setString(1, revision);
        try (ResultSet rs = hash.executeQuery()) {
          if (rs.next() && rs.getString(1) != null) {
            scope.doltRead(table.key(), rs.getString(1));
          }
        }
      } catch (SQLException e) {
        LOG.warn("lineage: cannot resolve revision '{}' of a read of {}: {}", revision, table.name(), e.getMessage());
      }
    }
  }

  /** A read the scope pinned: the tables at the pinned commit. */
  public void pinnedRead(Classification classification) {
    OpenScope scope = scopes.peek();
    if (scope == null) {
      return;
    }
    for (TableReference table : classification.tables()) {
      if (table.read() && !table.hasAsOf()) {
        scope.doltRead(table.key(), scope.pinnedCommit());
      }
    }
  }

  /** The query with every table it reads {@code AS OF} the pinned commit. */
  public String pinned(String sql, Classification classification) throws SQLException {
    String hash = pinnedHash();
    return AsOfRewriter.rewrite(sql, classification.tables(), table -> hash);
  }

  private static String revisionOf(TableReference table) {
    if (table.hasAsOf()) {
      String asOf = table.asOf();
      if (asOf == null || asOf.length() < 2 || !(asOf.startsWith("'") || asOf.startsWith("\""))) {
        return null;
      }
      return asOf.substring(1, asOf.length() - 1).replace("''", "'");
    }
    String schema = table.schema();
    if (schema != null) {
      int delimiter = Math.max(schema.indexOf('/'), schema.indexOf('@'));
      if (delimiter >= 0) {
        return schema.substring(delimiter + 1);
      }
    }
    return "HEAD";
  }

  /** A transaction committed with this journal entry inside the innermost scope. */
  public void committed(JournalEntry entry) {
    OpenScope scope = scopes.peek();
    if (scope == null) {
      return;
    }
    List<String> tables = entry.changes().stream().map(TableChange::table)
        .filter(t -> !LineageTables.isLineageTable(t)).distinct().toList();
    scope.committed(entry.transactionId(), tables, Instant.now());
  }

  // ---- end ---------------------------------------------------------------------------------------

  /** Ends the innermost scope ({@code CALL DOLTSYNC_LINEAGE_END()}). */
  public LineageScope endInnermost(boolean failed, String error) throws SQLException {
    OpenScope scope = scopes.peek();
    if (scope == null) {
      throw new SQLException("lineage: no lineage scope is open on this connection", "25000");
    }
    if (failed) {
      scope.fail(new SQLException(error == null ? "failed" : error));
    }
    end(scope);
    return scope;
  }

  /** Ends a scope: resolves its commits, journals its records (one Dolt commit) and waits for them. */
  void end(OpenScope scope) throws SQLException {
    if (scopes.peek() != scope) {
      throw new SQLException("lineage: " + scope + " is not the innermost open scope of its connection"
          + (scopes.isEmpty() ? " (none is open)" : " (" + scopes.peek() + " is)") + "; close inner scopes first",
          "25000");
    }
    LineageUnit unit = scope.unit();
    List<LineageRecord> records = List.of();
    Throwable failure = scope.failure();
    try {
      Duration timeout = mirror.syncTimeout();
      session.awaitOwnCommits(timeout);
      records = records(scope, timeout);
      Instant ended = Instant.now();
      List<TableChange> changes = new ArrayList<>();
      if (!records.isEmpty()) {
        changes.add(LineageTables.recordsChange(records));
      }
      changes.add(LineageTables.runChange(unit, failure == null ? LineageTables.COMPLETED : LineageTables.FAILED,
          mirror.instance(), scope.started(), ended, scope.pinnedCommit(),
          failure == null ? null : String.valueOf(failure.getMessage())));
      String transaction = mirror.journalInternal(changes, "Lineage: " + describe(unit) + " "
          + (failure == null ? "completed" : "failed") + " (" + count(records, LineageRecord.Kind.READ) + " reads, "
          + count(records, LineageRecord.Kind.WRITE) + " writes)", lineageOf(unit));
      mirror.awaitTransaction(transaction, timeout);
      events().ended(unit, mirror.target().database(), ended, records, failure);
    } finally {
      scopes.pop();
      OPEN.remove(List.of(mirror.target().database(), unit.flow(), unit.runId(), unit.step()));
      scope.closed(records);
    }
  }

  private List<LineageRecord> records(OpenScope scope, Duration timeout) throws SQLException {
    LineageUnit unit = scope.unit();
    Map<String, String> tags = unit.tags();
    List<LineageRecord> records = new ArrayList<>();
    List<Instant> instants = scope.primaryReads.values().stream().flatMap(Set::stream).toList();
    Map<Instant, String> hashes = new ReadCommitResolver(mirror, timeout).resolve(instants);
    java.util.Set<List<String>> seen = new java.util.HashSet<>();
    for (Map.Entry<String, Set<Instant>> table : scope.primaryReads.entrySet()) {
      for (Instant at : table.getValue()) {
        String hash = hashes.get(at);
        if (seen.add(List.of("read", table.getKey(), hash))) {
          records.add(new LineageRecord(unit.flow(), unit.runId(), unit.step(), LineageRecord.Kind.READ,
              table.getKey(), hash, at, tags));
        }
      }
    }
    Instant now = Instant.now();
    for (Map.Entry<String, Set<String>> table : scope.doltReads.entrySet()) {
      for (String hash : table.getValue()) {
        if (seen.add(List.of("read", table.getKey(), hash))) {
          records.add(new LineageRecord(unit.flow(), unit.runId(), unit.step(), LineageRecord.Kind.READ,
              table.getKey(), hash, now, tags));
        }
      }
    }
    for (OpenScope.Committed transaction : scope.transactions) {
      String hash = mirror.awaitTransaction(transaction.transactionId(), timeout);
      if (hash == null || hash.isEmpty()) {
        continue; // the transaction left Dolt as it was: no commit to point at
      }
      for (String table : transaction.tables()) {
        String key = table.toLowerCase(java.util.Locale.ROOT);
        if (seen.add(List.of("write", key, hash))) {
          records.add(new LineageRecord(unit.flow(), unit.runId(), unit.step(), LineageRecord.Kind.WRITE, key, hash,
              transaction.at(), tags));
        }
      }
    }
    return records;
  }

  /** Closes every open scope of the connection as failed (the connection is closing). */
  public void closeAll() {
    while (!scopes.isEmpty()) {
      OpenScope scope = scopes.peek();
      scope.fail(new SQLException("the connection closed with the scope open"));
      try {
        end(scope);
      } catch (SQLException | RuntimeException e) {
        LOG.warn("lineage: cannot record {} as failed when its connection closed: {}", scope, e.getMessage());
      }
    }
  }

  private static long count(List<LineageRecord> records, LineageRecord.Kind kind) {
    return records.stream().filter(r -> r.kind() == kind).count();
  }

  private static JournalEntry.Lineage lineageOf(LineageUnit unit) {
    return new JournalEntry.Lineage(unit.flow(), unit.runId(), unit.step());
  }

  static String describe(LineageUnit unit) {
    return unit.flow() + "/" + unit.runId() + "/" + unit.step();
  }
}
