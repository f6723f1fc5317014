package io.doltsync.internal.versioning;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * Refuses {@code SELECT ... INTO OUTFILE} and {@code INTO DUMPFILE} in a text doltsync runs on Dolt (one that reads
 * Dolt-only tables such as {@code dolt_log}, or {@code AS OF}): Dolt would write the file on its own server's host,
 * which an application that sees one database does not expect. The same statement naming only primary tables goes
 * to the primary, unchanged. Refused before anything runs, with SQLState {@value #SQL_STATE}.
 */
final class DoltHostFileWrites {

  static final String SQL_STATE = "0A000";

  private DoltHostFileWrites() {}

  /** Throws when any statement of {@code text} has {@code INTO OUTFILE} or {@code INTO DUMPFILE} (comments, strings and quoted names aside). */
  static void refuse(SqlText text) throws SQLException {
    for (int i = 0; i + 1 < text.size(); i++) {
      if (text.token(i).isWord("INTO") && (text.token(i + 1).isWord("OUTFILE") || text.token(i + 1).isWord("DUMPFILE"))) {
        throw new SQLFeatureNotSupportedException("doltsync runs this statement on Dolt (it reads Dolt's versioning"
            + " tables or history), where INTO " + text.token(i + 1).text().toUpperCase(java.util.Locale.ROOT)
            + " would write a file on the Dolt server's host; refused before it ran. Read the rows through JDBC and"
            + " write the file in the application: " + text.sql(), SQL_STATE);
      }
    }
  }
}
