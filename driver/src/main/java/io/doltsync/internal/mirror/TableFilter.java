package io.doltsync.internal.mirror;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which primary tables are mirrored: those matching {@code doltsync.include} and not
 * {@code doltsync.exclude} (comma-separated names or globs with {@code *} and {@code ?}, compared
 * case-insensitively), never the journal table itself nor its quarantine and diverged-tables tables, nor
 * the lineage tables doltsync keeps in Dolt ({@code _doltsync_lineage}, {@code _doltsync_lineage_runs}).
 */
public final class TableFilter {

  private final List<Pattern> include;
  private final List<Pattern> exclude;
  private final java.util.Set<String> internalTables;

  public TableFilter(List<String> include, List<String> exclude, String journalTable) {
    this.include = (include.isEmpty() ? List.of("*") : include).stream().map(TableFilter::glob).toList();
    this.exclude = exclude.stream().map(TableFilter::glob).toList();
    this.internalTables = java.util.Set.of(journalTable.toLowerCase(Locale.ROOT),
        io.doltsync.internal.journal.QuarantineTable.quarantineNameFor(journalTable).toLowerCase(Locale.ROOT),
        io.doltsync.internal.journal.QuarantineTable.divergedNameFor(journalTable).toLowerCase(Locale.ROOT),
        io.doltsync.internal.capture.binlog.BinlogAnnouncements.tableFor(journalTable).toLowerCase(Locale.ROOT),
        (journalTable + "_binlog").toLowerCase(Locale.ROOT));
  }

  public boolean isMirrored(String table) {
    String name = table.toLowerCase(Locale.ROOT);
    if (internalTables.contains(name) || name.startsWith("dolt_")
        || io.doltsync.internal.lineage.LineageTables.isLineageTable(name)) {
      return false;
    }
    return include.stream().anyMatch(p -> p.matcher(name).matches())
        && exclude.stream().noneMatch(p -> p.matcher(name).matches());
  }

  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
