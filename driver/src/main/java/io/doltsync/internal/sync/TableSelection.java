package io.doltsync.internal.sync;

import io.doltsync.internal.dialect.DoltDdl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which source tables a run syncs and how: include/exclude globs ({@code *}, {@code ?}, ignoring case), the
 * table map (which also renames), per-table mode, cursor and key columns. A table named in the table map is
 * included even when no include glob matches it. Under a default mode of {@code incremental}, a table without a
 * cursor column is synced as a snapshot (a table given {@code incremental} by name must have a cursor). Two source tables may not map to one Dolt table.
 */
public final class TableSelection {

  /** One selected table. */
  public record SelectedTable(String source, String dolt, SyncMode mode, String cursor, List<String> keys,
      boolean fullRefresh) {}

  private final SyncOptions options;
  private final List<Pattern> include;
  private final List<Pattern> exclude;

  public TableSelection(SyncOptions options) {
    this.options = options;
    this.include = options.include().stream().map(TableSelection::glob).toList();
    this.exclude = options.exclude().stream().map(TableSelection::glob).toList();
  }

  /** A glob as a case-insensitive pattern over the whole name. */
  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.trim().toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** The selected tables among {@code sourceTables}, in their order. */
  public List<SelectedTable> select(List<String> sourceTables) {
    Map<String, String> map = lowerKeys(options.tableMap());
    Map<String, SyncMode> modes = lowerKeys(options.modes());
    Map<String, String> cursors = lowerKeys(options.cursors());
    Map<String, List<String>> keys = lowerKeys(options.keys());
    Set<String> refresh = new HashSet<>();
    options.fullRefresh().forEach(t -> refresh.add(t.toLowerCase(Locale.ROOT)));
    List<SelectedTable> selected = new ArrayList<>();
    Map<String, String> doltNames = new HashMap<>();
    for (String table : sourceTables) {
      String key = table.toLowerCase(Locale.ROOT);
      boolean mapped = map.containsKey(key);
      if (!mapped && (include.stream().noneMatch(p -> p.matcher(table).matches())
          || exclude.stream().anyMatch(p -> p.matcher(table).matches()))) {
        continue;
      }
      String dolt = mapped ? map.get(key) : DoltDdl.doltName(table);
      if (dolt.equalsIgnoreCase(CursorStore.TABLE)) {
        throw new IllegalArgumentException("source table " + table + " would be synced into " + CursorStore.TABLE
            + ", the table where sync keeps its cursors: map it to another name with --table-map");
      }
      String clash = doltNames.put(dolt.toLowerCase(Locale.ROOT), table);
      if (clash != null) {
        throw new IllegalArgumentException("source tables " + clash + " and " + table + " both map to Dolt table " + dolt);
      }
      SyncMode mode = modes.getOrDefault(key, options.mode());
      if (!modes.containsKey(key) && mode == SyncMode.INCREMENTAL && !cursors.containsKey(key)) {
        mode = SyncMode.SNAPSHOT;
      }
      boolean fullRefresh = mode == SyncMode.FULL_REFRESH || refresh.contains(key) || refresh.contains("*");
      selected.add(new SelectedTable(table, dolt, mode, cursors.get(key), keys.getOrDefault(key, List.of()),
          fullRefresh));
    }
    return selected;
  }

  /** Fails when a per-table option names a table that is not among the source's tables. */
  public void requireKnown(List<String> sourceTables) {
    Set<String> known = new HashSet<>();
    sourceTables.forEach(t -> known.add(t.toLowerCase(Locale.ROOT)));
    List<Map<String, ?>> perTable = List.of(options.tableMap(), options.modes(), options.cursors(), options.keys());
    for (Map<String, ?> option : perTable) {
      for (String table : option.keySet()) {
        if (!known.contains(table.toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException("no source table " + table + " (named in a per-table option)");
        }
      }
    }
  }

  private static <V> Map<String, V> lowerKeys(Map<String, V> map) {
    Map<String, V> lower = new HashMap<>();
    map.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return lower;
  }
}
