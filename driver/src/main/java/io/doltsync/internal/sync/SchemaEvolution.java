package io.doltsync.internal.sync;

import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.verify.SchemaComparison;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.IndexSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.spi.UnmappableTypeException;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Dolt DDL that brings a synced table's Dolt shape up to the source's: a new table is created, added
 * columns are added, widened types (longer strings, larger integers, more decimal digits, more fractional
 * seconds, float to double, a column that may now be NULL) are modified. Anything else (a dropped or renamed
 * column, a changed primary key, a narrowed or different type) is refused with an
 * {@link SQLSyntaxErrorException} (SQLState 42000) that names the change and the way out: a full refresh of the
 * table, which recreates it.
 */
final class SchemaEvolution {

  private static final Pattern TYPE = Pattern.compile("([a-z ]+?)(?:\\((\\d+)(?:,(\\d+))?\\))?( unsigned)?");
  private static final List<String> INTEGERS = List.of("tinyint", "smallint", "mediumint", "int", "bigint");
  private static final List<String> TEXTS = List.of("tinytext", "text", "mediumtext", "longtext");
  private static final List<String> BLOBS = List.of("tinyblob", "blob", "mediumblob", "longblob");

  /** The statements to run, in order; {@code added} says whether columns were added (their values need a fill). */
  record Plan(List<String> statements, boolean created, boolean addedColumns) {
    boolean isEmpty() {
      return statements.isEmpty();
    }
  }

  private SchemaEvolution() {}

  static Plan plan(String doltTable, TableSchema schema, SourceDialect dialect, Map<String, String> actual)
      throws SQLException {
    Map<String, String> expected;
    try {
      expected = DoltDdl.expectedShape(schema, dialect, false);
      if (actual.isEmpty()) {
        return new Plan(List.of(DoltDdl.createTable(doltTable, schema, dialect, false)), true, false);
      }
    } catch (UnmappableTypeException e) {
      throw new SQLSyntaxErrorException("table " + schema.name() + " cannot be synced: " + e.getMessage(), "42000", e);
    }
    if (!expected.get("primary key").equalsIgnoreCase(actual.get("primary key"))) {
      throw refused(schema, doltTable, "its key changed from (" + actual.get("primary key") + ") to ("
          + expected.get("primary key") + ")");
    }
    Set<String> expectedColumns = lower(expected.keySet());
    for (String column : actual.keySet()) {
      if (!expectedColumns.contains(column.toLowerCase(Locale.ROOT))) {
        throw refused(schema, doltTable, "column " + column + " was dropped or renamed");
      }
    }
    List<String> statements = new ArrayList<>();
    Set<String> present = lower(actual.keySet());
    for (Map.Entry<String, String> column : expected.entrySet()) {
      String found = actual.get(column.getKey());
      if (column.getKey().equals("primary key") || found == null) {
        continue;
      }
      String want = SchemaComparison.normalize(column.getValue());
      String have = SchemaComparison.normalize(found);
      if (SchemaComparison.sameType(want, have)) {
        continue;
      }
      if (!widens(have, want)) {
        throw refused(schema, doltTable, "column " + column.getKey() + " changed from " + have + " to " + want
            + ", which is not a widening");
      }
      statements.add("ALTER TABLE " + DoltDdl.quote(doltTable) + " MODIFY COLUMN " + DoltDdl.quote(column.getKey())
          + " " + want.replace(" not null", " NOT NULL"));
    }
    boolean added = expectedColumns.size() > present.size();
    if (added) {
      List<ColumnSchema> kept = schema.columns().stream()
          .filter(c -> present.contains(DoltDdl.doltName(c.name()).toLowerCase(Locale.ROOT))).toList();
      Set<String> keptNames = lower(kept.stream().map(ColumnSchema::name).toList());
      List<IndexSchema> keptIndexes = schema.indexes().stream()
          .filter(i -> keptNames.containsAll(lower(i.columns()))).toList();
      TableSchema before = new TableSchema(schema.name(), kept, schema.primaryKey(), keptIndexes, List.of(), List.of());
      try {
        statements.addAll(0, DoltDdl.alterTable(doltTable, before, schema, dialect, false));
      } catch (UnmappableTypeException e) {
        throw new SQLSyntaxErrorException("table " + schema.name() + " cannot be synced: " + e.getMessage(), "42000", e);
      }
    }
    return new Plan(statements, false, added);
  }

  /**
   * True when every value of {@code from} fits {@code to} unchanged (both as {@code information_schema}
   * prints them, with {@code " not null"} when set). NOT NULL may come or go: the source's rows satisfy it.
   */
  static boolean widens(String from, String to) {
    Matcher a = TYPE.matcher(from.replace(" not null", "").trim());
    Matcher b = TYPE.matcher(to.replace(" not null", "").trim());
    if (!a.matches() || !b.matches()) {
      return false;
    }
    String ta = a.group(1).trim();
    String tb = b.group(1).trim();
    boolean ua = a.group(4) != null;
    boolean ub = b.group(4) != null;
    int na = a.group(2) == null ? -1 : Integer.parseInt(a.group(2));
    int nb = b.group(2) == null ? -1 : Integer.parseInt(b.group(2));
    if (INTEGERS.contains(ta) && INTEGERS.contains(tb)) {
      int ra = INTEGERS.indexOf(ta);
      int rb = INTEGERS.indexOf(tb);
      return ua == ub ? rb >= ra : (ua && !ub && rb > ra);
    }
    if ((ta.equals("varchar") || ta.equals("char")) && tb.equals("varchar")
        || ta.equals("char") && tb.equals("char") || ta.equals("varbinary") && tb.equals("varbinary")) {
      return nb >= na;
    }
    if ((ta.equals("varchar") || ta.equals("char") || TEXTS.contains(ta)) && TEXTS.contains(tb)) {
      return !TEXTS.contains(ta) || TEXTS.indexOf(tb) >= TEXTS.indexOf(ta);
    }
    if ((ta.equals("varbinary") || BLOBS.contains(ta)) && BLOBS.contains(tb)) {
      return !BLOBS.contains(ta) || BLOBS.indexOf(tb) >= BLOBS.indexOf(ta);
    }
    if (ta.equals("decimal") && tb.equals("decimal")) {
      int sa = a.group(3) == null ? 0 : Integer.parseInt(a.group(3));
      int sb = b.group(3) == null ? 0 : Integer.parseInt(b.group(3));
      return sb >= sa && nb - sb >= na - sa;
    }
    if (ta.equals("float") && tb.equals("double")) {
      return true;
    }
    if (ta.equals(tb) && (ta.equals("datetime") || ta.equals("time") || ta.equals("timestamp"))) {
      return Math.max(nb, 0) >= Math.max(na, 0);
    }
    return ta.equals(tb) && na == nb && ua == ub && a.group(3) == null == (b.group(3) == null)
        && (a.group(3) == null || a.group(3).equals(b.group(3)));
  }

  private static SQLSyntaxErrorException refused(TableSchema schema, String doltTable, String change) {
    return new SQLSyntaxErrorException("source table " + schema.name() + " cannot be synced into Dolt table " + doltTable
        + ": " + change + ". Run once with --full-refresh " + schema.name() + " to recreate the Dolt table (its"
        + " history stays in Dolt)", "42000");
  }

  private static Set<String> lower(java.util.Collection<String> names) {
    return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }
}
