package io.doltsync.mirror;

import io.doltsync.dialect.DoltDdl;
import io.doltsync.journal.TableChange;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.spi.UnmappableTypeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes sure every mirrored table can be stored in Dolt before anything depends on it: at start for the
 * tables that exist, and at commit for a table a transaction created or altered. A column type Dolt cannot
 * store fails there with an {@link UnmappableTypeException} naming table, column and type (unless
 * {@code doltsync.unmappedTypes=text}), instead of stalling the applier later.
 */
final class MappingCheck {

  private final SourceDialect dialect;
  private final TableFilter filter;
  private final boolean textFallback;
  private final Set<TableSchema> checked = ConcurrentHashMap.newKeySet();

  MappingCheck(SourceDialect dialect, TableFilter filter, boolean textFallback) {
    this.dialect = dialect;
    this.filter = filter;
    this.textFallback = textFallback;
  }

  /** Checks every mirrored table of the primary. */
  void checkAll(Connection primary) throws SQLException {
    for (String name : dialect.listTables(primary)) {
      if (filter.isMirrored(name)) {
        check(dialect.readTable(primary, name));
      }
    }
  }

  /** Checks the schemas a transaction's changes bring. */
  void check(List<TableChange> changes) throws UnmappableTypeException {
    for (TableChange change : changes) {
      if (change.schema() != null) {
        check(change.schema());
      }
    }
  }

  private void check(TableSchema schema) throws UnmappableTypeException {
    if (!checked.contains(schema)) {
      DoltDdl.createTable(DoltDdl.doltName(schema.name()), schema, dialect, textFallback);
      checked.add(schema);
    }
  }
}
