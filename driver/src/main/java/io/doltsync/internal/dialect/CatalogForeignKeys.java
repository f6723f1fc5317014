package io.doltsync.internal.dialect;

import io.doltsync.spi.ForeignKeySchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A table's foreign keys read with one catalog query instead of {@link java.sql.DatabaseMetaData#getImportedKeys}
 * (MariaDB Connector/J runs {@code SHOW CREATE TABLE} for the table and each table it references; pgjdbc's query
 * takes ~30 ms): the query takes the table's name as its one parameter and returns one row per key column, ordered
 * by referenced table, constraint name and position, with the columns constraint name, referenced table, child
 * column, parent column, update rule, delete rule. The rules are decoded by the dialect's function.
 */
final class CatalogForeignKeys {

  private final Function<String, ForeignKeySchema.Action> rule;
  private final Map<List<String>, Key> byConstraint = new LinkedHashMap<>();

  /** A collector of key-column rows, in the order above, whose rules {@code rule} decodes. */
  CatalogForeignKeys(Function<String, ForeignKeySchema.Action> rule) {
    this.rule = rule;
  }

  static List<ForeignKeySchema> read(Connection connection, String sql, String table,
      Function<String, ForeignKeySchema.Action> rule) throws SQLException {
    CatalogForeignKeys keys = new CatalogForeignKeys(rule);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
        }
      }
    }
    return keys.keys();
  }

  /** One key-column row. */
  void add(String name, String parent, String column, String referencedColumn, String updateRule, String deleteRule) {
    ForeignKeySchema.Action onUpdate = rule.apply(updateRule);
    ForeignKeySchema.Action onDelete = rule.apply(deleteRule);
    Key key = byConstraint.computeIfAbsent(Arrays.asList(name, parent), k -> new Key(name, parent, onDelete, onUpdate));
    key.columns.add(column);
    key.referencedColumns.add(referencedColumn);
  }

  /** The keys of the rows added, in the order of their first rows. */
  List<ForeignKeySchema> keys() {
    return byConstraint.values().stream()
        .map(k -> new ForeignKeySchema(k.name, k.columns, k.parent, k.referencedColumns, k.onDelete, k.onUpdate))
        .toList();
  }

  private static final class Key {
    final String name;
    final String parent;
    final ForeignKeySchema.Action onDelete;
    final ForeignKeySchema.Action onUpdate;
    final List<String> columns = new ArrayList<>();
    final List<String> referencedColumns = new ArrayList<>();

    Key(String name, String parent, ForeignKeySchema.Action onDelete, ForeignKeySchema.Action onUpdate) {
      this.name = name;
      this.parent = parent;
      this.onDelete = onDelete;
      this.onUpdate = onUpdate;
    }
  }
}
