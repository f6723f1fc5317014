package io.doltsync.internal.dialect;

import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.spi.UnmappableTypeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Dolt DDL that creates and evolves the mirror of a primary table.
 *
 * <p>Tables get the mapped column types ({@link SourceDialect#doltType}, or {@code longtext} for
 * unmappable types when text fallback is on, adjusted as {@link DoltTableLayout} describes), NOT NULL,
 * the primary key and the secondary indexes, with the binary collation {@code utf8mb4_0900_bin} so that
 * no primary value collides with another in a Dolt unique index. On purpose there are no foreign keys,
 * defaults, auto-increment or checks: the mirror writes complete row images exactly as the primary
 * holds them, so defaults and generated keys would never be used and checks would only repeat the
 * primary's; foreign keys would make the order of writes inside one applied transaction matter and
 * would cascade a second time changes the primary already cascaded and doltsync already captured.
 *
 * <p>Names: the Dolt table name is given by the caller; column and index names are
 * {@link #doltName(String)} of the primary's names.
 */
public final class DoltDdl {

  private static final String TABLE_OPTIONS = " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_bin";

  private DoltDdl() {}

  /**
   * The Dolt name of a primary identifier: an identifier entirely in upper case (how H2 and Oracle store
   * unquoted names) becomes lower case; any other stays as it is.
   */
  public static String doltName(String primaryName) {
    String upper = primaryName.toUpperCase(Locale.ROOT);
    String lower = primaryName.toLowerCase(Locale.ROOT);
    return primaryName.equals(upper) && !upper.equals(lower) ? lower : primaryName;
  }

  /**
   * The Dolt columns of a primary table's mirror, in table order, each as its Dolt name and its type as
   * {@code information_schema.columns.column_type} prints it ({@code varchar(40)}), plus {@code " not null"}
   * for a column that must not be NULL; the key {@code "primary key"} maps to the primary-key columns.
   */
  public static java.util.Map<String, String> expectedShape(TableSchema schema, SourceDialect dialect, boolean textFallback)
      throws UnmappableTypeException {
    DoltTableLayout layout = DoltTableLayout.of(schema, dialect, textFallback);
    java.util.Map<String, String> shape = new java.util.LinkedHashMap<>();
    layout.columns().forEach(column -> shape.put(column.name(),
        column.type().toLowerCase(Locale.ROOT) + (column.nullable() ? "" : " not null")));
    shape.put("primary key", String.join(",", layout.primaryKey()));
    return shape;
  }

  /**
   * {@code CREATE TABLE IF NOT EXISTS} for the mirror of a primary table.
   *
   * @param textFallback store columns of unmappable types as {@code longtext} instead of failing
   * @throws UnmappableTypeException when a column's type is unmappable and {@code textFallback} is off
   */
  public static String createTable(String doltTableName, TableSchema schema, SourceDialect dialect, boolean textFallback)
      throws UnmappableTypeException {
    DoltTableLayout layout = DoltTableLayout.of(schema, dialect, textFallback);
    List<String> elements = new ArrayList<>();
    layout.columns().forEach(column -> elements.add(column.definition()));
    if (!layout.primaryKey().isEmpty()) {
      elements.add("PRIMARY KEY (" + quoteAll(layout.primaryKey()) + ")");
    }
    layout.indexes().forEach(index -> elements.add(index.definition()));
    return "CREATE TABLE IF NOT EXISTS " + quote(doltTableName) + " (\n  " + String.join(",\n  ", elements) + "\n)" + TABLE_OPTIONS;
  }

  /**
   * The Dolt column types of a primary table's mirror, aligned with {@link TableSchema#columns()} (after the
   * key and row-size rules of {@link DoltTableLayout}), e.g. to check values against them.
   *
   * @throws UnmappableTypeException when a column's type is unmappable and {@code textFallback} is off
   */
  public static List<String> columnTypes(TableSchema schema, SourceDialect dialect, boolean textFallback)
      throws UnmappableTypeException {
    return DoltTableLayout.of(schema, dialect, textFallback).columns().stream().map(DoltTableLayout.Column::type).toList();
  }

  /**
   * The {@code ALTER TABLE} statements, to run in order, that turn the mirror of {@code oldSchema} into
   * the mirror of {@code newSchema}; none when the Dolt table would not change. Columns are matched by
   * name ignoring case, so a renamed column is dropped and added again: its values must be copied anew.
   * Changed indexes are dropped first and added last, and a changed primary key is dropped before the
   * column changes and added after them.
   *
   * @throws UnmappableTypeException when a column's type is unmappable and {@code textFallback} is off
   */
  public static List<String> alterTable(String doltTableName, TableSchema oldSchema, TableSchema newSchema, SourceDialect dialect,
      boolean textFallback) throws UnmappableTypeException {
    DoltTableLayout before = DoltTableLayout.of(oldSchema, dialect, textFallback);
    DoltTableLayout after = DoltTableLayout.of(newSchema, dialect, textFallback);
    String alter = "ALTER TABLE " + quote(doltTableName) + " ";
    boolean keyChanged = !lowerCase(before.primaryKey()).equals(lowerCase(after.primaryKey()));
    List<String> statements = new ArrayList<>();
    changedIndexes(before, after).forEach(index -> statements.add(alter + "DROP INDEX " + quote(index.name())));
    if (keyChanged && !before.primaryKey().isEmpty()) {
      statements.add(alter + "DROP PRIMARY KEY");
    }
    columnChanges(before, after).forEach(change -> statements.add(alter + change));
    if (keyChanged && !after.primaryKey().isEmpty()) {
      statements.add(alter + "ADD PRIMARY KEY (" + quoteAll(after.primaryKey()) + ")");
    }
    changedIndexes(after, before).forEach(index -> statements.add(alter + "ADD " + index.definition()));
    return statements;
  }

  /** The indexes of {@code from} that {@code to} lacks or defines differently. */
  private static List<DoltTableLayout.Index> changedIndexes(DoltTableLayout from, DoltTableLayout to) {
    return from.indexes().stream()
        .filter(index -> to.index(index.name()).filter(index::sameDefinition).isEmpty())
        .toList();
  }

  /** DROP, MODIFY and ADD COLUMN clauses; added columns go where the new schema has them. */
  private static List<String> columnChanges(DoltTableLayout before, DoltTableLayout after) {
    List<String> changes = new ArrayList<>();
    for (DoltTableLayout.Column column : before.columns()) {
      if (after.column(column.name()).isEmpty()) {
        changes.add("DROP COLUMN " + quote(column.name()));
      }
    }
    String previous = null;
    for (DoltTableLayout.Column column : after.columns()) {
      Optional<DoltTableLayout.Column> existing = before.column(column.name());
      if (existing.isEmpty()) {
        changes.add("ADD COLUMN " + column.definition() + (previous == null ? " FIRST" : " AFTER " + quote(previous)));
      } else if (!existing.get().sameDefinition(column)) {
        changes.add("MODIFY COLUMN " + column.definition());
      }
      previous = existing.map(DoltTableLayout.Column::name).orElse(column.name());
    }
    return changes;
  }

  /** A MySQL identifier in backticks. */
  /** Quotes a Dolt identifier with backticks. */
  public static String quote(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }

  private static String quoteAll(List<String> identifiers) {
    return String.join(", ", identifiers.stream().map(DoltDdl::quote).toList());
  }

  private static List<String> lowerCase(List<String> names) {
    return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
  }
}
