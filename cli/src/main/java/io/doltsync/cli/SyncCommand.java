package io.doltsync.cli;

import io.doltsync.internal.sync.DoltPush;
import io.doltsync.internal.sync.HealthServer;
import io.doltsync.internal.sync.ReaderLock;
import io.doltsync.internal.sync.SnapshotRoute;
import io.doltsync.internal.sync.SyncEngine;
import io.doltsync.internal.sync.SyncHealth;
import io.doltsync.internal.sync.SyncMode;
import io.doltsync.internal.sync.SyncOptions;
import io.doltsync.internal.sync.SyncReport;
import io.doltsync.internal.sync.SyncService;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code doltsync sync}: copies a database into a Dolt branch, one commit per run that changed something. */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = {"Syncs a database (any JDBC URL doltsync reads: MariaDB/MySQL, PostgreSQL, H2, Oracle) into a Dolt"
        + " branch without the driver: one Dolt commit per run that changed something, read from one consistent"
        + " snapshot of the source.",
        "Settings not given as flags come from DOLTSYNC_<OPTION> environment variables (DOLTSYNC_SOURCE,"
        + " DOLTSYNC_SOURCE_PASSWORD, ...), then from --config (option=value lines; never passwords)."},
    footer = {"", "Exit status: 0 the run succeeded (committed or not), 1 the run failed (also when another sync of the"
        + " same Dolt database and branch held the lock for all of --lock-wait; SQLState HYT00), 2 usage error."})
final class SyncCommand implements Callable<Integer> {

  @Option(names = "--source", paramLabel = "<jdbc url>", description = "The source database's JDBC URL")
  String source;
  @Option(names = "--source-user", paramLabel = "<user>", description = "Source user")
  String sourceUser;
  @Option(names = "--source-password", paramLabel = "<password>", arity = "0..1", interactive = true,
      description = "Source password (better: DOLTSYNC_SOURCE_PASSWORD; without a value: asked for)")
  String sourcePassword;
  @Option(names = "--target", paramLabel = "<dolt jdbc url | embedded:dir>",
      description = "The Dolt database: jdbc:mariadb://host:port/db, jdbc:mysql://..., or embedded:<dir>")
  String target;
  @Option(names = "--target-user", paramLabel = "<user>", description = "Dolt user (default root)")
  String targetUser;
  @Option(names = "--target-password", paramLabel = "<password>", arity = "0..1", interactive = true,
      description = "Dolt password (better: DOLTSYNC_TARGET_PASSWORD; default empty)")
  String targetPassword;
  @Option(names = "--branch", paramLabel = "<branch>", description = "Dolt branch written (default main)")
  String branch;
  @Option(names = "--tables", paramLabel = "<glob,...>", description = "Tables to sync, globs with * and ? (default *)")
  String tables;
  @Option(names = "--exclude", paramLabel = "<glob,...>", description = "Tables left out")
  String exclude;
  @Option(names = "--table-map", paramLabel = "<src=dst,...>", description = "Sync these tables, renamed in Dolt")
  String tableMap;
  @Option(names = "--mode", paramLabel = "<mode>", description = "snapshot (default), incremental or full-refresh")
  String mode;
  @Option(names = "--table-mode", paramLabel = "<table=mode,...>", description = "Per-table modes")
  String tableModes;
  @Option(names = "--cursor", paramLabel = "<table=column,...>", description = "Cursor columns of incremental tables")
  String cursors;
  @Option(names = "--key", paramLabel = "<table=col[+col],...>", description = "Key columns of tables without a primary key")
  String keys;
  @Option(names = "--full-refresh", paramLabel = "<table,...|*>", arity = "0..1", fallbackValue = "*",
      description = "Recreate and copy these tables (all without a value) on this run")
  String fullRefresh;
  @Option(names = "--look-back", paramLabel = "<duration>", description = "Rows up to this much older than a"
      + " temporal cursor are read again, for late commits (default 0s)")
  String lookBack;
  @Option(names = "--key-scan-every", paramLabel = "<duration|never>", description = "How often incremental tables'"
      + " keys are compared to find hard deletes (default 1h; 0s: every run)")
  String keyScanEvery;
  @Option(names = "--message", paramLabel = "<text>", description = "Commit message's first line (default: doltsync sync)")
  String message;
  @Option(names = "--author", paramLabel = "<Name <email>>", description = "Commit author (default: doltsync <doltsync@localhost>)")
  String author;
  @Option(names = "--chunk-rows", paramLabel = "<n>", description = "Rows per compared key range (default 10000)")
  String chunkRows;
  @Option(names = "--snapshot-by", paramLabel = "<auto|diff|copy>", description = "How snapshot tables Dolt already"
      + " has are compared: diff (chunked hashes), copy (emptied and loaded again; Dolt keeps only what changed) or auto"
      + " (default: copy from 20,000 rows when LOAD DATA can load the table)")
  String snapshotBy;
  @Option(names = "--readers", paramLabel = "<n>", description = "Source connections reading a large table's key"
      + " ranges in parallel on the run's one snapshot (default 1: one connection). PostgreSQL"
      + " shares its snapshot; MariaDB/MySQL only with --readers-lock flush-tables; other sources read through one")
  String readers;
  @Option(names = "--readers-lock", paramLabel = "<none|flush-tables>", description = "Let parallel readers of a"
      + " MariaDB/MySQL source open one snapshot under a short FLUSH TABLES WITH READ LOCK (needs RELOAD; default none:"
      + " one reader)")
  String readersLock;
  @Option(names = "--lock-wait", paramLabel = "<duration>", description = "How long a run waits for another sync of"
      + " the same Dolt database and branch to finish (default 60s; then exit status 1)")
  String lockWait;
  @Option(names = "--once", description = "Run once and exit (the default)")
  boolean once;
  @Option(names = "--interval", paramLabel = "<duration>", description = "Run every interval, as a service (5m, 30s, 1h)")
  String interval;
  @Option(names = "--health-port", paramLabel = "<port>", description = "Serve GET /health and /live (JSON) on this port")
  String healthPort;
  @Option(names = "--max-lag", paramLabel = "<duration>", description = "Report lagging when the last good snapshot"
      + " is older (default: 3 intervals, or 1h)")
  String maxLag;
  @Option(names = "--push", paramLabel = "<remote>", description = "Push the branch to this Dolt remote after a run that committed")
  String push;
  @Option(names = "--push-url", paramLabel = "<url>", description = "Add the remote with this URL when it is missing")
  String pushUrl;
  @Option(names = "--push-user", paramLabel = "<user>", description = "Remote user (password: DOLT_REMOTE_PASSWORD of the Dolt server)")
  String pushUser;
  @Option(names = "--force", description = "Push with --force (overwrites the remote's branch)")
  boolean force;
  @Option(names = "--on-reject", paramLabel = "<fail|merge>", description = "On a non-fast-forward push: fail"
      + " (default) or fetch and merge when it merges without conflicts, then push again")
  String onReject;
  @Option(names = "--config", paramLabel = "<file>", description = "A file of option=value lines")
  String config;

