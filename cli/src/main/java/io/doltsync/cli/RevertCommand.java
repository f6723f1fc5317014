package io.doltsync.cli;

import io.doltsync.DoltSync;
import io.doltsync.WritebackOptions;
import io.doltsync.WritebackReport;
import java.sql.Connection;
import java.sql.SQLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code doltsync revert <revision>}: undo a mirrored commit (or a range) on the primary. */
@Command(name = "revert", mixinStandardHelpOptions = true,
    description = "Applies the inverse of a mirrored Dolt commit's row changes (or of a range A..B) to the primary"
        + " as one transaction, mirrored as one Dolt commit \"Revert <hash>: ...\". A row changed again since is a"
        + " conflict: nothing is applied unless --skip-conflicts.",
    footer = {"", "Exit status: 0 done, 1 conflicts found (nothing changed; with --skip-conflicts the rest was",
        "applied), 2 usage or connection error."})
final class RevertCommand extends WritebackCommand {

  @Parameters(index = "0", paramLabel = "<revision>", description = "A commit of the mirrored branch (hash, main~2, a tag), or A..B")
  String revision;

  @Option(names = "--skip-conflicts", description = "Revert the cells that do not conflict (Dolt's cell-wise merge rule)"
      + " and report the others")
  boolean skipConflicts;

  @Override
  WritebackOptions options() {
    return WritebackOptions.DEFAULT.withSkipConflicts(skipConflicts);
  }

  @Override
  WritebackReport run(Connection db, WritebackOptions options) throws SQLException {
    return DoltSync.revert(db, revision, options);
  }
}
