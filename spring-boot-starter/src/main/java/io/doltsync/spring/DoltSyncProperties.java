package io.doltsync.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code doltsync.*} properties of {@code application.properties}: the driver's options (same names, in
 * Spring's relaxed forms: {@code doltsync.target-user} or {@code doltsync.targetUser}), which DataSource beans
 * to mirror, and the opt-in commit metadata. An option left unset keeps the driver's default (and may still come
 * from a JVM system property or an environment variable, as with the driver).
 */
@ConfigurationProperties(prefix = "doltsync")
public class DoltSyncProperties {

  /** JDBC URL of the Dolt database (jdbc:mysql://host:port/db or jdbc:mariadb://host:port/db), or embedded:<directory>. Default: embedded:.doltsync. */
  private String target;
  /** User for the Dolt target. Default: root. */
  private String targetUser;
  /** Password for the Dolt target (never logged). */
  private String targetPassword;
  /** Name of the Dolt database. Default: the database in the target, else the primary's database name. */
  private String database;
  /** Dolt branch the mirror writes; only the mirror may write it. Default: main. */
  private String branch;
  /** false makes doltsync a transparent pass-through wrapper. Default: true. */
  private Boolean enabled;
  /** async: commit() returns when the primary commits; sync: when the Dolt commit exists. Default: async. */
  private String mode;
  /**
   * journal: capture in the application's transaction; wal: PostgreSQL logical decoding; binlog: MariaDB binary log
   * (both opt-in). Default: journal.
   */
  private String capture;
  /** Commit author as 'Name <email>'. Default: the primary database user. */
  private String author;
  /** Comma-separated table names or globs to mirror (case-insensitive). Default: *. */
  private String include;
  /** Comma-separated table names or globs never to mirror. */
  private String exclude;
  /** The dolt executable for embedded targets (PATH is searched). */
  private String doltBinary;
  /** Class name of the real JDBC driver, when DriverManager cannot find one for the wrapped URL. */
  private String delegateDriver;
  /** Name of the journal table in the primary. Default: doltsync_journal. */
  private String journalTable;
  /** How long a sync-mode commit, or a Dolt query waiting for this connection's own commits, may wait. Default: 30s. */
  private String syncTimeout;
  /** What to do with a column type Dolt cannot store: error, or text (store its text form). Default: error. */
  private String unmappedTypes;
  /** What to do with a value Dolt cannot store (NaN, a decimal or date beyond Dolt's range, ...): error, or null. Default: error. */
  private String unmappableValues;
  /** Secret for the journal entries' HMAC (every instance needs the same one). */
  private String journalSecret;
  /** true: mirror into a Dolt branch that another primary's bootstrap recorded, replacing its tables. Default: false. */
  private Boolean adopt;
  /** Name of this application instance in commit trailers. Default: host:pid. */
  private String instance;
  /** false: this JVM never applies the journal to Dolt (another instance or process does). Default: true. */
  private Boolean applier;
  /** When the JVM exits, how long its applier may go on applying what the journal holds (0: not at all). Default: 10s. */
  private String drainOnShutdown;
  /** Most journaled transactions one Dolt commit may carry when the applier has a backlog; 1: one commit each. Default: 1. */
  private String groupCommit;
  /** Run verify in the background at this interval (e.g. 1h, 30m; 0: never). Default: 0. */
  private String verifyInterval;
  /** Dolt remote (a name configured in the Dolt database) to push the mirrored branch to; none: never. */
  private String push;
  /** Push after this many applied commits (0: not by count). Default: 0. */
  private String pushEvery;
  /** Push new commits at least this often (0: not by time). Default: 60s. */
  private String pushInterval;
  /** Remote user for pushes; Dolt reads the password from DOLT_REMOTE_PASSWORD in the pushing Dolt server's environment. */
  private String pushUser;
  /** Names of the DataSource beans to mirror; empty: every DataSource bean. */
  private List<String> dataSources = new ArrayList<>();
  /** The commit-metadata provider that names commits after Spring's user, request and transaction. */
  private final CommitMetadata commitMetadata = new CommitMetadata();
  /** Lineage of job steps. */
  private final Lineage lineage = new Lineage();

  /** The driver options that are set, keyed by their driver names ({@code doltsync.targetUser}, ...). */
  public Map<String, String> options() {
    Map<String, String> options = new LinkedHashMap<>();
    put(options, "target", target);
    put(options, "targetUser", targetUser);
    put(options, "targetPassword", targetPassword);
    put(options, "database", database);
    put(options, "branch", branch);
    put(options, "enabled", enabled);
    put(options, "mode", mode);
    put(options, "author", author);
    put(options, "include", include);
    put(options, "exclude", exclude);
    put(options, "doltBinary", doltBinary);
    put(options, "delegateDriver", delegateDriver);
    put(options, "journalTable", journalTable);
    put(options, "syncTimeout", syncTimeout);
    put(options, "unmappedTypes", unmappedTypes);
    put(options, "unmappableValues", unmappableValues);
    put(options, "journalSecret", journalSecret);
    put(options, "adopt", adopt);
    put(options, "instance", instance);
    put(options, "applier", applier);
    put(options, "drainOnShutdown", drainOnShutdown);
    put(options, "groupCommit", groupCommit);
    put(options, "verifyInterval", verifyInterval);
    put(options, "push", push);
    put(options, "pushEvery", pushEvery);
    put(options, "pushInterval", pushInterval);
    put(options, "pushUser", pushUser);
    put(options, "lineage.openLineage", lineage.getOpenLineage());
    return options;
  }

