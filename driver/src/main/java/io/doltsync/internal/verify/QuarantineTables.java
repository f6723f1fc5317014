package io.doltsync.internal.verify;

import io.doltsync.internal.journal.QuarantineTable;
import io.doltsync.spi.SourceDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The applier's quarantine ({@link QuarantineTable}: {@code <base>_quarantine} with the set-aside entries,
 * {@code <base>_diverged} with the diverged tables) as {@code status} and {@code reconcile} use it.
 */
public final class QuarantineTables implements QuarantineStore {

  private final SourceDialect dialect;
  private final QuarantineTable table;

  public QuarantineTables(SourceDialect dialect, String journalName) {
    this.dialect = dialect;
    this.table = new QuarantineTable(dialect, journalName);
  }

  /** True for the quarantine's own tables, which are never mirrored nor verified. */
  public boolean isQuarantineTable(String name) {
    return name.equalsIgnoreCase(table.quarantineName()) || name.equalsIgnoreCase(table.divergedName());
  }

  @Override
  public long count(Connection primary) throws SQLException {
    return table.quarantinedCount(primary);
  }

  @Override
  public List<String> divergedTables(Connection primary) throws SQLException {
    return List.copyOf(table.divergedTables(primary).keySet());
  }

  @Override
  public String lastError(Connection primary) throws SQLException {
    List<QuarantineTable.Quarantined> entries = table.quarantined(primary);
    if (entries.isEmpty()) {
      return null;
    }
    QuarantineTable.Quarantined last = entries.get(entries.size() - 1);
    return "transaction " + last.transactionId() + " (" + last.tables() + "): " + last.error();
  }

  @Override
  public long clear(Connection primary, Collection<String> healedTables, boolean allTables) throws SQLException {
    Set<String> healed = new LinkedHashSet<>();
    healedTables.forEach(t -> healed.add(t.toLowerCase(Locale.ROOT)));
    for (String diverged : divergedTables(primary)) {
      if (allTables || healed.contains(diverged.toLowerCase(Locale.ROOT))) {
        table.clearDiverged(primary, diverged);
      }
    }
    List<String> transactions = new ArrayList<>();
    for (QuarantineTable.Quarantined entry : table.quarantined(primary)) {
      List<String> touched = split(entry.tables());
      boolean covered = allTables || !touched.isEmpty() && !touched.contains(QuarantineTable.ALL_TABLES)
          && touched.stream().allMatch(t -> healed.contains(t.toLowerCase(Locale.ROOT)));
      if (covered) {
        transactions.add(entry.transactionId());
      }
    }
    if (!transactions.isEmpty()) {
      try (PreparedStatement delete = primary.prepareStatement(
          "DELETE FROM " + dialect.quoteIdentifier(table.quarantineName()) + " WHERE txn = ?")) {
        for (String transaction : transactions) {
          delete.setString(1, transaction);
          delete.executeUpdate();
        }
      }
    }
    return transactions.size();
  }

  private static List<String> split(String tables) {
    if (tables == null || tables.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(tables.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
