package io.doltsync.internal.versioning;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The ways the Dolt-host tests ({@link DoltHostFileReadsTest}, {@link DoltHostFileWritesTest}) run a generated text
 * through a doltsync connection, and how they spell its words: plain {@code execute}, {@code executeQuery},
 * prepared with a parameter in its select list, an SQL-level {@code PREPARE} after a Dolt statement in one
 * multi-statement text, or the text itself after a Dolt statement.
 */
final class DoltHostStatementForms {

  static final List<String> ALL = List.of("execute", "executeQuery", "prepared", "PREPARE", "multi");

  private DoltHostStatementForms() {}

  static String any(Random random) {
    return ALL.get(random.nextInt(ALL.size()));
  }

  /** The word as written, in lower case, or capitalised. */
  static String spell(Random random, String word) {
    return switch (random.nextInt(3)) {
      case 0 -> word;
      case 1 -> word.toLowerCase(Locale.ROOT);
      default -> word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT);
    };
  }

  /** Runs {@code text} the way {@code how} names; {@code PREPARE} names its statement {@code preparedName}. */
  static void run(Connection app, String how, String text, String preparedName) throws SQLException {
    switch (how) {
      case "execute" -> {
        try (Statement sql = app.createStatement()) {
          sql.execute(text);
        }
      }
      case "executeQuery" -> {
        try (Statement sql = app.createStatement()) {
          sql.executeQuery(text).close();
        }
      }
      case "prepared" -> {
        try (PreparedStatement statement = app.prepareStatement(text.replaceFirst("SELECT ", "SELECT ? AS p, "))) {
          statement.setInt(1, 1);
          statement.execute();
        }
      }
      case "PREPARE" -> {
        // a PREPARE alone goes to the primary (its text is a string); after a Dolt statement it runs on Dolt
        try (Statement sql = app.createStatement()) {
          sql.execute("SELECT COUNT(*) FROM dolt_log; PREPARE " + preparedName + " FROM '"
              + text.replace("\\", "\\\\").replace("'", "''") + "'");
        }
      }
      default -> {
        try (Statement sql = app.createStatement()) {
          sql.execute("SELECT COUNT(*) FROM dolt_log; " + text);
        }
      }
    }
  }
}
