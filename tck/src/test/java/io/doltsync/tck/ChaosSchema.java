package io.doltsync.tck;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The chaos run's own tables, next to the workload's: {@code marker} (one row per transaction a writer
 * runs, so a transaction is in Dolt exactly when its marker is), {@code chaos_poison} (Dolt gets a CHECK
 * rule the primary lacks, so rows with {@code v >= 1000} reach the applier and are refused there) and
 * {@code chaos_value} (a double column, where NaN and infinities are values Dolt cannot store).
 */
final class ChaosSchema {

  /** The value from which Dolt's rule refuses {@code chaos_poison.v}. */
  static final int POISON_FROM = 1000;

  static final List<String> TABLES = List.of(
      "CREATE TABLE marker (seq INT NOT NULL PRIMARY KEY, writer VARCHAR(40))",
      "CREATE TABLE chaos_poison (id INT NOT NULL PRIMARY KEY, v INT NOT NULL)",
      "CREATE TABLE chaos_value (id INT NOT NULL PRIMARY KEY, d DOUBLE PRECISION)");

  /** The rule only Dolt has, added by another client of Dolt after the bootstrap. */
  static final String DOLT_ONLY_RULE = "ALTER TABLE chaos_poison ADD CONSTRAINT chaos_small CHECK (v < "
      + POISON_FROM + ")";

  private ChaosSchema() {}

  /** Adds the tables to a run's primary (before doltsync bootstraps it). */
  static void createTables(PrimaryDatabase database) throws SQLException {
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      for (String sql : TABLES) {
        statement.execute(sql);
      }
    }
  }

  /** Gives Dolt's copy of {@code chaos_poison} a rule the primary does not have, as one commit of another client. */
  static void addDoltOnlyRule(DoltDatabase dolt) throws SQLException {
    try (Connection connection = dolt.connect(); Statement statement = connection.createStatement()) {
      statement.execute(DOLT_ONLY_RULE);
      statement.execute("CALL dolt_commit('-Am', 'out of band: a rule only Dolt has')");
    }
  }
}
