package io.doltsync.export;

import io.doltsync.internal.logging.DoltSyncLoggers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * The DDL that creates an exported table in the target: mapped column types, NOT NULL, the primary key, the
 * indexes (named {@code <table>_<index>} outside MySQL, where index names are per schema), and, once every table
 * is filled, the foreign keys between exported tables.
 */
final class TargetDdl {

  private static final Logger LOG = DoltSyncLoggers.get(TargetDdl.class);

  private final TargetKind kind;

  TargetDdl(TargetKind kind) {
    this.kind = kind;
  }

  /** CREATE TABLE and CREATE INDEX statements for a new table. */
  List<String> create(TablePlan plan) {
    List<String> elements = new ArrayList<>();
    for (TablePlan.Column column : plan.columns()) {
      elements.add(kind.quote(column.target()) + " " + column.type().sqlType() + (column.source().nullable() ? "" : " NOT NULL"));
    }
    if (plan.keyed()) {
      elements.add("PRIMARY KEY (" + kind.quoteAll(plan.targetKey()) + ")");
    }
    List<String> statements = new ArrayList<>();
    statements.add("CREATE TABLE " + kind.quote(plan.target()) + " (" + String.join(", ", elements) + ")" + kind.tableOptions());
    for (DoltTable.Index index : plan.source().indexes()) {
      if (kind != TargetKind.MYSQL && index.columns().stream().anyMatch(c -> isLargeObject(plan, c))) {
        LOG.warn("doltsync export: index {} of {} is not created in the target, which cannot index large objects",
            index.name(), plan.target());
        continue;
      }
      String name = kind == TargetKind.MYSQL ? index.name() : kind.targetName(plan.source().name() + "_" + index.name());
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < index.columns().size(); i++) {
        int prefix = index.prefixes().get(i);
        parts.add(kind.quote(plan.targetColumn(index.columns().get(i)))
            + (kind == TargetKind.MYSQL && prefix > 0 ? "(" + prefix + ")" : ""));
      }
      statements.add("CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + kind.quote(name) + " ON "
          + kind.quote(plan.target()) + " (" + String.join(", ", parts) + ")");
    }
    return statements;
  }

  /** ALTER TABLE ... ADD FOREIGN KEY for the foreign keys of a new table whose referenced table is exported too. */
  List<String> foreignKeys(TablePlan plan, Map<String, TablePlan> plansBySource) {
    List<String> statements = new ArrayList<>();
    for (DoltTable.ForeignKey key : plan.source().foreignKeys()) {
      TablePlan parent = plansBySource.get(key.referencedTable().toLowerCase(Locale.ROOT));
      if (parent == null) {
        LOG.warn("doltsync export: foreign key {} of {} is not created: it references {}, which is not exported",
            key.name(), plan.target(), key.referencedTable());
        continue;
      }
      String name = kind == TargetKind.MYSQL ? key.name() : kind.targetName(plan.source().name() + "_" + key.name());
      statements.add("ALTER TABLE " + kind.quote(plan.target()) + " ADD CONSTRAINT " + kind.quote(name) + " FOREIGN KEY ("
          + key.columns().stream().map(c -> kind.quote(plan.targetColumn(c))).collect(Collectors.joining(", "))
          + ") REFERENCES " + kind.quote(parent.target()) + " ("
          + key.referencedColumns().stream().map(c -> kind.quote(parent.targetColumn(c))).collect(Collectors.joining(", ")) + ")");
    }
    return statements;
  }

  private static boolean isLargeObject(TablePlan plan, String doltColumn) {
    String type = plan.columns().stream().filter(c -> c.source().name().equalsIgnoreCase(doltColumn)).findFirst()
        .map(c -> c.type().sqlType()).orElse("").toLowerCase(Locale.ROOT);
    return type.contains("large object") || type.equals("clob") || type.equals("blob") || type.equals("json");
  }
}
