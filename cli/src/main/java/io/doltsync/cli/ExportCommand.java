package io.doltsync.cli;

import io.doltsync.export.DoltExport;
import io.doltsync.export.ExportReport;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code doltsync export}: a Dolt revision into another database (doltpy's sync_from_dolt). */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Creates and fills, or updates to equal the revision, the tables of a MariaDB/MySQL, PostgreSQL or H2"
        + " database from a Dolt revision (a branch, tag, commit hash or main~3), in one target transaction.",
    footer = {"", "Credentials: --dolt-user/--dolt-password ($DOLTSYNC_DOLT_USER, $DOLTSYNC_DOLT_PASSWORD; default root,"
        + " no password) and --to-user/--to-password ($DOLTSYNC_TO_USER, $DOLTSYNC_TO_PASSWORD).",
        "Exit status: 0 exported (or counted, with --dry-run), 1 refused because the target cannot take the revision (an"
            + " existing table of another shape, a value or type the target cannot hold; nothing changed), 2 usage or"
            + " connection error (an unknown revision or table included)."})
final class ExportCommand implements Callable<Integer> {

  /** SQLStates of an export the target cannot take: another table shape, a value or a type it cannot hold. */
  private static final Set<String> REFUSALS = Set.of("42000", "22003", "22008", "0A000");

  @Option(names = "--dolt", required = true, paramLabel = "<jdbc url>",
      description = "The Dolt database, e.g. jdbc:mariadb://127.0.0.1:3306/shop")
  String doltUrl;

  @Option(names = "--dolt-user", paramLabel = "<user>", description = "Dolt user (default: $DOLTSYNC_DOLT_USER, else root)")
  String doltUser;

  @Option(names = "--dolt-password", paramLabel = "<password>", arity = "0..1", interactive = true,
      description = "Dolt password (default: $DOLTSYNC_DOLT_PASSWORD, else none; without a value: asked for)")
  String doltPassword;

  @Option(names = "--revision", required = true, paramLabel = "<rev>",
      description = "The revision to export: a branch, tag, commit hash or ancestry such as main~3")
  String revision;

  @Option(names = "--to", required = true, paramLabel = "<jdbc url>", description = "The target database")
  String targetUrl;

  @Option(names = "--to-user", paramLabel = "<user>", description = "Target user (default: $DOLTSYNC_TO_USER)")
  String targetUser;

  @Option(names = "--to-password", paramLabel = "<password>", arity = "0..1", interactive = true,
      description = "Target password (default: $DOLTSYNC_TO_PASSWORD; without a value: asked for)")
  String targetPassword;

  @Option(names = {"-t", "--tables"}, split = ",", paramLabel = "<table>",
      description = "Only these tables (names or globs; comma-separated or repeated)")
  List<String> tables = new ArrayList<>();

  @Option(names = "--exclude", split = ",", paramLabel = "<table>", description = "Not these tables (names or globs)")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--table-map", split = ",", paramLabel = "<src=dst>", description = "Write Dolt table src into target table dst")
  Map<String, String> tableMap = new LinkedHashMap<>();

  @Option(names = "--dry-run", description = "Only count the rows each table would get inserted, updated and deleted")
  boolean dryRun;

  @Option(names = "--batch-rows", paramLabel = "<n>", defaultValue = "" + DoltExport.DEFAULT_BATCH_ROWS,
      description = "Rows per batched write (default: ${DEFAULT-VALUE})")
  int batchRows;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Map<String, String> environment = System.getenv();
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = Progress.forStandardError(spec.commandLine().getErr(), "export");
    try (Connection dolt = DriverManager.getConnection(doltUrl, credentials(
            doltUser != null ? doltUser : environment.getOrDefault("DOLTSYNC_DOLT_USER", "root"),
            doltPassword != null ? doltPassword : environment.getOrDefault("DOLTSYNC_DOLT_PASSWORD", "")));
        Connection target = DriverManager.getConnection(targetUrl, targetProperties(environment))) {
      ExportReport report = DoltExport.from(dolt, revision).tables(tables).exclude(exclude).tableMap(tableMap)
          .dryRun(dryRun).batchRows(batchRows).progress(progress::rows).into(target);
      progress.finish();
      print(out, report);
      return DoltSyncCli.IN_SYNC;
    } catch (SQLException e) {
      progress.finish();
      if (e.getSQLState() != null && REFUSALS.contains(e.getSQLState())) {
        spec.commandLine().getErr().println("doltsync: export refused, nothing changed: " + e.getMessage()
            + " (SQLState " + e.getSQLState() + ")");
        spec.commandLine().getErr().flush();
        return DoltSyncCli.DRIFT;
      }
      throw e;
    }
  }

  private Properties targetProperties(Map<String, String> environment) {
    Properties properties = credentials(targetUser != null ? targetUser : environment.get("DOLTSYNC_TO_USER"),
        targetPassword != null ? targetPassword : environment.get("DOLTSYNC_TO_PASSWORD"));
    // exact batch rewriting: one multi-row INSERT per batch
    if (targetUrl.startsWith("jdbc:postgresql:")) {
      properties.setProperty("reWriteBatchedInserts", "true");
    } else if (targetUrl.startsWith("jdbc:mysql:")) {
      properties.setProperty("rewriteBatchedStatements", "true");
    }
    return properties;
  }

  private static Properties credentials(String user, String password) {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return properties;
  }

  private static void print(PrintWriter out, ExportReport report) {
    for (ExportReport.TableResult table : report.tables()) {
      out.println(String.format(Locale.ROOT, "%-24s -> %-24s %-8s %,12d inserted %,12d updated %,12d deleted",
          table.source(), table.target(), table.created() ? "created" : "updated", table.inserted(), table.updated(),
          table.deleted()));
    }
    out.println(String.format(Locale.ROOT, "%s: %d tables, %,d rows from %s (%s) in %.1f s",
        report.dryRun() ? "DRY RUN (nothing changed)" : "EXPORTED", report.tables().size(), report.rowsWritten(),
        report.revision(), report.commitHash(), report.elapsed().toMillis() / 1000.0));
    out.flush();
  }
}
