package io.doltsync.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.select.FromItem;

/**
 * The writes of a DELETE: one per target table.
 * <ul>
 *   <li>{@code DELETE FROM t [USING u, v] WHERE ...} (also Oracle's {@code DELETE t WHERE}): t, with t, u, v as row sources;</li>
 *   <li>{@code DELETE a, b FROM a JOIN b ...} (MySQL): the targets named before FROM, resolved through the aliases;</li>
 *   <li>{@code DELETE FROM a, b USING a JOIN b ...} (MySQL): the FROM list, resolved in the USING list,
 *       which holds all row sources.</li>
 * </ul>
 */
final class DeleteWrites {

  private DeleteWrites() {
  }

  static List<TableWrite> of(Delete delete, StatementText text, ValueSources values, SqlDialect dialect) {
    WriteExtractor.requireReadOnlyCtes(delete.getWithItemsList());
    Targets targets = Targets.of(delete, dialect);
    boolean multiTable = targets.rowSources() > 1;
    RowSelection rows = RowSelectionCutter.delete(text, dialect);
    return targets.tables().stream().map(target -> TableWrites.delete(target,
        KeyEqualities.of(delete.getWhere(), column -> target.owns(column, !multiTable), values),
        rows == null ? null : rows.forQualifier(target.keyQualifier()))).toList();
  }

  /** The tables a DELETE deletes from, and how many row sources (tables or not) it reads. */
  private record Targets(List<TableRef> tables, int rowSources) {

    static Targets of(Delete delete, SqlDialect dialect) {
      List<FromItem> using = delete.getUsingFromItemList() == null ? List.of() : delete.getUsingFromItemList();
      List<TableRef> fromList = new ArrayList<>(List.of(TableRef.of(delete.getTable())));
      int fromItems = 1 + TableRef.addJoined(delete.getJoins(), fromList);
      if (!using.isEmpty() && dialect.isMySqlFamily()) {
        List<TableRef> usingList = new ArrayList<>();
        using.forEach(item -> TableRef.addIfTable(item, usingList));
        return new Targets(fromList.stream().map(table -> resolve(table.nameAsWritten(), usingList)).toList(), using.size());
      }
      List<Table> named = delete.getTables() == null ? List.of() : delete.getTables();
      if (!named.isEmpty()) {
        return new Targets(named.stream().map(table -> resolve(table.getName(), fromList)).toList(), fromItems);
      }
      return new Targets(List.of(fromList.get(0)), fromItems + using.size());
    }

    private static TableRef resolve(String name, List<TableRef> sources) {
      return sources.stream().filter(source -> source.isNamedBy(name)).findFirst()
          .orElseThrow(() -> new UnsupportedStatementException("no table for DELETE target " + name));
    }
  }
}
