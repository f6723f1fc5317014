package io.doltsync.internal.versioning;

import io.doltsync.spi.CommitMetadata;
import java.sql.SQLException;

/**
 * The part of a doltsync connection the versioning SQL needs from the mirror: committing the current
 * primary transaction as a Dolt commit with a given author and message ({@code CALL DOLT_COMMIT(...)} on a
 * doltsync connection).
 */
public interface PrimaryTransactions {

  /**
   * Commits the connection's current primary transaction with that commit metadata (null fields: the
   * usual defaults) and waits until its Dolt commit exists.
   *
   * @param allowEmpty make a Dolt commit even when the transaction changed nothing mirrored
   * @return the Dolt commit hash; {@code null} when nothing changed and {@code allowEmpty} is false
   */
  String commitAndAwait(CommitMetadata metadata, boolean allowEmpty) throws SQLException;
}
