package io.doltsync.internal.mirror;

import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The primary's schema of a mirrored table as the mirror knows it, for the applier's writer when a journal entry
 * does not carry it (an entry carries its tables' schemas only until the mirror journaled them once): the
 * {@link SchemaCatalog} the sessions plan with, loaded through a primary connection of its own when it is not
 * loaded or is stale (an applier that runs no sessions, DDL since).
 */
interface PrimarySchemas {

  /** Knows no schema: the writer then compares every column of a keyless removal in Dolt ({@code <=>}). */
  PrimarySchemas NONE = table -> Optional.empty();

  /** The primary's schema of the table (by its Dolt name, case-insensitive), if it is mirrored. */
  Optional<TableSchema> schema(String table) throws SQLException;

  /** The catalog's schemas, loading the catalog through a connection {@code primary} opens when it must. */
  static PrimarySchemas of(SchemaCatalog catalog, PrimaryConnector primary) {
    return table -> {
      if (!catalog.isCurrent()) {
        try (Connection connection = primary.open()) {
          catalog.ensureLoaded(connection);
        }
      }
      return catalog.table(table);
    };
  }
}
