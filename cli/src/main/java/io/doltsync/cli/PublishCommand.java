package io.doltsync.cli;

import io.doltsync.DoltSync;
import io.doltsync.WritebackOptions;
import io.doltsync.WritebackReport;
import java.sql.Connection;
import java.sql.SQLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code doltsync publish <branch>}: apply a reviewed Dolt branch to the primary. */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = "Applies the changes of a Dolt branch since its merge base with the mirrored branch to the primary,"
        + " merged cell-wise with what the primary changed since, as one transaction mirrored as one Dolt commit"
        + " \"Publish <branch> (<hash>)\". The branch is left as it is.",
    footer = {"", "Exit status: 0 done, 1 conflicts found (nothing changed; with --skip-conflicts the rest was",
        "applied), 2 usage or connection error."})
final class PublishCommand extends WritebackCommand {

  @Parameters(index = "0", paramLabel = "<branch>", description = "The Dolt branch to publish")
  String branch;

  @Option(names = "--skip-conflicts", description = "Apply the cells that do not conflict and report the others")
  boolean skipConflicts;

  @Override
  WritebackOptions options() {
    return WritebackOptions.DEFAULT.withSkipConflicts(skipConflicts);
  }

  @Override
  WritebackReport run(Connection db, WritebackOptions options) throws SQLException {
    return DoltSync.publish(db, branch, options);
  }
}
