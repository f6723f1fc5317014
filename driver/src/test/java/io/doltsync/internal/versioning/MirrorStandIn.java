package io.doltsync.internal.versioning;

import io.doltsync.spi.CommitMetadata;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for doltsync's mirror in these tests: "committing the primary transaction" applies the
 * statements staged for it to branch {@code main} and makes the Dolt commit, with the author and message it
 * was given, by {@code CALL dolt_commit} on {@code main}, as the mirror's applier does.
 */
final class MirrorStandIn implements PrimaryTransactions {

  /** The message of a commit made without one. */
  static final String DEFAULT_MESSAGE = "mirrored transaction";

  private final String database;
  private final List<String> staged = new ArrayList<>();
  private final List<CommitMetadata> received = new ArrayList<>();
  private final List<Boolean> allowEmpty = new ArrayList<>();

  MirrorStandIn(String database) {
    this.database = database;
  }

  /** Adds a write to the current "primary transaction". */
  void stage(String sql) {
    staged.add(sql);
  }

  /** Mirrors a transaction of another connection: the writes, committed without a chosen author. */
  String mirror(String... writes) throws SQLException {
    staged.addAll(List.of(writes));
    return commitAndAwait(CommitMetadata.message(DEFAULT_MESSAGE), false);
  }

  /** The metadata of each commitAndAwait call, in order. */
  List<CommitMetadata> received() {
    return received;
  }

  /** The allowEmpty argument of each commitAndAwait call, in order. */
  List<Boolean> allowEmptyReceived() {
    return allowEmpty;
  }

  @Override
  public String commitAndAwait(CommitMetadata metadata, boolean allowEmptyCommit) throws SQLException {
    received.add(metadata);
    allowEmpty.add(allowEmptyCommit);
    try (Connection main = TestServers.dolt(database); Statement statement = main.createStatement()) {
      for (String write : staged) {
        statement.execute(write);
      }
      staged.clear();
      List<String> arguments = new ArrayList<>(List.of("-A", "-m",
          metadata.message() == null ? DEFAULT_MESSAGE : metadata.message()));
      if (metadata.authorName() != null) {
        arguments.addAll(List.of("--author", metadata.authorName() + " <" + metadata.authorEmail() + ">"));
      }
      arguments.add(allowEmptyCommit ? "--allow-empty" : "--skip-empty");
      return SqlRunner.value(main, SqlRunner.call("dolt_commit", arguments.size()), arguments.toArray());
    }
  }
}
