package io.doltsync.internal.versioning;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * Refuses what would touch files on the Dolt server's host in a text doltsync runs on Dolt (one that reads
 * Dolt-only tables such as {@code dolt_log}, or {@code AS OF}): {@code SELECT ... INTO OUTFILE} and
 * {@code INTO DUMPFILE} (Dolt writes the file), {@code LOAD_FILE(...)} and a {@code LOAD DATA} or
 * {@code LOAD XML} without {@code LOCAL} (Dolt reads the file: measured, {@code LOAD_FILE('/etc/hostname')} and
 * {@code LOAD DATA INFILE '/etc/hostname'} return the Dolt host's file), which an application that sees one
 * database does not expect. The same statement naming only primary tables goes to the primary, unchanged; a
 * {@code LOAD DATA LOCAL} reads the client's own file and is left alone. Refused before anything runs, with
 * SQLState {@value #SQL_STATE}.
 */
final class DoltHostFileWrites {

  static final String SQL_STATE = "0A000";

  private DoltHostFileWrites() {}

  /**
   * Throws when any statement of {@code text} has {@code INTO OUTFILE}, {@code INTO DUMPFILE}, a call of
   * {@code LOAD_FILE}, or a {@code LOAD DATA}/{@code LOAD XML} of a server-side file (comments, strings and quoted
   * names aside).
   */
  static void refuse(SqlText text) throws SQLException {
    for (int i = 0; i + 1 < text.size(); i++) {
      if (text.token(i).isWord("LOAD_FILE") && text.token(i + 1).type() == io.doltsync.sql.lex.TokenType.LEFT_PAREN) {
        throw readRefused("LOAD_FILE()", text);
      }
      if (text.token(i).isWord("LOAD") && (text.token(i + 1).isWord("DATA") || text.token(i + 1).isWord("XML"))
          && readsServerFile(text, i + 2)) {
        throw readRefused("LOAD " + text.token(i + 1).text().toUpperCase(java.util.Locale.ROOT) + " INFILE", text);
      }
    }
    for (int i = 0; i + 1 < text.size(); i++) {
      if (text.token(i).isWord("INTO") && (text.token(i + 1).isWord("OUTFILE") || text.token(i + 1).isWord("DUMPFILE"))) {
        throw new SQLFeatureNotSupportedException("doltsync runs this statement on Dolt (it reads Dolt's versioning"
            + " tables or history), where INTO " + text.token(i + 1).text().toUpperCase(java.util.Locale.ROOT)
            + " would write a file on the Dolt server's host; refused before it ran. Read the rows through JDBC and"
            + " write the file in the application: " + text.sql(), SQL_STATE);
      }
    }
  }

  /** After {@code LOAD DATA}/{@code LOAD XML}: its modifiers, then {@code INFILE} without {@code LOCAL}. */
  private static boolean readsServerFile(SqlText text, int from) {
    boolean local = false;
    for (int j = from; j < text.size(); j++) {
      SqlText.Token token = text.token(j);
      if (token.isWord("LOCAL")) {
        local = true;
      } else if (!token.isWord("LOW_PRIORITY") && !token.isWord("CONCURRENT")) {
        return token.isWord("INFILE") && !local;
      }
    }
    return false;
  }

  private static SQLException readRefused(String what, SqlText text) {
    return new SQLFeatureNotSupportedException("doltsync runs this statement on Dolt (it reads Dolt's versioning"
        + " tables or history), where " + what + " would read a file on the Dolt server's host; refused before it"
        + " ran. Read the file in the application (or use LOAD DATA LOCAL): " + text.sql(), SQL_STATE);
  }
}
