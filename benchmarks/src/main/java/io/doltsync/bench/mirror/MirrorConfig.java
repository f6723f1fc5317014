package io.doltsync.bench.mirror;

import io.doltsync.bench.core.Endpoint;
import io.doltsync.bench.core.Urls;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The doltsync settings of a mirroring connection in the benchmarks: asynchronous mode, a Dolt database
 * and journal table of the suite's own, only the suite's tables, and the applier on (this JVM applies)
 * or off (the journal only fills, as when another instance applies).
 */
record MirrorConfig(String doltDatabase, String journalTable, String include, boolean applier, int groupCommit) {

  MirrorConfig(String doltDatabase, String journalTable, String include, boolean applier) {
    this(doltDatabase, journalTable, include, applier, 1);
  }

  MirrorConfig withApplier(boolean on) {
    return new MirrorConfig(doltDatabase, journalTable, include, on, groupCommit);
  }

  /** The same, with {@code doltsync.groupCommit} set to at most this many transactions per Dolt commit. */
  MirrorConfig withGroupCommit(int transactions) {
    return new MirrorConfig(doltDatabase, journalTable, include, applier, transactions);
  }

  /** Opens a {@code jdbc:doltsync:} connection to the primary; the first one in the JVM starts the mirror. */
  Connection connect(Endpoint primary, Endpoint dolt) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("doltsync.target", dolt.withDatabase(doltDatabase).url());
    properties.setProperty("doltsync.targetUser", dolt.user());
    properties.setProperty("doltsync.targetPassword", dolt.password());
    properties.setProperty("doltsync.mode", "async");
    properties.setProperty("doltsync.journalTable", journalTable);
    properties.setProperty("doltsync.include", include);
    properties.setProperty("doltsync.applier", Boolean.toString(applier));
    properties.setProperty("doltsync.groupCommit", Integer.toString(groupCommit));
    return primary.connect(Urls.doltsync(primary.url()), properties);
  }
}
