package io.doltsync.export;

import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.mirror.TableFilter;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.spi.UnmappableTypeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, before anything is written, what an export does with every selected table, and refuses the export as a
 * whole when one table cannot be exported: a table name or table-map entry the revision lacks, a Dolt type without
 * a target equivalent, or an existing target table of another shape (a missing column, a column of another type
 * family, another primary key, an extra NOT NULL column without a default).
 */
final class ExportPlanner {

  private final TargetKind kind;
  private final Connection target;
  private final SourceDialect targetDialect;

  ExportPlanner(TargetKind kind, Connection target) throws SQLException {
    this.kind = kind;
    this.target = target;
    this.targetDialect = SourceDialects.forUrl(target.getMetaData().getURL());
  }

  /** The tables of the revision the selection names, validated and in foreign-key order (parents first). */
  List<TablePlan> plan(DoltRevision revision, Connection dolt, List<String> include, List<String> exclude,
      Map<String, String> tableMap) throws SQLException {
    List<String> available = revision.tables(dolt);
    for (String name : include) {
      if (!name.contains("*") && !name.contains("?") && find(available, name).isEmpty()) {
        throw unknownTable(name, revision);
      }
    }
    for (String name : tableMap.keySet()) {
      if (find(available, name).isEmpty()) {
        throw unknownTable(name, revision);
      }
    }
    TableFilter filter = new TableFilter(include, exclude, "doltsync_journal");
    Map<String, String> targetTables = new LinkedHashMap<>();
    for (String existing : targetDialect.listTables(target)) {
      targetTables.put(existing.toLowerCase(Locale.ROOT), existing);
    }
    Map<String, TablePlan> plans = new LinkedHashMap<>();
    Map<String, Set<String>> parents = new LinkedHashMap<>();
    Set<String> targetNames = new LinkedHashSet<>();
    for (String table : available) {
      if (!filter.isMirrored(table)) {
        continue;
      }
      DoltTable source = revision.table(dolt, table);
      String mapped = mappedName(tableMap, table).orElse(kind.targetName(table));
      if (!targetNames.add(mapped.toLowerCase(Locale.ROOT))) {
        throw new SQLSyntaxErrorException("two exported tables would both be written to target table " + mapped, "42000");
      }
      String existing = targetTables.get(mapped.toLowerCase(Locale.ROOT));
      TablePlan plan = existing == null ? newTable(source, mapped, revision.count(dolt, table))
          : existingTable(source, targetDialect.readTable(target, existing), revision.count(dolt, table));
      plans.put(table, plan);
      Set<String> references = new LinkedHashSet<>();
      source.foreignKeys().forEach(fk -> references.add(fk.referencedTable()));
      if (existing != null) {
        TableSchema targetSchema = targetDialect.readTable(target, existing);
        targetSchema.foreignKeys().forEach(fk -> references.add(sourceOf(plans, tableMap, fk.referencedTable())));
      }
      parents.put(table, references);
    }
    ForeignKeyOrder order = ForeignKeyOrder.of(parents);
    Set<String> updated = new LinkedHashSet<>();
    plans.forEach((table, plan) -> {
      if (!plan.create()) {
        updated.add(table);
      }
    });
    order.refuseCycles(updated, "update existing tables");
    List<TablePlan> ordered = new ArrayList<>();
    order.parentsFirst().forEach(table -> ordered.add(plans.get(table)));
    return ordered;
  }

  private static String sourceOf(Map<String, TablePlan> plans, Map<String, String> tableMap, String targetTable) {
    for (TablePlan plan : plans.values()) {
      if (plan.target().equalsIgnoreCase(targetTable)) {
        return plan.source().name();
      }
    }
    return targetTable;
  }

  private TablePlan newTable(DoltTable source, String name, long rows) throws SQLException {
    List<TablePlan.Column> columns = new ArrayList<>();
    for (DoltColumn column : source.columns()) {
      columns.add(new TablePlan.Column(column, kind.targetName(column.name()), TargetTypes.map(kind, source.name(), column)));
    }
    return new TablePlan(source, name, columns, true, rows);
  }

  /** Matches the Dolt table's columns to the existing table's, refusing what the existing table cannot hold. */
  private TablePlan existingTable(DoltTable source, TableSchema existing, long rows) throws SQLException {
    List<TablePlan.Column> columns = new ArrayList<>();
    Set<String> matched = new LinkedHashSet<>();
    for (DoltColumn column : source.columns()) {
      TargetTypes.TargetColumn type = TargetTypes.map(kind, source.name(), column);
      ColumnSchema targetColumn = existing.column(column.name()).orElseThrow(() -> incompatible(source, existing,
          "it has no column " + column.name()));
      matched.add(targetColumn.name().toLowerCase(Locale.ROOT));
      TypeFamily from = TypeFamily.of(column.columnType());
      TypeFamily into;
      try {
        into = TypeFamily.of(targetDialect.doltType(existing.name(), targetColumn));
      } catch (UnmappableTypeException e) {
        into = TypeFamily.OTHER;
      }
      if (!from.fitsInto(into)) {
        throw incompatible(source, existing, "column " + targetColumn.name() + " is " + targetColumn.typeName()
            + ", which cannot hold Dolt's " + column.columnType());
      }
      columns.add(new TablePlan.Column(column, targetColumn.name(), type));
    }
    for (ColumnSchema extra : existing.columns()) {
      if (!matched.contains(extra.name().toLowerCase(Locale.ROOT)) && !extra.nullable() && extra.defaultValue() == null
          && !extra.autoIncrement()) {
        throw incompatible(source, existing, "its column " + extra.name() + " is NOT NULL without a default and the"
            + " revision has no such column");
      }
    }
    List<String> doltKey = source.primaryKey().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
    List<String> targetKey = existing.primaryKey().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
    if (!doltKey.equals(targetKey)) {
      throw incompatible(source, existing, "its primary key is (" + String.join(", ", existing.primaryKey())
          + ") but the revision's is (" + String.join(", ", source.primaryKey()) + ")");
    }
    return new TablePlan(source, existing.name(), columns, false, rows);
  }

  private static SQLException incompatible(DoltTable source, TableSchema existing, String why) {
    return new SQLSyntaxErrorException("cannot export Dolt table " + source.name() + " into existing table "
        + existing.name() + ": " + why, "42000");
  }

  private static SQLException unknownTable(String name, DoltRevision revision) {
    return new SQLSyntaxErrorException("no table " + name + " at Dolt revision " + revision.revision() + " ("
        + revision.hash() + ")", "42S02");
  }

  private static Optional<String> find(List<String> tables, String name) {
    return tables.stream().filter(t -> t.equalsIgnoreCase(name)).findFirst();
  }

  private static Optional<String> mappedName(Map<String, String> tableMap, String table) {
    return tableMap.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(table)).map(Map.Entry::getValue).findFirst();
  }
}
