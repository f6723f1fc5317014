package io.doltsync.internal.versioning;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Which branch of the mirrored database a table or procedure name reaches from the session's Dolt
 * connection: an unqualified name the current database's active branch, {@code shop.t} the branch the
 * session has checked out, {@code `shop/b`.t} and {@code `shop@b`.t} branch {@code b}. Reads the session's
 * state lazily, at most once.
 */
final class SessionPosition {

  private static final String HEADS = "refs/heads/";

  private final Connection connection;
  private final String database;
  private boolean currentRead;
  private String currentDatabase;
  private String activeBranch;
  private String checkedOutBranch;

  private SessionPosition(Connection connection, String database) {
    this.connection = connection;
    this.database = database;
  }

  /** The position of the session on that connection, read when first needed. */
  static SessionPosition of(Connection connection, String database) {
    return new SessionPosition(connection, database);
  }

  /** A session known to be in {@code database} with {@code branch} checked out. */
  static SessionPosition onBranch(String database, String branch) {
    SessionPosition position = new SessionPosition(null, database);
    position.currentRead = true;
    position.currentDatabase = database;
    position.activeBranch = branch;
    position.checkedOutBranch = branch;
    return position;
  }

  /** The mirrored database's branch a name with that database qualifier (null: none) reaches; null for another database. */
  String branchOf(String qualifier) throws SQLException {
    if (qualifier == null) {
      readCurrent();
      return currentDatabase != null && isMirroredDatabase(Revisions.databaseOf(currentDatabase)) ? activeBranch : null;
    }
    if (Revisions.revisionOf(qualifier) != null) {
      return isMirroredDatabase(Revisions.databaseOf(qualifier)) ? Revisions.revisionOf(qualifier) : null;
    }
    return isMirroredDatabase(qualifier) ? checkedOutBranch() : null;
  }

  private boolean isMirroredDatabase(String name) {
    return name.equalsIgnoreCase(database);
  }

  private void readCurrent() throws SQLException {
    if (!currentRead) {
      List<String> row = SqlRunner.firstRow(connection, "SELECT DATABASE(), ACTIVE_BRANCH()", List.of());
      currentDatabase = row.get(0);
      activeBranch = row.get(1);
      currentRead = true;
    }
  }

  private String checkedOutBranch() throws SQLException {
    if (checkedOutBranch == null) {
      String headRef = SqlRunner.value(connection, "SELECT @@" + database + "_head_ref");
      checkedOutBranch = headRef != null && headRef.startsWith(HEADS) ? headRef.substring(HEADS.length()) : headRef;
    }
    return checkedOutBranch;
  }
}
