package io.doltsync.sql;

import io.doltsync.sql.lex.Identifiers;
import java.util.List;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;

/**
 * A table as a statement names it.
 *
 * @param schema         the schema or database qualifier, unquoted, or null
 * @param name           the table name, unquoted
 * @param nameAsWritten  the table name with its original quoting
 * @param alias          the alias, unquoted, or null
 * @param aliasAsWritten the alias with its original quoting, or null
 */
record TableRef(String schema, String name, String nameAsWritten, String alias, String aliasAsWritten) {

  static TableRef of(Table table) {
    if (table == null || table.getName() == null) {
      throw new UnsupportedStatementException("the written object is not a named table");
    }
    String schema = table.getSchemaName();
    Alias alias = table.getAlias();
    String aliasName = alias == null ? null : alias.getName();
    return new TableRef(
        schema == null ? null : Identifiers.unquote(schema),
        Identifiers.unquote(table.getName()),
        table.getName(),
        aliasName == null ? null : Identifiers.unquote(aliasName),
        aliasName);
  }

  /** A table given by its possibly qualified name as written, e.g. {@code `s`.`t`}. */
  static TableRef named(String qualifiedName) {
    List<String> parts = Identifiers.parts(qualifiedName);
    String name = parts.get(parts.size() - 1);
    String schema = parts.size() > 1 ? Identifiers.unquote(parts.get(parts.size() - 2)) : null;
    return new TableRef(schema, Identifiers.unquote(name), name, null, null);
  }

  /** The qualifier a SELECT uses for this table's columns: the alias as written, else the name as written. */
  String keyQualifier() {
    return aliasAsWritten != null ? aliasAsWritten : nameAsWritten;
  }

  /** Whether {@code qualifier} (as written) names this table, by alias or by name, ignoring case. */
  boolean isNamedBy(String qualifier) {
    String unquoted = Identifiers.unquote(qualifier);
    return unquoted.equalsIgnoreCase(name) || unquoted.equalsIgnoreCase(alias);
  }

  /** Whether {@code column} is qualified by this table, or unqualified when {@code unqualifiedIsOurs}. */
  boolean owns(Column column, boolean unqualifiedIsOurs) {
    String qualifier = qualifier(column);
    return qualifier == null ? unqualifiedIsOurs : isNamedBy(qualifier);
  }

  /** The table qualifier of a column as written, or null. */
  static String qualifier(Column column) {
    Table table = column.getTable();
    return table == null || table.getName() == null || table.getName().isEmpty() ? null : table.getName();
  }

  /** Adds the tables among the joined items; returns the number of joined items, tables or not. */
  static int addJoined(List<Join> joins, List<TableRef> tables) {
    if (joins == null) {
      return 0;
    }
    joins.forEach(join -> addIfTable(join.getFromItem(), tables));
    return joins.size();
  }

  /** Adds the item when it is a table (not a subquery or table function). */
  static void addIfTable(FromItem item, List<TableRef> tables) {
    if (item instanceof Table table) {
      tables.add(of(table));
    }
  }
}
