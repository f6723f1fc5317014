package io.doltsync.internal.mirror;

import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The primary's table list and table schemas as one connection sees them, each read at most once: the
 * catalog's refresh and the change set of a committing transaction with DDL share one instance, so a table
 * the DDL touched is read once per commit, not once by each. Not thread-safe; one per commit (or reload).
 */
public final class SchemaReads {

  private final SourceDialect dialect;
  private final Connection connection;
  private final Map<String, TableSchema> schemas = new HashMap<>();
  private List<String> tables;

  public SchemaReads(SourceDialect dialect, Connection connection) {
    this.dialect = dialect;
    this.connection = connection;
  }

  public Connection connection() {
    return connection;
  }

  /** The names of the primary's tables, as the dialect lists them. */
  public List<String> listTables() throws SQLException {
    if (tables == null) {
      tables = List.copyOf(dialect.listTables(connection));
    }
    return tables;
  }

  /** The schema of a table of {@link #listTables()}, by its exact name. */
  public TableSchema readTable(String name) throws SQLException {
    TableSchema schema = schemas.get(name);
    if (schema == null) {
      schema = dialect.readListedTable(connection, name);
      schemas.put(name, schema);
    }
    return schema;
  }

  /** The schema of the table with that key (case-insensitive), or empty when the primary has no such table. */
  public Optional<TableSchema> find(String tableKey) throws SQLException {
    for (String name : listTables()) {
      if (name.equalsIgnoreCase(tableKey)) {
        return Optional.of(readTable(name));
      }
    }
    return Optional.empty();
  }
}
