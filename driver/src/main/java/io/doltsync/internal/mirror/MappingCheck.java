package io.doltsync.internal.mirror;

import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.dialect.DoltNames;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Makes sure every mirrored table can be stored in Dolt before anything depends on it: at start for the
 * tables that exist, and at commit for a table a transaction created or altered. A column type Dolt cannot
 * store fails there with an {@link io.doltsync.spi.UnmappableTypeException} naming table, column and type
 * (unless {@code doltsync.unmappedTypes=text}), and a name Dolt cannot hold as {@link DoltNames} says,
 * instead of stalling the applier later.
 */
final class MappingCheck {

  private final SourceDialect dialect;
  private final TableFilter filter;
  private final boolean textFallback;
  private final SchemaMemo<Boolean> checked = new SchemaMemo<>();

  MappingCheck(SourceDialect dialect, TableFilter filter, boolean textFallback) {
    this.dialect = dialect;
    this.filter = filter;
    this.textFallback = textFallback;
  }

  /** Checks every mirrored table of the primary. */
  void checkAll(Connection primary) throws SQLException {
    List<String> mirrored = dialect.listTables(primary).stream().filter(filter::isMirrored).toList();
    DoltNames.checkDistinct(mirrored);
    for (String name : mirrored) {
      check(dialect.readListedTable(primary, name));
    }
  }

  /**
   * Checks the schemas a transaction's changes bring, and that a table it created or reshaped does not
   * become the same Dolt table as another mirrored table the transaction sees (the tables {@code reads} lists,
   * which the commit's catalog refresh has listed already).
   */
  void check(List<TableChange> changes, SchemaReads reads) throws SQLException {
    List<String> mirrored = null;
    for (TableChange change : changes) {
      if (change.schema() != null) {
        check(change.schema());
        if (change.kind() == TableChange.Kind.RESHAPE) {
          if (mirrored == null) {
            mirrored = reads.listTables().stream().filter(filter::isMirrored).toList();
          }
          DoltNames.checkDistinct(change.schema().name(), mirrored);
        }
      }
    }
  }

  private void check(TableSchema schema) throws SQLException {
    if (checked.get(schema) == null) {
      DoltNames.check(schema);
      DoltDdl.createTable(DoltDdl.doltName(schema.name()), schema, dialect, textFallback);
      checked.put(schema, Boolean.TRUE);
    }
  }
}