  @Spec
  CommandSpec spec;

  /** The environment settings come from (replaced in tests). */
  Map<String, String> environment = System.getenv();

  @Override
  public Integer call() throws Exception {
    SyncSettings settings;
    SyncOptions options;
    SyncService.PushSettings pushSettings;
    Duration every;
    Integer port;
    Duration lag;
    try {
      settings = SyncSettings.load(config, environment);
      options = options(settings);
      pushSettings = pushSettings(settings);
      String intervalText = settings.get(interval, "interval", null);
      if (once && intervalText != null) {
        throw new IllegalArgumentException("--once and --interval exclude each other");
      }
      every = intervalText == null ? null : Durations.parse(intervalText);
      String portText = settings.get(healthPort, "health-port", null);
      port = portText == null ? null : Integer.parseInt(portText);
      lag = Durations.parse(settings.get(maxLag, "max-lag", every == null ? "1h" : every.multipliedBy(3).getSeconds() + "s"));
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("doltsync sync: " + e.getMessage());
      return DoltSyncCli.ERROR;
    }
    PrintWriter out = spec.commandLine().getOut();
    SyncHealth health = new SyncHealth(lag);
    HealthServer server = port == null ? null : HealthServer.start(port, health);
    try {
      SyncEngine engine = new SyncEngine(options);
      SyncService service = new SyncService(engine, health, pushSettings, options.branch());
      SyncProgress progress = SyncProgress.forStandardError(spec.commandLine().getErr());
      if (every != null) {
        service.runForever(every, progress);
        return DoltSyncCli.IN_SYNC;
      }
      try {
        SyncReport report = service.runOnce(progress);
        progress.finish();
        print(out, report);
        return DoltSyncCli.IN_SYNC;
      } catch (java.sql.SQLException e) {
        progress.finish();
        spec.commandLine().getErr().println("doltsync sync: " + e.getMessage()
            + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")"));
        return DoltSyncCli.DRIFT;
      }
    } finally {
      if (server != null) {
        server.close();
      }
      io.doltsync.DoltSync.shutdown();
    }
  }

  private static void print(PrintWriter out, SyncReport report) {
    out.println(report.committed() ? "commit " + report.commitHash() + " (snapshot " + report.snapshotTime() + ")"
        : "no change, no commit (snapshot " + report.snapshotTime() + ")");
    for (SyncReport.TableResult table : report.tables()) {
      out.println(String.format(Locale.ROOT, "  %-30s %-12s read %,d  +%d ~%d -%d%s%s",
          table.source().equalsIgnoreCase(table.dolt()) ? table.dolt() : table.source() + " -> " + table.dolt(),
          table.mode().label(), table.rowsRead(), table.added(), table.modified(), table.deleted(),
          table.schemaChanges() > 0 ? "  (" + table.schemaChanges() + " schema changes)" : "",
          table.missingCopied() > 0 ? "  (" + table.missingCopied() + " missing rows copied by the key scan)" : ""));
    }
    out.flush();
  }

  SyncOptions options(SyncSettings s) {
    String sourceUrl = s.get(source, "source", null);
    String targetUrl = s.get(target, "target", null);
    if (sourceUrl == null || targetUrl == null) {
      throw new IllegalArgumentException("--source and --target are required (or DOLTSYNC_SOURCE, DOLTSYNC_TARGET)");
    }
    Map<String, String> modes = pairs(s.get(tableModes, "table-mode", null));
    Map<String, SyncMode> parsedModes = new LinkedHashMap<>();
    modes.forEach((table, m) -> parsedModes.put(table, SyncMode.parse(m)));
    Map<String, List<String>> keyColumns = new LinkedHashMap<>();
    pairs(s.get(keys, "key", null)).forEach((table, k) -> keyColumns.put(table, Arrays.asList(k.split("\\+"))));
    Set<String> refresh = new HashSet<>(list(s.get(fullRefresh, "full-refresh", null)));
    String scan = s.get(keyScanEvery, "key-scan-every", "1h");
    return new SyncOptions(sourceUrl, s.get(sourceUser, "source-user", null), s.get(sourcePassword, "source-password", null),
        targetUrl, s.get(targetUser, "target-user", "root"), s.get(targetPassword, "target-password", ""),
        s.get(branch, "branch", "main"), list(s.get(tables, "tables", "*")), list(s.get(exclude, "exclude", null)),
        pairs(s.get(tableMap, "table-map", null)), SyncMode.parse(s.get(mode, "mode", "snapshot")), parsedModes,
        pairs(s.get(cursors, "cursor", null)), keyColumns, refresh, Durations.parse(s.get(lookBack, "look-back", "0s")),
        scan.equalsIgnoreCase("never") ? Duration.ofSeconds(-1) : Durations.parse(scan), s.get(message, "message", null),
        s.get(author, "author", "doltsync <doltsync@localhost>"), Integer.parseInt(s.get(chunkRows, "chunk-rows", "10000")),
        Durations.parse(s.get(lockWait, "lock-wait", SyncOptions.DEFAULT_LOCK_WAIT.getSeconds() + "s")),
        SnapshotRoute.parse(s.get(snapshotBy, "snapshot-by", "auto")), readerCount(s.get(readers, "readers", "0")),
        ReaderLock.parse(s.get(readersLock, "readers-lock", "none")));
  }

  private static int readerCount(String text) {
    int count = Integer.parseInt(text.trim());
    if (count < 0) {
      throw new IllegalArgumentException("--readers must be 1 or more (0: the default)");
    }
    return count;
  }

  private SyncService.PushSettings pushSettings(SyncSettings s) {
    String remote = s.get(push, "push", null);
    if (remote == null) {
      return null;
    }
    return new SyncService.PushSettings(remote, s.get(pushUrl, "push-url", null), s.get(pushUser, "push-user", null),
        force || Boolean.parseBoolean(s.get(null, "force", "false")),
        DoltPush.OnReject.parse(s.get(onReject, "on-reject", "fail")));
  }

  static List<String> list(String text) {
    List<String> items = new ArrayList<>();
    if (text != null) {
      for (String item : text.split(",")) {
        if (!item.isBlank()) {
          items.add(item.trim());
        }
      }
    }
    return items;
  }

  static Map<String, String> pairs(String text) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String item : list(text)) {
      int eq = item.indexOf('=');
      if (eq <= 0 || eq == item.length() - 1) {
        throw new IllegalArgumentException("expected table=value, not '" + item + "'");
      }
      pairs.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
    }
    return pairs;
  }
}
