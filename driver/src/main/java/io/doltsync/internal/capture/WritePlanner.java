package io.doltsync.internal.capture;

import io.doltsync.internal.logging.DoltSyncLoggers;
import io.doltsync.internal.mirror.RowChanges;
import io.doltsync.internal.mirror.SchemaCatalog;
import io.doltsync.internal.procedure.DoltSyncCall;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.IndexSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.sql.Classification;
import io.doltsync.sql.PreSelect;
import io.doltsync.sql.StatementClassifier;
import io.doltsync.sql.StatementKind;
import io.doltsync.sql.TableWrite;
import io.doltsync.sql.ValueSource;
import io.doltsync.sql.WriteAnalysis;
import io.doltsync.sql.WriteAnalyzer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Turns a SQL text into a {@link Plan}: pass-through for reads, Dolt for versioning SQL, and for writes
 * to mirrored tables the cheapest {@link TableEffect} per table that still captures exactly the rows the
 * write changes, falling back to copying whole tables where the text does not tell. Plans are cached per
 * text until the schema catalog changes.
 */
public final class WritePlanner {

  private static final Logger LOG = DoltSyncLoggers.get(WritePlanner.class);
  private static final int MAX_CACHED_PLANS = 10_000;

  private final StatementClassifier classifier;
  private final WriteAnalyzer analyzer;
  private final SchemaCatalog catalog;
  private final SourceDialect dialect;
  private final Map<String, Plan> cache = new ConcurrentHashMap<>();
  private final Set<String> refreshedForTables = ConcurrentHashMap.newKeySet();
  private final Set<String> warnedUnknownTables = ConcurrentHashMap.newKeySet();
  private final DdlNameGuard names;
  /** Planners of the same primary reading its SQL by other lexical rules (a session's sql_mode), by those rules. */
  private final Map<io.doltsync.spi.LexicalRules, WritePlanner> variants = new ConcurrentHashMap<>();

  public WritePlanner(StatementClassifier classifier, WriteAnalyzer analyzer, SchemaCatalog catalog,
      SourceDialect dialect) {
    this.classifier = classifier;
    this.analyzer = analyzer;
    this.catalog = catalog;
    this.dialect = dialect;
    this.names = new DdlNameGuard(catalog, analyzer);
  }

  private WritePlanner(WritePlanner base, io.doltsync.sql.SqlDialect lexical) {
    this.classifier = new StatementClassifier(lexical);
    this.analyzer = new WriteAnalyzer(lexical);
    this.catalog = base.catalog;
    this.dialect = base.dialect;
    this.names = base.names.readingWith(analyzer);
  }

  /**
   * The planner that reads SQL by {@code rules} (this one's dialect and grammar otherwise): this planner for its own
   * rules, else one made once per rules, with its own plans, forgotten with this planner's by {@link #invalidate}.
   */
  public WritePlanner reading(io.doltsync.spi.LexicalRules rules) {
    io.doltsync.sql.SqlDialect own = classifier.dialect();
    if (own.rules().equals(rules)) {
      return this;
    }
    return variants.computeIfAbsent(rules, r -> new WritePlanner(this, own.withRules(r)));
  }

  /** Learns how the primary stores unquoted identifiers, to know the names its DDL creates. */
  public void learnIdentifierCase(java.sql.DatabaseMetaData metaData) throws SQLException {
    names.learnIdentifierCase(metaData);
  }

  /**
   * The plan of a SQL text.
   *
   * @param refresh re-reads the schema catalog on the caller's connection; used once per table name when a
   *                write names a table the catalog does not know (created since it was read, possibly in the
   *                caller's own uncommitted transaction)
   */
  public Plan plan(String sql, CatalogRefresh refresh) throws SQLException {
    Plan cached = cache.get(sql);
    if (cached != null) {
      return cached;
    }
    String text = withoutJdbcEscapeBraces(sql);
    DoltSyncCall call = text.toLowerCase(Locale.ROOT).contains(DoltSyncCall.PREFIX)
        ? DoltSyncCall.parse(text, classifier.dialect()) : null;
    Set<String> unknown = new LinkedHashSet<>();
    Plan plan = call != null ? new ProcedurePlan(call) : planUncached(text, unknown);
    if (!unknown.isEmpty() && refreshedForTables.addAll(unknown)) {
      refresh.reload();
      unknown.clear();
      plan = planUncached(text, unknown);
    }
    if (!(plan instanceof DoltPlan)) {
      unknown.forEach(this::warnUnknown);
    }
    if (cache.size() >= MAX_CACHED_PLANS) {
      cache.clear();
    }
    cache.put(sql, plan);
    return plan;
  }

  /**
   * The plan of a row change made through an updatable result set on {@code tableName} (as the driver's
   * result-set metadata names it): the row's keys before and after the change, and every table the change's
   * foreign-key actions or triggers reach, copied whole as for a statement. {@link Plan#PASS_THROUGH} for a
   * table doltsync does not mirror.
   *
   * @param kind               {@code INSERT}, {@code UPDATE} or {@code DELETE}
   * @param insertKeyReported  whether the driver reports an inserted row's values (database-generated key
   *                           included) on its insert row after {@code insertRow}; else an insert's key is the
   *                           one the application gave, where certain, and the table is copied whole otherwise
   * @param refresh            re-reads the catalog once when it does not know a mirrored table of that name
   */
  public Plan planResultSetRowChange(String tableName, StatementKind kind, boolean insertKeyReported, ResultSetRow row,
      CatalogRefresh refresh) throws SQLException {
    String key = names.storedKey(tableName.toLowerCase(Locale.ROOT));
    if (!catalog.isMirroredName(key)) {
      return Plan.PASS_THROUGH;
    }
    Optional<TableSchema> known = catalog.table(key);
    if (known.isEmpty() && refreshedForTables.add(key)) {
      refresh.reload();
      known = catalog.table(key);
    }
    if (known.isEmpty()) {
      warnUnknown(key);
      return Plan.PASS_THROUGH;
    }
    TableSchema table = known.get();
    String text = "updatable result set " + kind.name().toLowerCase(Locale.ROOT) + "Row on " + tableName;
    Map<String, TableEffect> effects = new LinkedHashMap<>();
    TableEffect own;
    if (!table.hasPrimaryKey()) {
      own = new TableEffect.WholeTable(key, "a row changed through an updatable result set on a table without a"
          + " primary key");
    } else {
      own = new TableEffect.ResultSetRowKeys(key, table, kind, row, insertKeyReported);
    }
    effects.put(key, own);
    RowChanges changes = switch (kind) {
      case DELETE -> RowChanges.DELETE;
      case UPDATE -> RowChanges.updatingAnyColumn();
      default -> RowChanges.NONE;
    };
    for (String dependent : catalog.dependents(key, changes).keySet()) {
      putUnlessSchemaChange(effects, dependent, new TableEffect.WholeTable(dependent,
          "a foreign-key action or trigger of " + key + " changes its rows"));
    }
    for (TableEffect effect : effects.values()) {
      if (effect instanceof TableEffect.WholeTable whole) {
        CopyLog.note(text, whole.tableKey(), whole.reason());
      }
    }
    return new WritePlan(kind, List.copyOf(effects.values()), false);
  }

  /** The classifier plans are made with. */
  public StatementClassifier classifier() {
    return classifier;
  }

  /** Forgets every plan (after DDL: effects depend on the schema). */
  public void invalidate() {
    cache.clear();
    refreshedForTables.clear();
    variants.values().forEach(WritePlanner::invalidate);
  }

  /** Re-reads the schema catalog. */
  @FunctionalInterface
  public interface CatalogRefresh {
    void reload() throws SQLException;
  }

