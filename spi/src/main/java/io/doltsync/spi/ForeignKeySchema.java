package io.doltsync.spi;

import java.util.List;

/**
 * A foreign key declared on a table (the child) that references another table (the parent).
 * doltsync reads these to learn which tables a write can change through cascades.
 *
 * @param name              the constraint name
 * @param columns           the child's columns
 * @param referencedTable   the parent table
 * @param referencedColumns the parent's columns
 * @param onDelete          what a delete of a parent row does to child rows
 * @param onUpdate          what an update of a parent key does to child rows
 */
public record ForeignKeySchema(
    String name,
    List<String> columns,
    String referencedTable,
    List<String> referencedColumns,
    Action onDelete,
    Action onUpdate) {

  public ForeignKeySchema {
    columns = List.copyOf(columns);
    referencedColumns = List.copyOf(referencedColumns);
  }

  /** A referential action. Only the actions that change child rows matter to doltsync. */
  public enum Action {
    NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT;

    /** True when the action changes child rows (cascade or set null/default). */
    public boolean changesChildRows() {
      return this == CASCADE || this == SET_NULL || this == SET_DEFAULT;
    }
  }
}
