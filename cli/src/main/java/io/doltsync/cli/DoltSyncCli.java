package io.doltsync.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * {@code doltsync}: the command line of doltsync, with the subcommands {@code verify}, {@code reconcile}, {@code export},
 * {@code status} and {@code apply}, the write-backs {@code revert}, {@code restore} and {@code publish}, and {@code sync}
 * and {@code push}. Exit status: 0 in sync (or done), 1 drift, quarantined entries or write-back conflicts found,
 * 2 usage or connection error.
 */
@Command(name = "doltsync", mixinStandardHelpOptions = true, versionProvider = DoltSyncCli.Version.class,
    description = {"Checks and heals the Dolt mirror of a database that an application reaches through jdbc:doltsync:"
        + " (verify, reconcile, status, apply); writes Dolt's history back into it (revert, restore, publish); syncs"
        + " any database into Dolt without the driver and pushes Dolt branches (sync, push); exports Dolt revisions"
        + " into other databases (export)."},
    subcommands = {VerifyCommand.class, ReconcileCommand.class, StatusCommand.class, ApplyCommand.class,
        RevertCommand.class, RestoreCommand.class, PublishCommand.class, SyncCommand.class, PushCommand.class,
        ExportCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Exit status: 0 in sync (or done), 1 drift, quarantined entries or write-back conflicts found,",
        "2 usage or connection error."})
public final class DoltSyncCli implements Runnable {

  /** In sync (or the requested work is done). */
  public static final int IN_SYNC = 0;
  /** Drift, quarantined entries or entries left in the journal. */
  public static final int DRIFT = 1;
  /** A usage or connection error. */
  public static final int ERROR = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  public static void main(String[] args) {
    int status = commandLine().execute(args);
    System.exit(status);
  }

  /** The command line with doltsync's exit codes, for {@link #main} and in-process callers. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new DoltSyncCli());
    commandLine.setExecutionExceptionHandler(new ErrorHandler());
    commandLine.setExitCodeExceptionMapper(e -> ERROR);
    return commandLine;
  }

  /** Prints a database error's message (never the URL's secrets: the driver redacts them) and exits with 2. */
  private static final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
      PrintWriter err = commandLine.getErr();
      Throwable cause = e;
      StringBuilder message = new StringBuilder("doltsync: ").append(cause.getMessage());
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        message.append(" (SQLState ").append(sql.getSQLState()).append(')');
      }
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
        message.append("\n  caused by: ").append(cause.getMessage());
      }
      err.println(message);
      err.flush();
      return ERROR;
    }
  }

  /** The version of the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = DoltSyncCli.class.getPackage().getImplementationVersion();
      return new String[] {"doltsync " + (version == null ? "(development build)" : version)};
    }
  }
}