  /** The plan of a text already out of its JDBC escape braces ({@link #withoutJdbcEscapeBraces}). */
  private Plan planUncached(String text, Set<String> unknownTables) throws SQLException {
    Classification classification = classifier.classify(text);
    if (classification.routesToDolt(catalog::hasPrimaryTable)) {
      for (String table : classification.systemTables()) {
        if (!catalog.hasPrimaryTable(table)) {
          unknownTables.add(table); // created since the catalog was read? read it again once
        }
      }
      return new DoltPlan(classification);
    }
    StatementKind kind = classification.kind();
    if (kind == StatementKind.BEGIN || kind == StatementKind.COMMIT || kind == StatementKind.ROLLBACK
        || kind == StatementKind.ROLLBACK_TO_SAVEPOINT) {
      return new TransactionControlPlan(kind);
    }
    if (!classification.isWrite()) {
      return Plan.PASS_THROUGH;
    }
    if (kind.isDdl()) {
      names.check(text);
    }
    WriteAnalysis analysis = analyzer.analyze(text);
    List<TableEffect> effects = switch (analysis.status()) {
      case NOT_A_WRITE -> conservativeEffects(text, analysis); // the tokens say it writes: trust them
      case UNPARSEABLE -> conservativeEffects(text, analysis);
      case ANALYZED -> analysis.kind() == StatementKind.CALL ? everyTable() : effectsOf(text, analysis, unknownTables);
    };
    boolean schemaChange = kind.isDdl();
    if (effects.isEmpty() && !schemaChange) {
      return Plan.PASS_THROUGH;
    }
    List<io.doltsync.sql.TableReference> reads =
        classification.tables().stream().filter(io.doltsync.sql.TableReference::read).toList();
    WritePlan returning = analysis.status() == WriteAnalysis.Status.ANALYZED && !classification.multiStatement()
        ? returningVariant(text, analysis, effects, reads) : null;
    // a copy the returning variant replaces is logged when an execution falls back to it (TableEffect.Returned)
    List<TableEffect> copying = returning == null ? effects : returning.effects();
    for (TableEffect effect : copying) {
      if (effect instanceof TableEffect.WholeTable whole) {
        CopyLog.note(text, whole.tableKey(), whole.reason());
      }
    }
    boolean oneStatement = analysis.status() == WriteAnalysis.Status.ANALYZED && !classification.multiStatement();
    return new WritePlan(kind, effects, schemaChange, reads, returning, oneStatement,
        schemaChange ? namedSchemaTables(analysis) : null);
  }

  /**
   * The tables an analysed DDL statement names as those it changes (created, altered, dropped, renamed, indexed), be
   * they mirrored or not, or {@code null} when the analysis did not read it or it names none (a {@code CREATE VIEW},
   * {@code ALTER DOMAIN}, {@code CREATE FUNCTION}, …, which may change what any table's schema says).
   */
  private List<String> namedSchemaTables(WriteAnalysis analysis) {
    if (analysis.status() != WriteAnalysis.Status.ANALYZED || analysis.tableWrites().isEmpty()) {
      return null;
    }
    List<String> keys = new ArrayList<>();
    for (TableWrite write : analysis.tableWrites()) {
      keys.add(names.storedKey(write.table().toLowerCase(Locale.ROOT)));
      if (write.renamedTo() != null) {
        keys.add(names.storedKey(write.renamedTo().toLowerCase(Locale.ROOT)));
      }
    }
    return keys;
  }

  // ---- rows returned by the statement itself (PostgreSQL) ------------------------------------------

  /**
   * The plan of a PostgreSQL single-table UPDATE or DELETE executed so that it returns the rows it changes
   * ({@link TableEffect.Returned}), when its rows would otherwise be read before it by a locking SELECT: an
   * UPDATE of a keyed table that assigns no key column ({@link TableEffect.PreSelected}), a DELETE of a keyed
   * table, or a DELETE of a keyless table ({@link TableEffect.KeylessRows}). Only a statement whose only row
   * source is its table (no {@code FROM}/{@code USING} list whose columns a {@code RETURNING} could confuse),
   * without its own {@code RETURNING}, on a table without triggers; else {@code null}. A plain INSERT whose
   * rows the statement does not determine (values or keys the database computes, columns left to their
   * defaults) returns the rows it inserted ({@link #insertReturningVariant}) instead of copying the table.
   */
  private WritePlan returningVariant(String sql, WriteAnalysis analysis, List<TableEffect> effects,
      List<io.doltsync.sql.TableReference> reads) {
    if (dialect instanceof io.doltsync.internal.dialect.MySqlDialect && analysis.tableWrites().size() == 1
        && analysis.tableWrites().get(0).operation() == TableWrite.Operation.INSERT
        && analysis.mentionedIdentifiers().stream().noneMatch("RETURNING"::equalsIgnoreCase)) {
      return mariaDbInsertReturningVariant(sql, analysis.tableWrites().get(0), analysis, effects, reads);
    }
    if (dialect instanceof io.doltsync.internal.dialect.MySqlDialect && analysis.tableWrites().size() == 1
        && analysis.tableWrites().get(0).operation() == TableWrite.Operation.DELETE
        && analysis.mentionedIdentifiers().stream().noneMatch("RETURNING"::equalsIgnoreCase)) {
      return mariaDbDeleteReturningVariant(sql, analysis.tableWrites().get(0), analysis, effects, reads);
    }
    if (!(dialect instanceof io.doltsync.internal.dialect.PostgreSqlDialect) || analysis.tableWrites().size() != 1
        || !endsAtItsStatement(sql)) {
      return null;
    }
    if (analysis.mentionedIdentifiers().stream().anyMatch("RETURNING"::equalsIgnoreCase)) {
      return ownReturningVariant(sql, analysis, effects, reads);
    }
    TableWrite write = analysis.tableWrites().get(0);
    if (write.operation() == TableWrite.Operation.INSERT) {
      return insertReturningVariant(sql, write, analysis, effects, reads);
    }
    PreSelect preSelect = write.preSelect();
    if ((write.operation() != TableWrite.Operation.UPDATE && write.operation() != TableWrite.Operation.DELETE)
        || preSelect == null || preSelect.tailClause() != null || !onlyRowSource(preSelect.fromClause())) {
      return null;
    }
    TableSchema written = catalog.table(names.storedKey(write.table().toLowerCase(Locale.ROOT))).orElse(null);
    List<TableEffect> variant = new ArrayList<>(effects);
    for (int i = 0; i < variant.size(); i++) {
      TableEffect returned = returned(sql, write, variant.get(i), written);
      if (returned != null) {
        variant.set(i, returned);
        return new WritePlan(analysis.kind(), variant, false, reads);
      }
    }
    return null;
  }

  /**
   * True when nothing but whitespace follows the text's last {@code ;}: pgjdbc sends what follows one (a comment,
   * {@code UPDATE t ...; -- done}) as a statement of its own, with a result of its own, and adds the columns it is
   * asked to return to that one.
   */
  private boolean endsAtItsStatement(String sql) {
    io.doltsync.sql.lex.SqlLexer lexer = new io.doltsync.sql.lex.SqlLexer(sql, classifier.dialect());
    int afterSemicolon = -1;
    for (io.doltsync.sql.lex.TokenType type = lexer.next(); type != io.doltsync.sql.lex.TokenType.END;
        type = lexer.next()) {
      if (type == io.doltsync.sql.lex.TokenType.SEMICOLON) {
        afterSemicolon = lexer.end();
      }
    }
    return afterSemicolon < 0 || sql.substring(afterSemicolon).isBlank();
  }

  /**
   * A PostgreSQL INSERT, UPDATE or DELETE with a RETURNING list of its own whose rows would otherwise be copied
   * whole, read before it or read at commit: its RETURNING list is extended with the columns the capture needs
   * ({@link ExtendedReturning}), which it then reads from the same rows the application reads. An INSERT (no
   * {@code ON CONFLICT}) whose effect is a whole-table copy or keys read at commit returns every column, its rows'
   * images (a keyed table) or rows added (a keyless one); an UPDATE or DELETE returns what {@link #returned} says,
   * under the same conditions as without a RETURNING of its own (its table its only row source). Not on a table with
   * triggers or rules; {@code null} when the text's RETURNING list cannot be extended or nothing would be saved.
   */
  private WritePlan ownReturningVariant(String sql, WriteAnalysis analysis, List<TableEffect> effects,
      List<io.doltsync.sql.TableReference> reads) {
    TableWrite write = analysis.tableWrites().get(0);
    TableSchema table = catalog.table(names.storedKey(write.table().toLowerCase(Locale.ROOT))).orElse(null);
    if (table == null || !table.triggerSources().isEmpty()) {
      return null;
    }
    TableEffect.Returned returned = null;
    int at = -1;
    if (write.operation() == TableWrite.Operation.INSERT) {
      if (write.upsert() != TableWrite.Upsert.NONE || effects.size() != 1
          || !table.key().equals(effects.get(0).tableKey())
          || !(effects.get(0) instanceof TableEffect.WholeTable || effects.get(0) instanceof TableEffect.KnownKeys)) {
        return null;
      }
      returned = new TableEffect.Returned(table.key(), table, sql,
          table.hasPrimaryKey() ? TableEffect.Returned.Kind.UPDATED_IMAGES : TableEffect.Returned.Kind.INSERTED_ROWS,
          table.columns().stream().map(ColumnSchema::name).toList(), effects.get(0));
      at = 0;
    } else {
      PreSelect preSelect = write.preSelect();
      if ((write.operation() != TableWrite.Operation.UPDATE && write.operation() != TableWrite.Operation.DELETE)
          || preSelect == null || preSelect.tailClause() != null || !onlyRowSource(preSelect.fromClause())) {
        return null;
      }
      for (int i = 0; i < effects.size() && returned == null; i++) {
        if (returned(sql, write, effects.get(i), table) instanceof TableEffect.Returned found) {
          returned = found;
          at = i;
        }
      }
    }
    if (returned == null) {
      return null;
    }
    ExtendedReturning extended = ExtendedReturning.of(sql, classifier.dialect(), returned.columns(),
        dialect::quoteIdentifier);
    if (extended == null) {
      return null;
    }
    List<TableEffect> variant = new ArrayList<>(effects);
    variant.set(at, new TableEffect.Returned(returned.tableKey(), returned.table(), sql, returned.kind(),
        returned.columns(), returned.fallback(), extended));
    return new WritePlan(analysis.kind(), variant, false, reads);
  }

