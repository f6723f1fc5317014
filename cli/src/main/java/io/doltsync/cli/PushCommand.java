package io.doltsync.cli;

import io.doltsync.internal.sync.DoltPush;
import io.doltsync.internal.sync.SyncEngine;
import java.sql.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code doltsync push}: pushes a Dolt branch to a Dolt remote. */
@Command(name = "push", mixinStandardHelpOptions = true,
    description = "Pushes a branch of a Dolt database to a Dolt remote (DoltHub, a dolt sql-server with"
        + " --remotesapi-port, a file remote). With --user, Dolt reads the password from DOLT_REMOTE_PASSWORD in the"
        + " environment of the Dolt server that pushes (an embedded: target's server inherits doltsync's).",
    footer = {"", "Exit status: 0 pushed, 1 the push failed (rejected, refused, unreachable), 2 usage error."})
final class PushCommand implements Callable<Integer> {

  @Option(names = "--target", required = true, paramLabel = "<dolt jdbc url | embedded:dir>", description = "The Dolt database")
  String target;
  @Option(names = "--target-user", paramLabel = "<user>", defaultValue = "root", description = "Dolt user (default root)")
  String targetUser;
  @Option(names = "--branch", paramLabel = "<branch>", defaultValue = "main", description = "Branch to push (default main)")
  String branch;
  @Option(names = "--remote", required = true, paramLabel = "<name>", description = "The Dolt remote's name")
  String remote;
  @Option(names = "--remote-url", paramLabel = "<url>", description = "Add the remote with this URL when it is missing")
  String remoteUrl;
  @Option(names = "--user", paramLabel = "<user>", description = "Remote user; password from DOLT_REMOTE_PASSWORD")
  String user;
  @Option(names = "--force", description = "Overwrite the remote's branch")
  boolean force;
  @Option(names = "--on-reject", paramLabel = "<fail|merge>", defaultValue = "fail",
      description = "On a non-fast-forward rejection: fail (default) or fetch and merge without conflicts, then push again")
  String onReject;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    DoltPush.OnReject policy;
    try {
      policy = DoltPush.OnReject.parse(onReject);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("doltsync push: " + e.getMessage());
      return DoltSyncCli.ERROR;
    }
    String password = System.getenv().getOrDefault("DOLTSYNC_TARGET_PASSWORD", "");
    try (Connection dolt = SyncEngine.target(target, targetUser, password, branch, "doltsync").connect()) {
      if (remoteUrl != null) {
        DoltPush.ensureRemote(dolt, remote, remoteUrl);
      }
      DoltPush.Result result = DoltPush.push(dolt, remote, branch, user, force, policy);
      spec.commandLine().getOut().println("pushed " + branch + " to " + remote
          + (result.merges() > 0 ? " after merging the remote's commits" : ""));
      return DoltSyncCli.IN_SYNC;
    } catch (java.sql.SQLException e) {
      spec.commandLine().getErr().println("doltsync push: " + e.getMessage());
      return DoltSyncCli.DRIFT;
    } finally {
      io.doltsync.DoltSync.shutdown();
    }
  }
}
