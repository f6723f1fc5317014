package io.doltsync.internal.dialect;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.IndexSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.spi.UnmappableTypeException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Dolt shape of one primary table: each column's Dolt type after Dolt's key and row-size rules,
 * the primary key, and the indexes Dolt can hold. All names are {@link DoltDdl#doltName Dolt names}.
 *
 * <p>Rules, all checked against {@code dolt sql-server}: a primary-key column cannot be text or blob
 * (not even with a prefix), so such a column becomes {@code varchar(3072)} or {@code varbinary(3072)}.
 * A row's fixed-width columns must stay under 65,504 bytes, so the widest varchar and varbinary columns
 * outside the key become text and blob types until they fit. A unique index may hold text and blob
 * columns whole; a non-unique index needs a prefix (768 characters, 3072 bytes, Dolt's 3072-byte key
 * limit). A {@code json} column cannot be indexed at all, so an index with one is left out.
 */
final class DoltTableLayout {

  static final int KEY_VARCHAR_LENGTH = 3072;
  static final int ROW_LIMIT_BYTES = 65_504;
  static final int INDEX_PREFIX_CHARS = 768;
  static final int INDEX_PREFIX_BYTES = 3072;
  /** The longest index prefix Dolt takes on a TINYBLOB (its 255 bytes) and a TINYTEXT (255 bytes of utf8mb4). */
  static final int TINYBLOB_BYTES = 255;
  static final int TINYTEXT_CHARS = 63;
  static final int MAX_NAME_LENGTH = 64;
  /** An upper bound of what Dolt charges a row for any column other than varchar, char, varbinary and binary. */
  private static final int OTHER_COLUMN_BYTES = 32;

  /** A Dolt column: name, type and nullability. */
  record Column(String name, String type, boolean nullable) {

    String definition() {
      return DoltDdl.quote(name) + " " + type + (nullable ? "" : " NOT NULL");
    }

    boolean sameDefinition(Column other) {
      return type.equalsIgnoreCase(other.type) && nullable == other.nullable;
    }
  }

  /** A Dolt index: name, uniqueness and its rendered key parts ({@code `c`} or {@code `c`(768)}). */
  record Index(String name, boolean unique, List<String> parts) {

    String definition() {
      return (unique ? "UNIQUE KEY " : "KEY ") + DoltDdl.quote(name) + " (" + String.join(", ", parts) + ")";
    }

    boolean sameDefinition(Index other) {
      return unique == other.unique && parts.equals(other.parts);
    }
  }

  private final List<Column> columns;
  private final List<String> primaryKey;
  private final List<Index> indexes;

  private DoltTableLayout(List<Column> columns, List<String> primaryKey, List<Index> indexes) {
    this.columns = List.copyOf(columns);
    this.primaryKey = List.copyOf(primaryKey);
    this.indexes = List.copyOf(indexes);
  }

  /**
   * The layout of a primary table.
   *
   * @param textFallback store columns of unmappable types as {@code longtext} instead of failing
   * @throws UnmappableTypeException when a column's type is unmappable and {@code textFallback} is off
   */
  static DoltTableLayout of(TableSchema schema, SourceDialect dialect, boolean textFallback) throws UnmappableTypeException {
    Set<String> keyColumns = lowerCase(schema.primaryKey());
    List<Column> columns = new ArrayList<>();
    for (ColumnSchema column : schema.columns()) {
      String type = doltType(schema.name(), column, dialect, textFallback);
      if (keyColumns.contains(column.name().toLowerCase(Locale.ROOT))) {
        type = keyType(type);
      }
      columns.add(new Column(DoltDdl.doltName(column.name()), type, column.nullable()));
    }
    fitRow(columns, keyColumns);
    List<String> primaryKey = schema.primaryKey().stream().map(DoltDdl::doltName).toList();
    return new DoltTableLayout(columns, primaryKey, indexes(schema.indexes(), columns));
  }

  List<Column> columns() {
    return columns;
  }

  List<String> primaryKey() {
    return primaryKey;
  }

  List<Index> indexes() {
    return indexes;
  }

  Optional<Column> column(String name) {
    return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
  }

  Optional<Index> index(String name) {
    return indexes.stream().filter(i -> i.name().equalsIgnoreCase(name)).findFirst();
  }

  private static String doltType(String table, ColumnSchema column, SourceDialect dialect, boolean textFallback)
      throws UnmappableTypeException {
    try {
      return dialect.doltType(table, column);
    } catch (UnmappableTypeException e) {
      if (textFallback) {
        return "longtext";
      }
      throw e;
    }
  }

  private static String keyType(String type) {
    if (isText(type)) {
      return "varchar(" + KEY_VARCHAR_LENGTH + ")";
    }
    return isBlob(type) ? "varbinary(" + KEY_VARCHAR_LENGTH + ")" : type;
  }

  /** Turns the widest non-key string columns into text and blob types until the row fits. */
  private static void fitRow(List<Column> columns, Set<String> keyColumns) {
    long rowBytes = columns.stream().mapToLong(c -> rowBytes(c.type())).sum();
    while (rowBytes >= ROW_LIMIT_BYTES) {
      Optional<Column> widest = columns.stream()
          .filter(c -> !keyColumns.contains(c.name().toLowerCase(Locale.ROOT)) && lobFor(c.type()) != null)
          .max(Comparator.comparingLong(c -> rowBytes(c.type())));
      if (widest.isEmpty()) {
        return;
      }
      Column column = widest.get();
      Column replacement = new Column(column.name(), lobFor(column.type()), column.nullable());
      columns.set(columns.indexOf(column), replacement);
      rowBytes += rowBytes(replacement.type()) - rowBytes(column.type());
    }
  }

  private static List<Index> indexes(List<IndexSchema> primaryIndexes, List<Column> columns) {
    List<Index> indexes = new ArrayList<>();
    Set<String> usedNames = new HashSet<>(Set.of("primary"));
    for (IndexSchema index : primaryIndexes) {
      List<String> parts = keyParts(index, columns);
      if (!parts.isEmpty()) {
        indexes.add(new Index(uniqueName(DoltDdl.doltName(index.name()), usedNames), index.unique(), parts));
      }
    }
    return indexes;
  }

  /** The index's rendered key parts, or none when Dolt cannot hold the index. */
  private static List<String> keyParts(IndexSchema index, List<Column> columns) {
    List<String> parts = new ArrayList<>();
    for (String columnName : index.columns()) {
      Optional<Column> column = columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
      if (column.isEmpty() || column.get().type().startsWith("json")) {
        return List.of();
      }
      parts.add(DoltDdl.quote(column.get().name()) + prefix(column.get().type(), index.unique()));
    }
    return parts;
  }

  /** The prefix length a text or blob column needs in a non-unique index; none elsewhere. */
  private static String prefix(String type, boolean unique) {
    if (unique) {
      return "";
    }
    if (isText(type)) {
      return "(" + (type.startsWith("tiny") ? TINYTEXT_CHARS : INDEX_PREFIX_CHARS) + ")";
    }
    // a prefix longer than the type holds is refused ("incorrect prefix key")
    return isBlob(type) ? "(" + (type.startsWith("tiny") ? TINYBLOB_BYTES : INDEX_PREFIX_BYTES) + ")" : "";
  }

  /** The name, shortened to Dolt's 64 characters and numbered when an earlier index has it (ignoring case). */
  private static String uniqueName(String name, Set<String> usedNames) {
    String base = name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) : name;
    String candidate = base;
    for (int n = 2; usedNames.contains(candidate.toLowerCase(Locale.ROOT)); n++) {
      String suffix = "_" + n;
      candidate = base.substring(0, Math.min(base.length(), MAX_NAME_LENGTH - suffix.length())) + suffix;
    }
    usedNames.add(candidate.toLowerCase(Locale.ROOT));
    return candidate;
  }

  /** What Dolt charges a row for a column of this type: 4 bytes a character, 1 a byte, little for the rest. */
  private static long rowBytes(String type) {
    int length = declaredLength(type);
    if (type.startsWith("varchar(") || type.startsWith("char(")) {
      return (long) length * DoltTypes.BYTES_PER_CHAR;
    }
    if (type.startsWith("varbinary(") || type.startsWith("binary(")) {
      return length;
    }
    return OTHER_COLUMN_BYTES;
  }

  /** The text or blob type that replaces a string or binary column to save row space, or null. */
  private static String lobFor(String type) {
    if (type.startsWith("varchar(") || type.startsWith("char(")) {
      return DoltTypes.textFor(declaredLength(type));
    }
    if (type.startsWith("varbinary(") || type.startsWith("binary(")) {
      return DoltTypes.blobFor(declaredLength(type));
    }
    return null;
  }

  private static int declaredLength(String type) {
    int open = type.indexOf('(');
    int close = type.indexOf(')', open + 1);
    if (open < 0 || close < 0) {
      return 0;
    }
    String inside = type.substring(open + 1, close);
    return inside.chars().allMatch(Character::isDigit) ? Integer.parseInt(inside) : 0;
  }

  private static boolean isText(String type) {
    return type.endsWith("text");
  }

  private static boolean isBlob(String type) {
    return type.endsWith("blob");
  }

  private static Set<String> lowerCase(List<String> names) {
    Set<String> lower = new HashSet<>();
    names.forEach(n -> lower.add(n.toLowerCase(Locale.ROOT)));
    return lower;
  }
}
