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
 */
public record WritePlan(StatementKind kind, List<TableEffect> effects, boolean schemaChange,
    List<TableReference> reads) implements Plan {

  public WritePlan {
    effects = List.copyOf(effects);
    reads = List.copyOf(reads);
  }

  /** A write that reads no table. */
  public WritePlan(StatementKind kind, List<TableEffect> effects, boolean schemaChange) {
    this(kind, effects, schemaChange, List.of());
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
      if (effect instanceof TableEffect.GeneratedKeys
          || (effect instanceof TableEffect.Upsert upsert && upsert.inserted() instanceof TableEffect.GeneratedKeys)) {
        return true;
      }
    }
    return false;
  }
}
