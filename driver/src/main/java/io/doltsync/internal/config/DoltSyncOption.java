package io.doltsync.internal.config;

import java.util.Locale;

/**
 * Every {@code doltsync.*} option, with its default and description. {@link java.sql.Driver#getPropertyInfo}
 * lists them all; the README documents them from the same source.
 *
 * <p>An option's value is looked up in this order, the first found wins: the {@link java.util.Properties}
 * given to {@code connect()} (or the DataSource bean property), the {@code jdbc:doltsync:} URL's
 * parameters, a JVM system property of the same name ({@code -Ddoltsync.target=...}), an environment
 * variable ({@code DOLTSYNC_TARGET}, {@code DOLTSYNC_TARGET_USER}: upper case, dots and camel-case humps
 * turned into underscores), and the default.
 */
public enum DoltSyncOption {
  TARGET("target", "embedded:.doltsync",
      "JDBC URL of the Dolt database (jdbc:mysql://host:port/db or jdbc:mariadb://host:port/db), or"
          + " embedded:<directory> to have the driver start dolt sql-server over that directory"),
  TARGET_USER("targetUser", "root", "User for the Dolt target"),
  TARGET_PASSWORD("targetPassword", "", "Password for the Dolt target (never logged)"),
  DATABASE("database", null,
      "Name of the Dolt database; default: the database in doltsync.target, else the primary's database name"),
  BRANCH("branch", "main", "Dolt branch the mirror writes; only the mirror may write it"),
  ENABLED("enabled", "true", "false turns doltsync into a transparent pass-through wrapper"),
  MODE("mode", "async",
      "async: commit() returns when the primary commits; sync: commit() returns when the Dolt commit exists"),
  AUTHOR("author", null, "Commit author as 'Name <email>'; default: the primary database user"),
  INCLUDE("include", "*", "Comma-separated table names or globs to mirror (case-insensitive)"),
  EXCLUDE("exclude", "", "Comma-separated table names or globs never to mirror"),
  DELEGATE_DRIVER("delegateDriver", null,
      "Class name of the real JDBC driver, when DriverManager cannot find one for the wrapped URL"),
  DOLT_BINARY("doltBinary", "dolt", "The dolt executable for embedded targets (PATH is searched)"),
  JOURNAL_TABLE("journalTable", "doltsync_journal",
      "Table in the primary holding committed, not yet mirrored transactions"),
  SYNC_TIMEOUT("syncTimeout", "30s",
      "How long a sync-mode commit, or a Dolt query waiting for this connection's own commits, may wait"),
  UNMAPPED_TYPES("unmappedTypes", "error",
      "What to do with a column type Dolt cannot store: error, or text (store its text form)"),
  UNMAPPABLE_VALUES("unmappableValues", "error",
      "What to do with a value Dolt cannot store (NaN, a decimal or date beyond Dolt's range, text with an unpaired"
          + " surrogate): error (the commit fails before the primary commits), or null (mirror it as NULL in a nullable"
          + " non-key column, with a warning)"),
  JOURNAL_SECRET("journalSecret", null,
      "A secret (never logged): journal entries carry an HMAC under it, and an entry without a valid one (a row another"
          + " client of the primary forged) is quarantined, not applied; every instance must use the same secret"),
  ADOPT("adopt", "false",
      "true: mirror this primary into a Dolt branch that another primary's bootstrap recorded, replacing its tables"
          + " with a fresh bootstrap; otherwise connecting to it is an error"),
  INSTANCE("instance", null, "Name of this application instance in commit trailers; default host:pid"),
  APPLIER("applier", "true",
      "false: this JVM never applies the journal to Dolt (another instance or process does)"),
  DRAIN_ON_SHUTDOWN("drainOnShutdown", "10s",
      "When the JVM exits, how long its applier may go on applying what the journal holds before it stops (0: not at all)"),
  CAPTURE("capture", "journal",
      "journal: each transaction writes its changes to the journal table as it commits; wal (PostgreSQL 14+ with"
          + " wal_level=logical): statements pass through untouched and the applier reads the changes from a logical"
          + " replication slot; binlog (MariaDB with the binary log on, ROW format, FULL row image and metadata):"
          + " statements pass through untouched and the applier reads the binary log"),
  GROUP_COMMIT("groupCommit", "1",
      "Most journaled transactions one Dolt commit may carry when the applier has a backlog; 1: one commit each"),
  VERIFY_INTERVAL("verifyInterval", "0",
      "Run verify in the background at this interval (e.g. 1h, 30m; 0: never), reporting through the log and"
          + " the JMX metrics"),
  PUSH("push", null, "Dolt remote (a name configured in the Dolt database) to push the mirrored branch to; none: never"),
  PUSH_EVERY("pushEvery", "0", "Push after this many applied commits (0: not by count)"),
  PUSH_INTERVAL("pushInterval", "60s", "Push new commits at least this often (0: not by time)"),
  PUSH_USER("pushUser", null,
      "Remote user for pushes; Dolt reads the password from DOLT_REMOTE_PASSWORD in the pushing Dolt server's environment"),
  LINEAGE_OPEN_LINEAGE("lineage.openLineage", null,
      "Where lineage scopes emit OpenLineage run events (START, COMPLETE, FAIL): console, file:<path> (one JSON"
          + " event per line) or an http(s):// URL of an OpenLineage endpoint; none by default. Needs"
          + " io.openlineage:openlineage-java on the class path");

  /** The prefix every option key starts with. */
  public static final String PREFIX = "doltsync.";

  private final String key;
  private final String defaultValue;
  private final String description;

  DoltSyncOption(String name, String defaultValue, String description) {
    this.key = PREFIX + name;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The full key, e.g. {@code doltsync.targetUser}. */
  public String key() {
    return key;
  }

  /** The default value, or {@code null} when the default is computed. */
  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /**
   * True for options that load code, run a program, or write files and reach other hosts
   * ({@code doltsync.delegateDriver}, {@code doltsync.doltBinary}, {@code doltsync.lineage.openLineage}): they
   * are refused in the JDBC URL, which is often less trusted than the application's own configuration
   * (CVE-2022-21724 was such a URL parameter of the PostgreSQL driver).
   */
  public boolean loadsCode() {
    return this == DELEGATE_DRIVER || this == DOLT_BINARY || this == LINEAGE_OPEN_LINEAGE;
  }

  /** True for options whose value must never be printed. */
  public boolean isSecret() {
    return this == TARGET_PASSWORD || this == JOURNAL_SECRET;
  }

  /** The environment variable that sets this option, e.g. {@code DOLTSYNC_TARGET_USER}. */
  public String environmentVariable() {
    return key.replace('.', '_').replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /** The option with that key, compared case-insensitively, or {@code null}. */
  public static DoltSyncOption forKey(String key) {
    for (DoltSyncOption option : values()) {
      if (option.key.equalsIgnoreCase(key)) {
        return option;
      }
    }
    return null;
  }
}