  /**
   * A PostgreSQL INSERT (VALUES, {@code DEFAULT VALUES} or a SELECT; no {@code ON CONFLICT}) that would copy
   * its table whole because its rows are not all in its text (a value or key the database computes, such as
   * {@code NOW()} or {@code nextval}, a column left to its default): executed so that it returns every column
   * of the rows it inserted. Into a keyless table they are journaled as copies added to the multiset
   * ({@link TableEffect.Returned.Kind#INSERTED_ROWS}); into a keyed table as the rows' images, keyed by their
   * returned key ({@link TableEffect.Returned.Kind#UPDATED_IMAGES}: the image after the statement, which the
   * transaction's own row lock keeps). Not on a table with triggers or rules (what they store is not what
   * the statement returns); {@code null} when the statement's only effect is not such a copy.
   */
  private WritePlan insertReturningVariant(String sql, TableWrite write, WriteAnalysis analysis,
      List<TableEffect> effects, List<io.doltsync.sql.TableReference> reads) {
    TableSchema table = copiedWithoutTriggers(write, effects);
    if (table == null) {
      return null;
    }
    TableEffect.WholeTable whole = (TableEffect.WholeTable) effects.get(0);
    TableEffect.Returned returned = new TableEffect.Returned(table.key(), table, sql,
        table.hasPrimaryKey() ? TableEffect.Returned.Kind.UPDATED_IMAGES : TableEffect.Returned.Kind.INSERTED_ROWS,
        table.columns().stream().map(ColumnSchema::name).toList(), whole);
    return new WritePlan(analysis.kind(), List.of(returned), false, reads);
  }

  /**
   * A MySQL-family INSERT (VALUES or SELECT; no {@code ON DUPLICATE KEY UPDATE}, no RETURNING of its own) that would
   * copy its table whole (a value or key the server computes, such as {@code NOW()}, a default doltsync cannot
   * read, a keyless table's rows it cannot predict), sent with {@code RETURNING <every column>} appended
   * ({@link ExtendedReturning#appendedTo}) when the session runs it on MariaDB 10.5+: the rows it inserted are then
   * journaled as rows added (keyless) or images by their returned key (keyed), and the application is answered with
   * their count. Not on a table with triggers (what they store is not what the statement returns).
   */
  private WritePlan mariaDbInsertReturningVariant(String sql, TableWrite write, WriteAnalysis analysis,
      List<TableEffect> effects, List<io.doltsync.sql.TableReference> reads) {
    TableSchema table = copiedWithoutTriggers(write, effects);
    if (table == null) {
      return null;
    }
    TableEffect.WholeTable whole = (TableEffect.WholeTable) effects.get(0);
    List<String> columns = table.columns().stream().map(ColumnSchema::name).toList();
    java.util.Map<String, ColumnSchema> byName = new java.util.HashMap<>();
    table.columns().forEach(column -> byName.put(column.name(), column));
    // each column as a row reader selects it (MariaDB's FLOAT exactly, as CAST(... AS DOUBLE), not its 6-digit text)
    ExtendedReturning appended = ExtendedReturning.appendedTo(sql, classifier.dialect(), columns,
        name -> dialect.selectColumn(byName.get(name)));
    if (appended == null) {
      return null;
    }
    TableEffect.Returned returned = new TableEffect.Returned(table.key(), table, sql,
        table.hasPrimaryKey() ? TableEffect.Returned.Kind.UPDATED_IMAGES : TableEffect.Returned.Kind.INSERTED_ROWS,
        columns, whole, appended);
    return new WritePlan(analysis.kind(), List.of(returned), false, reads);
  }

  /**
   * A MySQL-family single-table DELETE whose removed rows doltsync learns by a locking read before it (a keyless
   * table's complete rows, {@link TableEffect.KeylessRows}; a keyed table's keys by a non-key predicate,
   * {@link TableEffect.PreSelected}) or not at all (a whole-table copy), sent with {@code RETURNING <every column>}
   * (keyless) or {@code RETURNING <its key>} (keyed) appended when the session runs it on MariaDB 10.5+
   * ({@link ExtendedReturning#appendedTo}): the returned rows are journaled as rows removed or keys deleted, the read
   * before it is not sent, and the application is answered with their count. Only a statement whose only row source
   * is its table (MariaDB has no RETURNING for a multi-table DELETE) and that reads no table in a subquery, on a table
   * without triggers; its other effects (foreign-key actions) stay as planned. {@code null} when none of its effects is such a read or copy.
   */
  private WritePlan mariaDbDeleteReturningVariant(String sql, TableWrite write, WriteAnalysis analysis,
      List<TableEffect> effects, List<io.doltsync.sql.TableReference> reads) {
    PreSelect preSelect = write.preSelect();
    TableSchema table = catalog.table(names.storedKey(write.table().toLowerCase(Locale.ROOT))).orElse(null);
    if (preSelect == null || !onlyRowSource(preSelect.fromClause()) || table == null || !reads.isEmpty()
        || !table.triggerSources().isEmpty()) {
      return null;
    }
    for (int i = 0; i < effects.size(); i++) {
      TableEffect effect = effects.get(i);
      if (!table.key().equals(effect.tableKey())
          || !(effect instanceof TableEffect.PreSelected || effect instanceof TableEffect.KeylessRows
          || effect instanceof TableEffect.WholeTable)) {
        continue;
      }
      if (effect instanceof TableEffect.KeylessRows keyless && !keyless.assignments().isEmpty()) {
        return null;
      }
      boolean keyed = table.hasPrimaryKey();
      List<String> columns = keyed ? table.primaryKey() : table.columns().stream().map(ColumnSchema::name).toList();
      java.util.Map<String, ColumnSchema> byName = new java.util.HashMap<>();
      table.columns().forEach(column -> byName.put(column.name(), column));
      ExtendedReturning appended = ExtendedReturning.appendedTo(sql, classifier.dialect(), columns,
          name -> dialect.selectColumn(byName.get(name)));
      if (appended == null) {
        return null;
      }
      List<TableEffect> variant = new ArrayList<>(effects);
      variant.set(i, new TableEffect.Returned(table.key(), table, sql,
          keyed ? TableEffect.Returned.Kind.DELETED_KEYS : TableEffect.Returned.Kind.DELETED_ROWS, columns, effect,
          appended));
      return new WritePlan(analysis.kind(), variant, false, reads);
    }
    return null;
  }

  /**
   * The schema of the one table an INSERT (no upsert) would copy whole, when that copy is its only effect and the
   * table has no triggers (what they store is not what the statement returns); else {@code null}.
   */
  private TableSchema copiedWithoutTriggers(TableWrite write, List<TableEffect> effects) {
    if (write.upsert() != TableWrite.Upsert.NONE || effects.size() != 1
        || !(effects.get(0) instanceof TableEffect.WholeTable whole)) {
      return null;
    }
    TableSchema table = catalog.table(names.storedKey(write.table().toLowerCase(Locale.ROOT))).orElse(null);
    return table == null || !table.key().equals(whole.tableKey()) || !table.triggerSources().isEmpty() ? null : table;
  }

  /**
   * The returning form of the statement's own effect, or {@code null} when it has none.
   *
   * @param written the written table's schema, or {@code null} when the catalog does not hold it
   */
  private static TableEffect returned(String sql, TableWrite write, TableEffect effect, TableSchema written) {
    boolean delete = write.operation() == TableWrite.Operation.DELETE;
    if (effect instanceof TableEffect.KnownKeys keys && keys.keyRows().size() == 1 && written != null
        && written.key().equals(keys.tableKey()) && written.hasPrimaryKey() && written.triggerSources().isEmpty()
        && (delete || (!write.assignments().isEmpty() && assignsNoKeyColumn(write, written)))) {
      // by full key: an UPDATE's new values the statement does not determine (computed, or not every column
      // assigned): the returned row is its image; a DELETE's returned key its deletion, which then mixes with
      // returned images of the same table without a read at commit; without returned rows, the key is read as before
      return new TableEffect.Returned(keys.tableKey(), written, sql,
          delete ? TableEffect.Returned.Kind.DELETED_KEYS : TableEffect.Returned.Kind.UPDATED_IMAGES,
          delete ? written.primaryKey() : written.columns().stream().map(ColumnSchema::name).toList(), effect);
    }
    if (effect instanceof TableEffect.PreSelected pre && pre.verifyCount() && pre.newKeyValues().isEmpty()
        && pre.table().triggerSources().isEmpty()) {
      TableSchema table = pre.table();
      return new TableEffect.Returned(pre.tableKey(), table, sql,
          delete ? TableEffect.Returned.Kind.DELETED_KEYS : TableEffect.Returned.Kind.UPDATED_IMAGES,
          delete ? table.primaryKey() : table.columns().stream().map(ColumnSchema::name).toList(), effect);
    }
    if (effect instanceof TableEffect.KeylessRows keyless && delete && keyless.assignments().isEmpty()
        && keyless.table().triggerSources().isEmpty()) {
      TableSchema table = keyless.table();
      return new TableEffect.Returned(keyless.tableKey(), table, sql, TableEffect.Returned.Kind.DELETED_ROWS,
          table.columns().stream().map(ColumnSchema::name).toList(), effect);
    }
    return null;
  }

