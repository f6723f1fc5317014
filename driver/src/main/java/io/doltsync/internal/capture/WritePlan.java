package io.doltsync.internal.capture;

import io.doltsync.sql.StatementKind;
import io.doltsync.sql.TableReference;
import java.util.List;

/**
 * The plan of a write that changes mirrored tables: one {@link TableEffect} per table it can change
 * (directly, or through cascades and triggers).
 *
 * @param kind               the statement kind
 * @param effects            what to capture, in order
 * @param schemaChange       true for DDL: the schema catalog is re-read afterwards, and on primaries where
 *                           DDL commits implicitly the statement is its own transaction
 * @param reads              the tables the write reads rows from ({@code INSERT ... SELECT}, subqueries, joins,
 *                           MERGE's source), for lineage
 * @param returningVariant   the plan of the same statement executed so that it returns, for the capture, the
 *                           rows it changes ({@link TableEffect.Returned}; asked of the driver with
 *                           {@link #returnedColumns()}), or {@code null} when it cannot
 * @param oneStatement       the text is one statement the analysis read, so an execution's update count is that
 *                           statement's (not the first of several statements')
 * @param schemaTables       for DDL, the keys of the tables the statement names as those it changes, mirrored or
 *                           not (a mirrored table's foreign key may reference a table doltsync does not mirror), or
 *                           {@code null} when it names none it changes (then every schema is read again)
 */
public record WritePlan(StatementKind kind, List<TableEffect> effects, boolean schemaChange,
    List<TableReference> reads, WritePlan returningVariant, boolean oneStatement, List<String> schemaTables)
    implements Plan {

  public WritePlan {
    effects = List.copyOf(effects);
    reads = List.copyOf(reads);
    schemaTables = schemaTables == null ? null : List.copyOf(schemaTables);
  }

  public WritePlan(StatementKind kind, List<TableEffect> effects, boolean schemaChange, List<TableReference> reads,
      WritePlan returningVariant, boolean oneStatement) {
    this(kind, effects, schemaChange, reads, returningVariant, oneStatement, null);
  }

  public WritePlan(StatementKind kind, List<TableEffect> effects, boolean schemaChange, List<TableReference> reads,
      WritePlan returningVariant) {
    this(kind, effects, schemaChange, reads, returningVariant, false);
  }

  public WritePlan(StatementKind kind, List<TableEffect> effects, boolean schemaChange, List<TableReference> reads) {
    this(kind, effects, schemaChange, reads, null);
  }

  /** A write that reads no table. */
  public WritePlan(StatementKind kind, List<TableEffect> effects, boolean schemaChange) {
    this(kind, effects, schemaChange, List.of());
  }

  /** This plan without its {@link #returningVariant()}. */
  public WritePlan withoutReturningVariant() {
    return returningVariant == null ? this : new WritePlan(kind, effects, schemaChange, reads, null, oneStatement,
        schemaTables);
  }

  /**
   * The keys of the tables whose schemas this DDL changes: those {@link #schemaTables} names and those its
   * {@link TableEffect.SchemaChange} effects name; empty when it names none (every schema may have changed).
   */
  public java.util.Set<String> schemaChangedTables() {
    java.util.Set<String> keys = new java.util.LinkedHashSet<>();
    for (TableEffect effect : effects) {
      if (effect instanceof TableEffect.SchemaChange) {
        keys.add(effect.tableKey());
      }
    }
    if (schemaTables != null) {
      keys.addAll(schemaTables);
    }
    return keys;
  }

  @Override
  public boolean routesToDolt() {
    return false;
  }

  @Override
  public boolean isCapturedWrite() {
    return true;
  }

  @Override
  public boolean needsGeneratedKeys() {
    for (TableEffect effect : effects) {
      if (effect instanceof TableEffect.GeneratedKeys || effect instanceof TableEffect.GeneratedKeyImages
          || (effect instanceof TableEffect.Upsert upsert && upsert.inserted() instanceof TableEffect.GeneratedKeys)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean keysOnlyForImage() {
    return effects.size() == 1 && effects.get(0) instanceof TableEffect.GeneratedKeyImages;
  }

  @Override
  public List<String> returnedColumns() {
    for (TableEffect effect : effects) {
      if (effect instanceof TableEffect.Returned returned && returned.extended() == null) {
        return returned.columns();
      }
    }
    return null;
  }

  /**
   * Logs the whole-table copy an execution of this plan's statement makes when it runs without reading its
   * {@link #extendedReturning() extended} rows (it runs the plan this variant belongs to).
   */
  public void noteCopyWithoutReturnedRows() {
    for (TableEffect effect : effects) {
      if (effect instanceof TableEffect.Returned returned && returned.extended() != null
          && returned.fallback() instanceof TableEffect.WholeTable whole) {
        CopyLog.note(returned.sql(), whole.tableKey(), whole.reason()
            + " (run without reading the rows it returns: "
            + (returned.extended().hidden() ? "a query, a batch, a plain Statement, generated keys or a stream value)"
                : "executeUpdate, a batch, a plain Statement or generated keys)"));
      }
    }
  }

  /**
   * The statement's own RETURNING list extended with the capture's columns ({@link ExtendedReturning}), or
   * {@code null} when this plan does not read them so.
   */
  public ExtendedReturning extendedReturning() {
    for (TableEffect effect : effects) {
      if (effect instanceof TableEffect.Returned returned && returned.extended() != null) {
        return returned.extended();
      }
    }
    return null;
  }
}