  private static void put(Map<String, String> options, String name, Object value) {
    if (value != null) {
      options.put("doltsync." + name, value.toString());
    }
  }

  /** Opt-in commit metadata taken from Spring. */
  public static class CommitMetadata {
    /** Names each commit's author after Spring Security's user and its message after the web request or the @Transactional method. */
    private boolean enabled;
    /** Domain of the author's email (user@domain) when the user name is not an email. */
    private String emailDomain = "localhost";

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getEmailDomain() {
      return emailDomain;
    }

    public void setEmailDomain(String emailDomain) {
      this.emailDomain = emailDomain;
    }
  }

  public CommitMetadata getCommitMetadata() {
    return commitMetadata;
  }

  /** Where lineage scopes report. */
  public static class Lineage {
    /** Where lineage scopes emit OpenLineage run events: console, file:<path> or an http(s):// endpoint; none by default. */
    private String openLineage;

    public String getOpenLineage() {
      return openLineage;
    }

    public void setOpenLineage(String openLineage) {
      this.openLineage = openLineage;
    }
  }

  public Lineage getLineage() {
    return lineage;
  }

  public List<String> getDataSources() {
    return dataSources;
  }

  public void setDataSources(List<String> dataSources) {
    this.dataSources = dataSources;
  }

  public String getTarget() {
    return target;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  public String getTargetUser() {
    return targetUser;
  }

  public void setTargetUser(String targetUser) {
    this.targetUser = targetUser;
  }

  public String getTargetPassword() {
    return targetPassword;
  }

  public void setTargetPassword(String targetPassword) {
    this.targetPassword = targetPassword;
  }

  public String getDatabase() {
    return database;
  }

  public void setDatabase(String database) {
    this.database = database;
  }

  public String getBranch() {
    return branch;
  }

  public void setBranch(String branch) {
    this.branch = branch;
  }

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  public String getCapture() {
    return capture;
  }

  public void setCapture(String capture) {
    this.capture = capture;
  }

  public String getAuthor() {
    return author;
  }

  public void setAuthor(String author) {
    this.author = author;
  }

  public String getInclude() {
    return include;
  }

  public void setInclude(String include) {
    this.include = include;
  }

  public String getExclude() {
    return exclude;
  }

  public void setExclude(String exclude) {
    this.exclude = exclude;
  }

  public String getDoltBinary() {
    return doltBinary;
  }

  public void setDoltBinary(String doltBinary) {
    this.doltBinary = doltBinary;
  }

  public String getDelegateDriver() {
    return delegateDriver;
  }

  public void setDelegateDriver(String delegateDriver) {
    this.delegateDriver = delegateDriver;
  }

  public String getJournalTable() {
    return journalTable;
  }

  public void setJournalTable(String journalTable) {
    this.journalTable = journalTable;
  }

  public String getSyncTimeout() {
    return syncTimeout;
  }

  public void setSyncTimeout(String syncTimeout) {
    this.syncTimeout = syncTimeout;
  }

  public String getUnmappedTypes() {
    return unmappedTypes;
  }

  public void setUnmappedTypes(String unmappedTypes) {
    this.unmappedTypes = unmappedTypes;
  }

  public String getUnmappableValues() {
    return unmappableValues;
  }

  public void setUnmappableValues(String unmappableValues) {
    this.unmappableValues = unmappableValues;
  }

  public String getJournalSecret() {
    return journalSecret;
  }

  public void setJournalSecret(String journalSecret) {
    this.journalSecret = journalSecret;
  }

  public Boolean getAdopt() {
    return adopt;
  }

  public void setAdopt(Boolean adopt) {
    this.adopt = adopt;
  }

  public String getInstance() {
    return instance;
  }

  public void setInstance(String instance) {
    this.instance = instance;
  }

  public Boolean getApplier() {
    return applier;
  }

  public void setApplier(Boolean applier) {
    this.applier = applier;
  }

  public String getDrainOnShutdown() {
    return drainOnShutdown;
  }

  public void setDrainOnShutdown(String drainOnShutdown) {
    this.drainOnShutdown = drainOnShutdown;
  }

  public String getGroupCommit() {
    return groupCommit;
  }

  public void setGroupCommit(String groupCommit) {
    this.groupCommit = groupCommit;
  }

  public String getVerifyInterval() {
    return verifyInterval;
  }

  public void setVerifyInterval(String verifyInterval) {
    this.verifyInterval = verifyInterval;
  }

  public String getPush() {
    return push;
  }

  public void setPush(String push) {
    this.push = push;
  }

  public String getPushEvery() {
    return pushEvery;
  }

  public void setPushEvery(String pushEvery) {
    this.pushEvery = pushEvery;
  }

  public String getPushInterval() {
    return pushInterval;
  }

  public void setPushInterval(String pushInterval) {
    this.pushInterval = pushInterval;
  }

  public String getPushUser() {
    return pushUser;
  }

  public void setPushUser(String pushUser) {
    this.pushUser = pushUser;
  }
}
