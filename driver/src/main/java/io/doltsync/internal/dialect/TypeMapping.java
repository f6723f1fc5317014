package io.doltsync.internal.dialect;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.UnmappableTypeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A dialect's table from primary type names to Dolt column types. A column is looked up by its
 * {@linkplain #baseName base type name}; names the table lacks are tried against the pattern rules in
 * order (arrays, intervals, types known only by their JDBC type code). Anything else is unmappable.
 * Results are memoised per column, so mapping a column on every row read costs one hash lookup.
 */
final class TypeMapping {

  private static final Pattern PARENTHESES = Pattern.compile("\\([^()]*\\)");
  private static final Pattern MODIFIERS = Pattern.compile("\\b(unsigned|zerofill)\\b");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private final Map<String, TypeRule> byName;
  private final List<PatternRule> patterns;
  private final Map<ColumnSchema, Optional<DoltColumnType>> memo = new ConcurrentHashMap<>();

  private TypeMapping(Map<String, TypeRule> byName, List<PatternRule> patterns) {
    this.byName = Map.copyOf(byName);
    this.patterns = List.copyOf(patterns);
  }

  static Builder builder() {
    return new Builder();
  }

  /** The Dolt column type of a primary column of {@code table}. */
  DoltColumnType map(String table, ColumnSchema column) throws UnmappableTypeException {
    Optional<DoltColumnType> mapped = memo.computeIfAbsent(column, c -> Optional.ofNullable(resolve(c)));
    return mapped.orElseThrow(() -> new UnmappableTypeException(table, column.name(), column.typeName()));
  }

  /** The canonical value kind of a column; text for an unmappable column, which is mirrored as text. */
  ValueKind kind(ColumnSchema column) {
    Optional<DoltColumnType> mapped = memo.get(column); // per value read: no lambda unless the column is new
    if (mapped == null) {
      mapped = memo.computeIfAbsent(column, c -> Optional.ofNullable(resolve(c)));
    }
    return mapped.isPresent() ? mapped.get().kind() : ValueKind.STRING;
  }

  private DoltColumnType resolve(ColumnSchema column) {
    String base = baseName(column.typeName());
    TypeRule rule = byName.get(base);
    if (rule != null) {
      return rule.apply(column);
    }
    for (PatternRule pattern : patterns) {
      if (pattern.matches().test(column)) {
        return pattern.rule().apply(column);
      }
    }
    return null;
  }

  /**
   * A type name in lower case without lengths, precisions, enumeration values or the MySQL modifiers
   * {@code unsigned} and {@code zerofill}: {@code "TIMESTAMP(6) WITH TIME ZONE"} becomes
   * {@code "timestamp with time zone"}, {@code "int(10) unsigned"} becomes {@code "int"}, and
   * {@code "enum('a','b')"} becomes {@code "enum"}.
   */
  static String baseName(String typeName) {
    String lower = typeName.toLowerCase(Locale.ROOT).trim();
    for (String listType : List.of("enum", "set")) {
      if (lower.startsWith(listType) && lower.substring(listType.length()).trim().startsWith("(")) {
        return listType;
      }
    }
    String bare = MODIFIERS.matcher(PARENTHESES.matcher(lower).replaceAll(" ")).replaceAll(" ");
    return SPACES.matcher(bare).replaceAll(" ").trim();
  }

  private record PatternRule(Predicate<ColumnSchema> matches, TypeRule rule) {}

  /** Collects the rules of one dialect. A later rule for a name replaces an earlier one. */
  static final class Builder {
    private final Map<String, TypeRule> byName = new HashMap<>();
    private final List<PatternRule> patterns = new ArrayList<>();

    private Builder() {}

    /** Starts from another dialect's rules, to be extended or overridden. */
    Builder include(TypeMapping other) {
      byName.putAll(other.byName);
      other.patterns.forEach(patterns::add);
      return this;
    }

    /** Maps every type whose base name is one of {@code names} (lower case) with {@code rule}. */
    Builder map(TypeRule rule, String... names) {
      for (String name : names) {
        byName.put(name, rule);
      }
      return this;
    }

    /** Maps types not found by name that match {@code matches}. */
    Builder mapIf(Predicate<ColumnSchema> matches, TypeRule rule) {
      patterns.add(new PatternRule(matches, rule));
      return this;
    }

    TypeMapping build() {
      return new TypeMapping(byName, patterns);
    }
  }
}