  /** True when the UPDATE assigns none of the table's key columns (a moved row keeps the commit-time read). */
  private static boolean assignsNoKeyColumn(TableWrite write, TableSchema table) {
    for (String assigned : write.assignments().keySet()) {
      String column = unquote(assigned);
      if (table.primaryKey().stream().anyMatch(column::equalsIgnoreCase)) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when a pre-select's FROM text is the written table alone ({@code t}, {@code ONLY t}, {@code t x},
   * {@code "T" AS x}): no list, join or subquery. Conservative: a name holding a comma, parenthesis or the
   * word JOIN counts as not alone.
   */
  static boolean onlyRowSource(String fromClause) {
    if (fromClause.indexOf(',') >= 0 || fromClause.indexOf('(') >= 0) {
      return false;
    }
    for (String word : fromClause.strip().split("\\s+")) {
      if (word.equalsIgnoreCase("JOIN")) {
        return false;
      }
    }
    return true;
  }

  private List<TableEffect> effectsOf(String sql, WriteAnalysis analysis, Set<String> unknownTables) {
    Map<String, TableEffect> effects = new LinkedHashMap<>();
    boolean single = analysis.tableWrites().size() == 1;
    boolean returnsRows = analysis.mentionedIdentifiers().stream().anyMatch("RETURNING"::equalsIgnoreCase);
    for (TableWrite write : analysis.tableWrites()) {
      String key = names.storedKey(write.table().toLowerCase(Locale.ROOT));
      if (!catalog.isMirroredName(key)) {
        continue;
      }
      switch (write.operation()) {
        case CREATE -> effects.put(key,
            TableEffect.SchemaChange.create(key, single && !write.insertFromSelect() && createsEmptyTable(sql)));
        case DROP -> effects.put(key, TableEffect.SchemaChange.drop(key));
        case ALTER -> effects.put(key, new TableEffect.SchemaChange(key));
        case RENAME -> {
          effects.put(key, new TableEffect.SchemaChange(key));
          if (write.renamedTo() != null && catalog.isMirroredName(write.renamedTo())) {
            String renamed = names.storedKey(write.renamedTo().toLowerCase(Locale.ROOT));
            effects.put(renamed, new TableEffect.SchemaChange(renamed));
          }
        }
        case TRUNCATE -> putUnlessSchemaChange(effects, key, new TableEffect.WholeTable(key, "TRUNCATE"));
        case INSERT, UPDATE, DELETE -> {
          Optional<TableSchema> table = catalog.table(key);
          if (table.isEmpty()) {
            unknownTables.add(key);
            continue;
          }
          putUnlessSchemaChange(effects, key, rowEffect(sql, write, table.get(), single, returnsRows));
          for (String dependent : catalog.dependents(key, rowChanges(write, single)).keySet()) {
            putUnlessSchemaChange(effects, dependent, new TableEffect.WholeTable(dependent,
                "a foreign-key action or trigger of " + key + " changes its rows"));
          }
        }
      }
    }
    return List.copyOf(effects.values());
  }

  /** Words after which a {@code CREATE TABLE} may make a table that exists already or holds rows. */
  private static final Set<String> NOT_EMPTY_CREATE_WORDS = Set.of("IF", "AS", "SELECT", "LIKE", "INHERITS",
      "PARTITION", "OF", "VALUES", "EXECUTE", "TABLE", "CLONE", "WITH", "IGNORE", "REPLACE", "UNION", "TEMPORARY",
      "TEMP", "SEQUENCE", "DIRECTORY", "CONNECTION");
  /** MariaDB storage engines whose {@code CREATE TABLE} makes new, empty storage (others may map existing data). */
  private static final Set<String> EMPTY_ENGINES = Set.of("INNODB", "ARIA", "MYISAM", "MEMORY", "HEAP");

  /**
   * Whether the text can only create a new, empty table: {@code CREATE [OR REPLACE] TABLE name (...)} with table
   * options, one statement, none of {@link #NOT_EMPTY_CREATE_WORDS} after {@code TABLE} ({@code IF NOT EXISTS} may
   * leave an existing table with its rows; {@code AS}, {@code SELECT}, {@code LIKE}, {@code INHERITS},
   * {@code PARTITION OF}, ... may fill it or tie it to another table's rows), and an {@code ENGINE} only of
   * {@link #EMPTY_ENGINES} (MariaDB's {@code CONNECT}, {@code MERGE}, {@code FEDERATED}, ... map existing data).
   * Anything else keeps the read of the table at commit.
   */
  private boolean createsEmptyTable(String sql) {
    io.doltsync.sql.lex.SqlLexer lexer = new io.doltsync.sql.lex.SqlLexer(sql, classifier.dialect());
    int word = 0;
    boolean afterTable = false;
    boolean engine = false;
    for (io.doltsync.sql.lex.TokenType type = lexer.next(); type != io.doltsync.sql.lex.TokenType.END;
        type = lexer.next()) {
      if (type == io.doltsync.sql.lex.TokenType.SEMICOLON) {
        return lexer.next() == io.doltsync.sql.lex.TokenType.END;
      }
      if (type != io.doltsync.sql.lex.TokenType.WORD) {
        if (!afterTable) {
          return false;
        }
        continue;
      }
      String text = lexer.tokenText().toUpperCase(Locale.ROOT);
      if (!afterTable) {
        boolean expected = switch (word++) {
          case 0 -> text.equals("CREATE");
          case 1 -> text.equals("OR") || text.equals("TABLE");
          case 2 -> text.equals("REPLACE");
          case 3 -> text.equals("TABLE");
          default -> false;
        };
        if (!expected) {
          return false;
        }
        afterTable = text.equals("TABLE");
      } else if (NOT_EMPTY_CREATE_WORDS.contains(text) || engine && !EMPTY_ENGINES.contains(text)) {
        return false;
      } else {
        engine = text.equals("ENGINE");
      }
    }
    return afterTable && !engine;
  }

  /**
   * What the write does to the table's existing rows, for the referential actions it fires: a DELETE
   * deletes; an UPDATE sets its assigned columns (any column when the statement writes several tables,
   * whose assignments the analysis may not split exactly); a plain INSERT or INSERT IGNORE changes none;
   * an upsert updates its assigned columns; a REPLACE deletes the rows it collides with; a MERGE may do
   * anything.
   */
  static RowChanges rowChanges(TableWrite write, boolean singleTableStatement) {
    return switch (write.operation()) {
      case DELETE -> RowChanges.DELETE;
      case UPDATE -> singleTableStatement && !write.assignments().isEmpty()
          ? RowChanges.updating(write.assignments().keySet()) : RowChanges.updatingAnyColumn();
      case INSERT -> switch (write.upsert()) {
        case NONE, IGNORE -> RowChanges.NONE;
        case UPDATE -> write.assignments().isEmpty()
            ? RowChanges.updatingAnyColumn() : RowChanges.updating(write.assignments().keySet());
        case REPLACE -> RowChanges.DELETE;
        case MERGE -> RowChanges.ANY;
      };
      default -> RowChanges.ANY;
    };
  }

  private void putUnlessSchemaChange(Map<String, TableEffect> effects, String key, TableEffect effect) {
    boolean mySql = dialect instanceof io.doltsync.internal.dialect.MySqlDialect;
    TableEffect existing = effects.get(key);
    if (existing instanceof TableEffect.SchemaChange) {
      return;
    }
    if (existing instanceof TableEffect.KnownKeys known && effect instanceof TableEffect.KnownKeys more && mySql) {
      // several statements of one text, each naming its keys (UPDATE t ... WHERE id = 8; DELETE FROM t WHERE id = 6):
      // every key any of them names, read at commit, rather than a copy whose scan locks every row (MySQL/MariaDB;
      // PostgreSQL at READ COMMITTED copies without row locks)
      List<List<ValueSource>> rows = new ArrayList<>(known.keyRows());
      rows.addAll(more.keyRows());
      effects.put(key, new TableEffect.KnownKeys(key, rows));
      return;
    }
    if (existing != null && !existing.equals(effect)) {
      effects.put(key, new TableEffect.WholeTable(key));
      return;
    }
    effects.put(key, effect);
  }

  /**
   * @param returnsRows the statement has its own RETURNING clause: the application reads its rows, so the
   *                    driver's generated keys are not asked for (PostgreSQL would move the rows there)
   */
  private TableEffect rowEffect(String sql, TableWrite write, TableSchema table, boolean singleTableStatement,
      boolean returnsRows) {
    String key = table.key();
    if (!table.hasPrimaryKey()) {
      return keylessEffect(sql, write, table, singleTableStatement);
    }
    return switch (write.operation()) {
      case INSERT -> insertEffect(sql, write, table, returnsRows);
      case UPDATE, DELETE -> {
        TableEffect keyed = keyedEffect(write, table, singleTableStatement);
        if (write.operation() == TableWrite.Operation.DELETE) {
          yield keyed instanceof TableEffect.KnownKeys keys
              ? deletedKey(table, singleTableStatement, keys).orElse(keyed) : keyed;
        }
        if (keyed instanceof TableEffect.PreSelected found) {
          yield preSelectedColumnChanges(sql, write, table, singleTableStatement, found).orElse(keyed);
        }
        yield keyed instanceof TableEffect.KnownKeys keys
            ? updatedImages(sql, write, table, singleTableStatement, keys)
                .or(() -> changedColumns(sql, write, table, singleTableStatement, keys)).orElse(keyed) : keyed;
      }
      default -> new TableEffect.WholeTable(key);
    };
  }

  /**
   * An UPDATE whose WHERE pins every key column to an integer literal or parameter and whose SET gives every
   * other column a literal or parameter determines its row's image when it matches the row, on a primary whose
   * values the capture predicts (MySQL/MariaDB, PostgreSQL, H2), a single-table statement, no trigger, no generated
   * column, no key column that is {@code ON UPDATE} (it would change, unassigned). Integer
   * keys only: a text or decimal equality may match a row whose key is stored otherwise ({@code 'a' = 'A '}
   * under a case- and pad-insensitive collation, {@code 1.0 = 1.00}).
   */
  private Optional<TableEffect> updatedImages(String sql, TableWrite write, TableSchema table,
      boolean singleTableStatement, TableEffect.KnownKeys keys) {
    if (!singleTableStatement || keys.keyRows().size() != 1 || !table.triggerSources().isEmpty() || !predictsUpdates()
        || sql.toLowerCase(Locale.ROOT).contains("time_zone")) {
      return Optional.empty();
    }
    List<ValueSource> sources = new ArrayList<>();
    List<String> primaryKey = table.primaryKey();
    for (ColumnSchema column : table.columns()) {
      if (ColumnSchema.GENERATED.equals(column.defaultValue())) {
        return Optional.empty();
      }
      int keyPosition = -1;
      for (int k = 0; k < primaryKey.size(); k++) {
        if (primaryKey.get(k).equalsIgnoreCase(column.name())) {
          keyPosition = k;
        }
      }
      ValueSource source = null;
      if (keyPosition >= 0) {
        if (column.onUpdate() != null) {
          return Optional.empty(); // the one column left unassigned, changed on update
        }
        int type = column.jdbcType();
        if (type != java.sql.Types.TINYINT && type != java.sql.Types.SMALLINT && type != java.sql.Types.INTEGER
            && type != java.sql.Types.BIGINT) {
          return Optional.empty();
        }
        source = keys.keyRows().get(0).get(keyPosition);
      } else {
        for (Map.Entry<String, ValueSource> assignment : write.assignments().entrySet()) {
          if (unquote(assignment.getKey()).equalsIgnoreCase(column.name())) {
            source = assignment.getValue();
          }
        }
      }
      if (source == null || (source.type() != ValueSource.Type.LITERAL && source.type() != ValueSource.Type.PARAMETER)) {
        return Optional.empty();
      }
      sources.add(source);
    }
    for (String assigned : write.assignments().keySet()) {
      if (columnIndex(table, assigned) < 0) {
        return Optional.empty();
      }
    }
    return Optional.of(new TableEffect.UpdatedImages(table.key(), table, List.copyOf(sources), keys));
  }

  /**
   * An UPDATE by key on MySQL/MariaDB that assigns some columns literals, parameters or exact amounts added to
   * themselves ({@code c = c + ?}) may be journaled as those column changes ({@link TableEffect.ChangedColumns}):
   * its WHERE pins every key column to a literal or parameter, and its assignments are column changes
   * ({@link #columnChanges}).
   */
  private Optional<TableEffect> changedColumns(String sql, TableWrite write, TableSchema table,
      boolean singleTableStatement, TableEffect.KnownKeys keys) {
    java.util.TreeMap<Integer, ValueSource> assigned = columnChanges(sql, write, table, singleTableStatement);
    if (assigned == null || keys.keyRows().size() != 1) {
      return Optional.empty();
    }
    return Optional.of(new TableEffect.ChangedColumns(table.key(), table, keys.keyRows().get(0),
        List.copyOf(assigned.keySet()), List.copyOf(assigned.values()), keys));
  }

  /**
   * An UPDATE on MySQL/MariaDB whose rows a locking SELECT finds before it (by a partial key, TPC-C Delivery's
   * {@code UPDATE order_line ... WHERE ol_o_id = ? AND ol_d_id = ? AND ol_w_id = ?}) and whose assignments are
   * column changes ({@link #columnChanges}): each row found is journaled as its key and those changes
   * ({@link TableEffect.PreSelectedColumnChanges}), not read again at commit. Not when it moves a key.
   */
  private Optional<TableEffect> preSelectedColumnChanges(String sql, TableWrite write, TableSchema table,
      boolean singleTableStatement, TableEffect.PreSelected found) {
    java.util.TreeMap<Integer, ValueSource> assigned = columnChanges(sql, write, table, singleTableStatement);
    if (assigned == null || !found.verifyCount() || !found.newKeyValues().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TableEffect.PreSelectedColumnChanges(table.key(), table, List.copyOf(assigned.keySet()),
        List.copyOf(assigned.values()), found));
  }

  /**
   * The assigned columns (by index in the table) and their sources of an UPDATE on MySQL/MariaDB whose stored rows
   * change exactly by its assignments, each a literal or parameter or an exact amount added to the column itself
   * ({@code c = c + ?}, an integer or decimal column): a single-table statement that assigns no key column, on a
   * table whose key columns are all integers, without triggers or generated columns and without an
   * {@code ON UPDATE} column ({@link ColumnSchema#onUpdate()}) it leaves unassigned (each would change what it
   * does not assign); its text names neither {@code time_zone}, {@code sql_mode} nor {@code IGNORE}. Else
   * {@code null}.
   */
  private java.util.TreeMap<Integer, ValueSource> columnChanges(String sql, TableWrite write, TableSchema table,
      boolean singleTableStatement) {
    if (!singleTableStatement || !table.triggerSources().isEmpty()
        || !(dialect instanceof io.doltsync.internal.dialect.MySqlDialect) || write.assignments().isEmpty()
        || sql.toLowerCase(Locale.ROOT).contains("time_zone") || sql.toLowerCase(Locale.ROOT).contains("sql_mode")
        || sql.toLowerCase(Locale.ROOT).contains("ignore") || !integerKey(table)) {
      return null;
    }
    List<String> primaryKey = table.primaryKey();
    java.util.TreeMap<Integer, ValueSource> assigned = new java.util.TreeMap<>();
    for (Map.Entry<String, ValueSource> assignment : write.assignments().entrySet()) {
      int index = columnIndex(table, unquote(assignment.getKey()));
      if (index < 0 || assigned.containsKey(index)) {
        return null;
      }
      ColumnSchema column = table.columns().get(index);
      ValueSource source = assignment.getValue();
      ValueSource.Delta delta = source.delta();
      boolean value = source.type() == ValueSource.Type.LITERAL || source.type() == ValueSource.Type.PARAMETER;
      boolean amount = delta != null && delta.column().equalsIgnoreCase(column.name()) && isNumber(column);
      if (primaryKey.stream().anyMatch(column.name()::equalsIgnoreCase) || !(value || amount)) {
        return null;
      }
      assigned.put(index, source);
    }
    for (int c = 0; c < table.columns().size(); c++) {
      ColumnSchema column = table.columns().get(c);
      if (ColumnSchema.GENERATED.equals(column.defaultValue())) {
        return null;
      }
      if (!assigned.containsKey(c) && column.onUpdate() != null) {
        return null;
      }
    }
    return assigned;
  }

  /** True when every key column is an integer (an equality with it matches only the row of that number). */
  private static boolean integerKey(TableSchema table) {
    for (String keyColumn : table.primaryKey()) {
      int index = columnIndex(table, keyColumn);
      int type = index < 0 ? java.sql.Types.OTHER : table.columns().get(index).jdbcType();
      if (type != java.sql.Types.TINYINT && type != java.sql.Types.SMALLINT && type != java.sql.Types.INTEGER
          && type != java.sql.Types.BIGINT) {
        return false;
      }
    }
    return true;
  }

  /**
   * A DELETE on MySQL/MariaDB whose WHERE pins every key column, all integers, to a literal or parameter, of a
   * table without triggers, in a single-table statement: when it deleted its row (an update count of one) the
   * row is journaled as deleted ({@link TableEffect.DeletedKey}), not looked up at commit.
   */
  private Optional<TableEffect> deletedKey(TableSchema table, boolean singleTableStatement,
      TableEffect.KnownKeys keys) {
    if (!singleTableStatement || keys.keyRows().size() != 1 || !table.triggerSources().isEmpty()
        || !(dialect instanceof io.doltsync.internal.dialect.MySqlDialect) || !integerKey(table)) {
      return Optional.empty();
    }
    return Optional.of(new TableEffect.DeletedKey(table.key(), table, keys.keyRows().get(0), keys));
  }

  private static boolean isNumber(ColumnSchema column) {
    return switch (column.jdbcType()) {
      case java.sql.Types.TINYINT, java.sql.Types.SMALLINT, java.sql.Types.INTEGER, java.sql.Types.BIGINT,
          java.sql.Types.DECIMAL, java.sql.Types.NUMERIC -> true;
      default -> false;
    };
  }

  // ---- keyless tables ------------------------------------------------------------------------------

  /**
   * A keyless table: a plain INSERT ... VALUES giving every column a known value (and no trigger that could
   * change what is stored) adds exactly its rows; anything else is copied whole.
   */
  private TableEffect keylessEffect(String sql, TableWrite write, TableSchema table, boolean singleTableStatement) {
    String key = table.key();
    if (write.operation() != TableWrite.Operation.INSERT) {
      String whyNot = keylessChangeWhyNot(sql, write, table, singleTableStatement);
      return whyNot == null ? keylessRows(sql, write, table)
          : new TableEffect.WholeTable(key, "an UPDATE or DELETE of a table without a primary key: " + whyNot);
    }
    if (write.upsert() != TableWrite.Upsert.NONE || write.insertFromSelect() || write.insertRows().isEmpty()) {
      return new TableEffect.WholeTable(key, "an INSERT into a table without a primary key whose rows are not"
          + " all in its VALUES");
    }
    FullRows full = fullRows(sql, write, table);
    if (full.whyNot() != null) {
      return new TableEffect.WholeTable(key, "an INSERT into a table without a primary key: " + full.whyNot());
    }
    return new TableEffect.InsertedRows(key, table, sql, write.insertRows(), full.positions());
  }

  /**
   * Why a keyless table's UPDATE or DELETE cannot be captured from the rows it matches, or {@code null}: it
   * must be a single-table statement with a WHERE the driver can repeat in a locking SELECT (no LIMIT), into
   * a table without triggers; an UPDATE must assign only literals and parameters, to a table whose other
   * columns the primary leaves alone on update (no generated columns, no {@code ON UPDATE} column it leaves
   * unassigned), on a primary whose stored values the capture predicts ({@link #predictsUpdates}).
   */
  private String keylessChangeWhyNot(String sql, TableWrite write, TableSchema table, boolean singleTableStatement) {
    if (!singleTableStatement) {
      return "it writes several tables";
    }
    PreSelect preSelect = write.preSelect();
    if (preSelect == null || limitsRows(preSelect)) {
      return "its rows cannot be looked up by its own FROM and WHERE (or it has a LIMIT)";
    }
    if (!table.triggerSources().isEmpty()) {
      return "a trigger of the table may change the rows";
    }
    if (write.operation() == TableWrite.Operation.DELETE) {
      return null;
    }
    if (sql.toLowerCase(Locale.ROOT).contains("time_zone")) {
      return "it names time_zone (MariaDB's SET STATEMENT may convert its values in another zone)";
    }
    if (!predictsUpdates()) {
      return "on this primary the values an UPDATE stores are not predicted";
    }
    if (write.assignments().isEmpty()) {
      return "its assignments are not known";
    }
    for (ColumnSchema column : table.columns()) {
      if (ColumnSchema.GENERATED.equals(column.defaultValue())) {
        return "column " + column.name() + " is generated";
      }
      if (column.onUpdate() != null && !assigns(write, table, column)) {
        return "it leaves column " + column.name() + " unassigned, which is ON UPDATE " + column.onUpdate();
      }
    }
    for (Map.Entry<String, ValueSource> assignment : write.assignments().entrySet()) {
      if (columnIndex(table, assignment.getKey()) < 0) {
        return "it assigns " + assignment.getKey() + ", which is not a column of the table";
      }
      ValueSource.Type type = assignment.getValue().type();
      if (type != ValueSource.Type.LITERAL && type != ValueSource.Type.PARAMETER) {
        return "the value it assigns to " + assignment.getKey() + " is computed by the database";
      }
    }
    return null;
  }

  /**
   * Whether the stored values of an UPDATE's assignments are predicted on this primary: MySQL/MariaDB, PostgreSQL
   * and H2 (not in Oracle mode), whose {@code ON UPDATE} columns the catalog reads.
   */
  private boolean predictsUpdates() {
    return dialect instanceof io.doltsync.internal.dialect.MySqlDialect
        || dialect instanceof io.doltsync.internal.dialect.PostgreSqlDialect
        || dialect instanceof io.doltsync.internal.dialect.H2Dialect;
  }

  /** Whether the statement assigns the column (named quoted or qualified, as {@link #columnIndex} reads it). */
  private static boolean assigns(TableWrite write, TableSchema table, ColumnSchema column) {
    int index = table.columns().indexOf(column);
    return write.assignments().keySet().stream().anyMatch(named -> columnIndex(table, named) == index);
  }

  /** The keyless UPDATE or DELETE as rows removed (and added back updated), read by a locking SELECT. */
  private TableEffect keylessRows(String sql, TableWrite write, TableSchema table) {
    PreSelect preSelect = write.preSelect();
    StringBuilder select = new StringBuilder("SELECT ");
    for (int i = 0; i < table.columns().size(); i++) {
      // the exact form (a MariaDB FLOAT comes with 6 digits as text): the rows removed must be Dolt's to the bit
      select.append(i == 0 ? "" : ", ").append(dialect.selectColumn(preSelect.keyQualifier(), table.columns().get(i)));
    }
    select.append(" FROM ").append(preSelect.fromClause());
    if (preSelect.whereClause() != null) {
      select.append(" WHERE ").append(preSelect.whereClause());
    }
    if (preSelect.tailClause() != null) {
      select.append(' ').append(preSelect.tailClause());
    }
    select.append(dialect.lockingClause(preSelect.keyQualifier()));
    List<ValueSource> binds = preSelect.parameterIndexes().stream().map(ValueSource::parameter).toList();
    Map<Integer, ValueSource> assignments = new java.util.TreeMap<>();
    if (write.operation() == TableWrite.Operation.UPDATE) {
      write.assignments().forEach((column, source) -> assignments.put(columnIndex(table, column), source));
    }
    return new TableEffect.KeylessRows(table.key(), table, sql, select.toString(), binds, assignments);
  }

  /** The index of a column named by a statement (quoted or qualified), or -1. */
  private static int columnIndex(TableSchema table, String named) {
    String name = unquote(named.contains(".") ? named.substring(named.lastIndexOf('.') + 1) : named);
    for (int i = 0; i < table.columns().size(); i++) {
      if (table.columns().get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Where each column's value is in the statement's rows ({@code -1}: a column the statement leaves out, whose
   * stored value is certainly NULL), when the statement alone determines the rows it inserts: VALUES rows giving
   * every column a literal or parameter, or leaving out only columns that {@link #omittedColumnIsNull} stores as
   * NULL, into a table without triggers or generated columns (which the primary could apply instead of the
   * value given). Else why not.
   */
  private FullRows fullRows(String sql, TableWrite write, TableSchema table) {
    return fullRows(sql, write, table, null);
  }

  /**
   * {@link #fullRows(String, TableWrite, TableSchema)}, where {@code generatedKey} (when not {@code null}) names the
   * table's one key column, generated by the database, which the statement may leave out: its value is the one the
   * driver reports (position {@code -1}, as a column stored as NULL).
   */
  private FullRows fullRows(String sql, TableWrite write, TableSchema table, String generatedKey) {
    if (sql.toLowerCase(Locale.ROOT).contains("time_zone")) {
      return FullRows.not("it names time_zone (MariaDB's SET STATEMENT may convert its values in another zone)");
    }
    if (!table.triggerSources().isEmpty()) {
      return FullRows.not("a trigger of the table may change the rows");
    }
    for (ColumnSchema column : table.columns()) {
      if (ColumnSchema.GENERATED.equals(column.defaultValue())) {
        return FullRows.not("column " + column.name() + " is generated");
      }
    }
    List<String> columns = write.insertColumns().isEmpty()
        ? table.columns().stream().map(ColumnSchema::name).toList() : write.insertColumns();
    int[] positions = positionsOf(table.columns().stream().map(ColumnSchema::name).toList(), columns);
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] < 0) {
        ColumnSchema left = table.columns().get(i);
        if (!omittedColumnIsNull(left) && !left.name().equalsIgnoreCase(generatedKey)) {
          return FullRows.not(left.defaultValue() != null && !"NULL".equalsIgnoreCase(left.defaultValue().strip())
              ? "column " + left.name() + " is left to its default"
              : "it leaves column " + left.name() + " to a default this primary's catalog does not make certain");
        }
      }
    }
    for (List<ValueSource> row : write.insertRows()) {
      if (row.size() != columns.size()) {
        return FullRows.not("its rows and column list differ in length");
      }
      for (int position : positions) {
        if (position < 0) {
          continue;
        }
        ValueSource source = row.get(position);
        if (source.type() != ValueSource.Type.LITERAL && source.type() != ValueSource.Type.PARAMETER) {
          return FullRows.not("a value is computed by the database");
        }
      }
    }
    return new FullRows(java.util.Arrays.stream(positions).boxed().toList(), null);
  }

  /**
   * True when a column an INSERT leaves out is certainly stored as NULL: a nullable column, not generated by
   * the primary (auto-increment, serial, identity), without a default of its own (none, {@code NULL}, or on
   * PostgreSQL {@code NULL::type}) on
   * MySQL/MariaDB, PostgreSQL (whose catalog carries a domain's default over to its columns) or H2 in its
   * own mode (idem). Any other default, even a literal, keeps the image read: its stored form is the
   * primary's to decide. Oracle (and H2 in Oracle mode, with {@code DEFAULT ON NULL}) always read.
   */
  private boolean omittedColumnIsNull(ColumnSchema column) {
    io.doltsync.internal.dialect.CanonicalSql.Family family =
        io.doltsync.internal.dialect.CanonicalSql.familyOf(dialect);
    if (family == io.doltsync.internal.dialect.CanonicalSql.Family.OTHER || !column.nullable()
        || column.autoIncrement()) {
      return false;
    }
    String declared = column.defaultValue();
    if (declared == null || "NULL".equalsIgnoreCase(declared.strip())) {
      return true;
    }
    return family == io.doltsync.internal.dialect.CanonicalSql.Family.POSTGRESQL
        && POSTGRESQL_NULL_CAST.matcher(declared.strip()).matches();
  }

  /** PostgreSQL's catalog text of {@code DEFAULT NULL}: {@code NULL::character varying}, a NULL of the column's type. */
  private static final java.util.regex.Pattern POSTGRESQL_NULL_CAST =
      java.util.regex.Pattern.compile("(?i)NULL(::[a-z_][a-z0-9_ ]*(\\([0-9, ]*\\))?(\\[\\])*)+");

  /** The positions of {@link #fullRows}, or why the statement does not determine its rows. */
  private record FullRows(List<Integer> positions, String whyNot) {
    static FullRows not(String why) {
      return new FullRows(List.of(), why);
    }
  }

  // ---- INSERT ------------------------------------------------------------------------------------

  private TableEffect insertEffect(String sql, TableWrite write, TableSchema table, boolean returnsRows) {
    String key = table.key();
    List<String> columns = write.insertColumns().isEmpty()
        ? table.columns().stream().map(ColumnSchema::name).toList() : write.insertColumns();
    TableEffect inserted = insertedRows(write, table, columns, returnsRows);
    if (write.upsert() == TableWrite.Upsert.NONE && inserted instanceof TableEffect.KnownKeys keys) {
      FullRows full = fullRows(sql, write, table);
      if (full.whyNot() == null) {
        return new TableEffect.InsertedImages(key, table, write.insertRows(), full.positions(), keys);
      }
    }
    if (write.upsert() == TableWrite.Upsert.NONE && inserted instanceof TableEffect.GeneratedKeys generated
        && leavesOutGeneratedKey(write, table)) {
      FullRows full = fullRows(sql, write, table, generated.keyColumn());
      if (full.whyNot() == null) {
        return new TableEffect.GeneratedKeyImages(key, table, write.insertRows(), full.positions(),
            table.columns().indexOf(table.column(generated.keyColumn()).orElseThrow()), generated);
      }
    }
    if (write.upsert() == TableWrite.Upsert.IGNORE && inserted instanceof TableEffect.KnownKeys keys
        && !write.insertFromSelect()) {
      FullRows full = fullRows(sql, write, table);
      if (full.whyNot() == null) {
        return new TableEffect.IgnoringInsert(key,
            new TableEffect.InsertedImages(key, table, write.insertRows(), full.positions(), keys));
      }
    }
    if (write.upsert() == TableWrite.Upsert.NONE || write.upsert() == TableWrite.Upsert.IGNORE) {
      return inserted;
    }
    if (inserted instanceof TableEffect.WholeTable || write.insertFromSelect()) {
      return new TableEffect.WholeTable(key);
    }
    for (String assigned : write.assignments().keySet()) {
      if (table.primaryKey().stream().anyMatch(pk -> pk.equalsIgnoreCase(assigned))) {
        return new TableEffect.WholeTable(key);
      }
    }
    return upsertLookup(write, table, columns, inserted).orElse(new TableEffect.WholeTable(key));
  }

  /**
   * Whether the INSERT is one VALUES row with a column list that leaves out the table's one key column (the
   * database generates it: {@link TableEffect.GeneratedKeys}), so that the driver's generated key is that row's.
   * A key given as {@code DEFAULT} or {@code NULL}, several rows (whose keys follow {@code auto_increment_increment}
   * and the lock mode) and {@code INSERT ... SELECT} keep reading the rows.
   */
  private static boolean leavesOutGeneratedKey(TableWrite write, TableSchema table) {
    if (write.insertFromSelect() || write.insertRows().size() != 1 || write.insertColumns().isEmpty()
        || table.primaryKey().size() != 1) {
      return false;
    }
    return positionsOf(table.primaryKey(), write.insertColumns())[0] < 0;
  }

  private TableEffect insertedRows(TableWrite write, TableSchema table, List<String> columns, boolean returnsRows) {
    String key = table.key();
    List<String> primaryKey = table.primaryKey();
    int[] positions = positionsOf(primaryKey, columns);
    boolean generated = !returnsRows && primaryKey.size() == 1
        && table.column(primaryKey.get(0)).map(ColumnSchema::autoIncrement).orElse(false);
    if (write.insertFromSelect()) {
      return generated && positions[0] < 0 ? new TableEffect.GeneratedKeys(key, primaryKey.get(0))
          : new TableEffect.WholeTable(key);
    }
    List<List<ValueSource>> keyRows = new ArrayList<>();
    boolean allKnown = true;
    boolean allGenerated = true;
    for (List<ValueSource> row : write.insertRows()) {
      List<ValueSource> keyRow = new ArrayList<>(primaryKey.size());
      for (int position : positions) {
        ValueSource source = position < 0 || position >= row.size() ? ValueSource.defaultValue() : row.get(position);
        keyRow.add(source);
        allKnown &= source.isKnown() && !(source.type() == ValueSource.Type.LITERAL && source.literal() == null);
        allGenerated &= source.type() == ValueSource.Type.DEFAULT
            || (source.type() == ValueSource.Type.LITERAL && source.literal() == null);
      }
      keyRows.add(keyRow);
    }
    if (!keyRows.isEmpty() && allKnown) {
      return new TableEffect.KnownKeys(key, keyRows);
    }
    if (!keyRows.isEmpty() && generated && allGenerated) {
      return new TableEffect.GeneratedKeys(key, primaryKey.get(0));
    }
    return new TableEffect.WholeTable(key);
  }

  /** The locking lookup of rows an upsert may hit on any unique key (the primary key included). */
  private Optional<TableEffect> upsertLookup(TableWrite write, TableSchema table, List<String> columns,
      TableEffect inserted) {
    List<List<String>> uniqueKeys = new ArrayList<>();
    uniqueKeys.add(table.primaryKey());
    for (IndexSchema index : table.uniqueIndexes()) {
      uniqueKeys.add(index.columns());
    }
    StringBuilder where = new StringBuilder();
    List<ValueSource> binds = new ArrayList<>();
    List<ColumnSchema> types = new ArrayList<>();
    for (List<ValueSource> row : write.insertRows()) {
      for (List<String> uniqueKey : uniqueKeys) {
        int[] positions = positionsOf(uniqueKey, columns);
        StringBuilder conjunct = new StringBuilder();
        List<ValueSource> conjunctBinds = new ArrayList<>();
        boolean canCollide = true;
        for (int i = 0; i < uniqueKey.size(); i++) {
          ColumnSchema column = table.column(uniqueKey.get(i)).orElseThrow();
          ValueSource source = positions[i] < 0 ? null : row.get(positions[i]);
          if (source == null || source.type() == ValueSource.Type.DEFAULT) {
            if (column.autoIncrement() || (column.nullable() && column.defaultValue() == null)) {
              canCollide = false;
              break;
            }
            return Optional.empty();
          }
          if (!source.isKnown()) {
            return Optional.empty();
          }
          if (source.type() == ValueSource.Type.LITERAL && source.literal() == null) {
            canCollide = false;
            break;
          }
          conjunct.append(conjunct.length() == 0 ? "" : " AND ").append(dialect.quoteIdentifier(column.name()))
              .append(" = ?");
          conjunctBinds.add(source);
        }
        if (canCollide) {
          where.append(where.length() == 0 ? "" : " OR ").append('(').append(conjunct).append(')');
          for (int i = 0; i < conjunctBinds.size(); i++) {
            binds.add(conjunctBinds.get(i));
            types.add(table.column(uniqueKey.get(i)).orElseThrow());
          }
        }
      }
    }
    if (where.length() == 0) {
      return Optional.of(inserted);
    }
    String sql = "SELECT " + keyList(table, null) + " FROM " + dialect.quoteIdentifier(table.name())
        + " WHERE " + where + dialect.lockingClause();
    return Optional.of(new TableEffect.Upsert(table.key(), table, sql, binds, types, inserted));
  }

  // ---- UPDATE and DELETE -------------------------------------------------------------------------

  private TableEffect keyedEffect(TableWrite write, TableSchema table, boolean singleTableStatement) {
    String key = table.key();
    Map<String, ValueSource> movedKey = new LinkedHashMap<>();
    for (Map.Entry<String, ValueSource> assignment : write.assignments().entrySet()) {
      if (table.primaryKey().stream().anyMatch(pk -> pk.equalsIgnoreCase(assignment.getKey()))) {
        if (!assignment.getValue().isKnown()) {
          return new TableEffect.WholeTable(key);
        }
        movedKey.put(assignment.getKey(), assignment.getValue());
      }
    }
    List<ValueSource> pinned = pinnedKey(write, table);
    if (pinned != null) {
      List<List<ValueSource>> rows = new ArrayList<>();
      rows.add(pinned);
      if (!movedKey.isEmpty()) {
        List<ValueSource> moved = new ArrayList<>(pinned);
        for (int i = 0; i < table.primaryKey().size(); i++) {
          for (Map.Entry<String, ValueSource> entry : movedKey.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(table.primaryKey().get(i))) {
              moved.set(i, entry.getValue());
            }
          }
        }
        rows.add(moved);
      }
      return new TableEffect.KnownKeys(key, rows);
    }
    PreSelect preSelect = write.preSelect();
    if (preSelect == null || limitsRows(preSelect)) {
      return new TableEffect.WholeTable(key);
    }
    StringBuilder sql = new StringBuilder("SELECT ").append(keyList(table, preSelect.keyQualifier()))
        .append(" FROM ").append(preSelect.fromClause());
    if (preSelect.whereClause() != null) {
      sql.append(" WHERE ").append(preSelect.whereClause());
    }
    if (preSelect.tailClause() != null) {
      sql.append(' ').append(preSelect.tailClause());
    }
    sql.append(dialect.lockingClause(preSelect.keyQualifier()));
    List<ValueSource> binds = preSelect.parameterIndexes().stream().map(ValueSource::parameter).toList();
    return new TableEffect.PreSelected(key, table, sql.toString(), binds, singleTableStatement, movedKey);
  }

  /**
   * True when the statement touches only some of the rows its WHERE matches ({@code ... LIMIT n}): which
   * ones depends on scan order (H2 even ignores an UPDATE's ORDER BY), so a pre-select could pick others
   * with the same count.
   */
  private static boolean limitsRows(PreSelect preSelect) {
    return preSelect.tailClause() != null && preSelect.tailClause().toUpperCase(Locale.ROOT).contains("LIMIT");
  }

  /** The key's sources when the WHERE pins every key column to a known value, else {@code null}. */
  private static List<ValueSource> pinnedKey(TableWrite write, TableSchema table) {
    List<ValueSource> pinned = new ArrayList<>();
    for (String column : table.primaryKey()) {
      ValueSource source = null;
      for (Map.Entry<String, ValueSource> equality : write.keyEqualities().entrySet()) {
        if (equality.getKey().equalsIgnoreCase(column)) {
          source = equality.getValue();
        }
      }
      if (source == null || !source.isKnown()) {
        return null;
      }
      pinned.add(source);
    }
    return pinned;
  }

  // ---- fallbacks ---------------------------------------------------------------------------------

  /** A write the parser could not read: copy every mirrored table its text names. */
  private List<TableEffect> conservativeEffects(String sql, WriteAnalysis analysis) {
    Set<String> tables = new LinkedHashSet<>();
    String created = analysis.kind() == StatementKind.CREATE_TABLE ? names.createdTable(sql) : null;
    if (created != null && catalog.isMirroredName(names.storedKey(created.toLowerCase(Locale.ROOT)))) {
      // a new table the parser could not read (a '?' or '--' in a quoted name): its schema is read at commit
      tables.add(names.storedKey(created.toLowerCase(Locale.ROOT)));
    }
    for (String identifier : analysis.mentionedIdentifiers()) {
      String key = identifier.toLowerCase(Locale.ROOT);
      if (catalog.table(key).isPresent()) {
        tables.add(key);
        tables.addAll(catalog.dependents(key, RowChanges.ANY).keySet());
      }
    }
    boolean ddl = analysis.kind().isDdl();
    if (analysis.kind() == StatementKind.DROP_INDEX) {
      tables.addAll(tablesIndexedAs(analysis.mentionedIdentifiers()));
    }
    return tables.stream()
        .map(t -> ddl ? (TableEffect) new TableEffect.SchemaChange(t) : new TableEffect.WholeTable(t))
        .toList();
  }

  /**
   * The mirrored tables with an index of one of these names (case-insensitive): what a PostgreSQL or H2
   * {@code DROP INDEX name}, which does not name its table, alters. An index the catalog does not hold (partial, on an
   * expression, of a table not mirrored) names no table.
   */
  private Set<String> tablesIndexedAs(java.util.Collection<String> identifiers) {
    Set<String> names = new HashSet<>();
    for (String identifier : identifiers) {
      names.add(identifier.toLowerCase(Locale.ROOT));
    }
    Set<String> tables = new LinkedHashSet<>();
    for (TableSchema table : catalog.tables()) {
      for (IndexSchema index : table.indexes()) {
        if (names.contains(index.name().toLowerCase(Locale.ROOT))) {
          tables.add(table.key());
        }
      }
    }
    return tables;
  }

  /** A stored procedure can change any table: copy them all. */
  private List<TableEffect> everyTable() {
    return catalog.tableKeys().stream().map(t -> (TableEffect) new TableEffect.WholeTable(t)).toList();
  }

  /** Warns once that writes to the table are not mirrored (a view, a temporary table, another schema's table). */
  public void warnNotMirrored(String table) {
    warnUnknown(table);
  }

  private void warnUnknown(String table) {
    if (warnedUnknownTables.add(table.toLowerCase(Locale.ROOT))) {
      LOG.warn("doltsync does not mirror writes to {}: it is not a base table of the primary's current schema"
          + " (a view, a temporary table or a table of another schema)", table);
    }
  }

  /** The primary key's columns as a select list, each in its exact form ({@link SourceDialect#selectColumn}). */
  private String keyList(TableSchema table, String qualifier) {
    StringBuilder sb = new StringBuilder();
    for (String column : table.primaryKey()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(dialect.selectColumn(qualifier, table.column(column).orElseThrow()));
    }
    return sb.toString();
  }

  private static int[] positionsOf(List<String> wanted, List<String> columns) {
    int[] positions = new int[wanted.size()];
    for (int i = 0; i < wanted.size(); i++) {
      positions[i] = -1;
      for (int j = 0; j < columns.size(); j++) {
        if (unquote(columns.get(j)).equalsIgnoreCase(wanted.get(i))) {
          positions[i] = j;
        }
      }
    }
    return positions;
  }

  private static String unquote(String name) {
    if (name.length() >= 2 && (name.charAt(0) == '"' || name.charAt(0) == '`' || name.charAt(0) == '[')) {
      return name.substring(1, name.length() - 1);
    }
    return name;
  }

  /** {@code {call p(?)}} and {@code {? = call f(?)}} as the text inside the JDBC escape braces. */
  static String withoutJdbcEscapeBraces(String sql) {
    String trimmed = sql.strip();
    if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
      String inner = trimmed.substring(1, trimmed.length() - 1).strip();
      if (inner.startsWith("?")) {
        int eq = inner.indexOf('=');
        inner = eq < 0 ? inner : inner.substring(eq + 1).strip();
      }
      return inner;
    }
    return sql;
  }
}
