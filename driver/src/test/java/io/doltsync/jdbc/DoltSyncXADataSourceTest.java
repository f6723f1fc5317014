package io.doltsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSync;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Global transactions through {@link DoltSyncXADataSource} on the vendors' real XA implementations: a
 * committed branch (two-phase and one-phase) becomes one Dolt commit, a rolled-back or failed one mirrors
 * nothing, DDL inside a branch is refused, and a branch prepared before its connection went away is mirrored
 * exactly once when recovery commits it (and not at all when recovery rolls it back). H2 keeps no branch in
 * doubt once its session is gone (it rolls it back), which is checked instead.
 */
class DoltSyncXADataSourceTest {

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void globalTransactionsAreMirroredLikeLocalOnes(PrimaryKind kind) throws Exception {
    String doltDb = DoltDatabases.newName("xa");
    try (PrimaryKind.Space space = kind.createSpace("xa")) {
      requirePreparedTransactions(kind);
      String url = DoltSyncUrls.mirroring(space.url(), doltDb);
      DoltSyncXADataSource dataSource = new DoltSyncXADataSource();
      dataSource.setUrl(url);
      dataSource.setUser(kind.user());
      dataSource.setPassword(kind.password());
      try (Connection app = DriverManager.getConnection(url, kind.credentials());
          Statement statement = app.createStatement()) {
        statement.execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance INT)");
        statement.executeUpdate("INSERT INTO accounts VALUES (1, 100), (2, 200)");
        drain(app);
        long commits = DoltDatabases.commitCount(doltDb);

        XAConnection xa = dataSource.getXAConnection();
        XAResource resource = xa.getXAResource();
        Connection connection = xa.getConnection();

        Xid twoPhase = xid();
        resource.start(twoPhase, XAResource.TMNOFLAGS);
        try (Statement branch = connection.createStatement()) {
          branch.executeUpdate("UPDATE accounts SET balance = balance - 10 WHERE id = 1");
          branch.executeUpdate("UPDATE accounts SET balance = balance + 10 WHERE id = 2");
          branch.executeUpdate("INSERT INTO accounts VALUES (3, 0)");
        }
        resource.end(twoPhase, XAResource.TMSUCCESS);
        assertThat(resource.prepare(twoPhase)).isEqualTo(XAResource.XA_OK);
        resource.commit(twoPhase, false);
        drain(app);
        assertThat(DoltDatabases.commitCount(doltDb)).as(kind + ": two-phase branch").isEqualTo(++commits);

        Xid rolledBack = xid();
        resource.start(rolledBack, XAResource.TMNOFLAGS);
        try (Statement branch = connection.createStatement()) {
          branch.executeUpdate("INSERT INTO accounts VALUES (4, 4)");
        }
        resource.end(rolledBack, XAResource.TMSUCCESS);
        resource.prepare(rolledBack);
        resource.rollback(rolledBack);

        Xid failed = xid();
        resource.start(failed, XAResource.TMNOFLAGS);
        try (Statement branch = connection.createStatement()) {
          branch.executeUpdate("DELETE FROM accounts WHERE id = 1");
        }
        resource.end(failed, XAResource.TMFAIL);
        resource.rollback(failed);

        Xid ddl = xid();
        resource.start(ddl, XAResource.TMNOFLAGS);
        try (Statement branch = connection.createStatement()) {
          assertThatThrownBy(() -> branch.execute("CREATE TABLE other (id INT PRIMARY KEY)"))
              .isInstanceOf(SQLFeatureNotSupportedException.class).hasMessageContaining("XA");
        }
        resource.end(ddl, XAResource.TMSUCCESS);
        resource.rollback(ddl);
        drain(app);
        assertThat(DoltDatabases.commitCount(doltDb)).as(kind + ": rolled back, failed, refused").isEqualTo(commits);

        Xid onePhase = xid();
        resource.start(onePhase, XAResource.TMNOFLAGS);
        try (Statement branch = connection.createStatement()) {
          branch.executeUpdate("UPDATE accounts SET balance = 7 WHERE id = 3");
        }
        resource.end(onePhase, XAResource.TMSUCCESS);
        resource.commit(onePhase, true);
        drain(app);
        assertThat(DoltDatabases.commitCount(doltDb)).as(kind + ": one-phase branch").isEqualTo(++commits);

        Xid recoveredCommit = xid();
        Xid recoveredRollback = xid();
        prepareAndAbandon(dataSource, recoveredCommit, "INSERT INTO accounts VALUES (5, 5)");
        prepareAndAbandon(dataSource, recoveredRollback, "INSERT INTO accounts VALUES (6, 6)");
        connection.close();
        xa.close();

        if (kind == PrimaryKind.H2) {
          // H2 rolls a prepared branch back when its session closes: nothing is left in doubt, nothing mirrors
          drain(app);
          assertThat(DoltDatabases.commitCount(doltDb)).as("H2: abandoned branches").isEqualTo(commits);
          assertThat(rows(app)).isEqualTo(new TreeMap<>(java.util.Map.of(1, 90, 2, 210, 3, 7)));
          assertThat(DoltSync.verify(app).inSync()).as(kind + ": Dolt equals the primary").isTrue();
          // branches this JVM never decides are not kept for ever
          assertThat(MirroredXAResource.dropStale(System.nanoTime())).as("abandoned branches, fresh").isGreaterThanOrEqualTo(2);
          assertThat(MirroredXAResource.dropStale(System.nanoTime() + Duration.ofHours(1).toNanos()))
              .as("abandoned branches an hour later").isZero();
          return;
        }
        XAConnection recovery = dataSource.getXAConnection();
        try {
          XAResource recovering = recovery.getXAResource();
          Xid[] inDoubt = recovering.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
          assertThat(Arrays.stream(inDoubt).map(DoltSyncXADataSourceTest::gtrid))
              .as(kind + ": in-doubt branches").contains(gtrid(recoveredCommit), gtrid(recoveredRollback));
          for (Xid branch : inDoubt) {
            if (gtrid(branch).equals(gtrid(recoveredCommit))) {
              recovering.commit(branch, false);
            } else if (gtrid(branch).equals(gtrid(recoveredRollback))) {
              recovering.rollback(branch);
            }
          }
        } finally {
          recovery.close();
        }
        drain(app);
        assertThat(DoltDatabases.commitCount(doltDb)).as(kind + ": recovered branch, once").isEqualTo(++commits);

        assertThat(rows(app)).isEqualTo(new TreeMap<>(java.util.Map.of(1, 90, 2, 210, 3, 7, 5, 5)));
        assertThat(DoltSync.verify(app).inSync()).as(kind + ": Dolt equals the primary").isTrue();
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  /**
   * In an app server the thread's context class loader is the deployment's, which need not see the vendor's
   * driver (WildFly: it is a dependency of doltsync's module): the vendor's class comes from doltsync's own loader.
   */
  @org.junit.jupiter.api.Test
  void theVendorClassIsFoundWhenTheContextClassLoaderDoesNotSeeIt() throws Exception {
    String doltDb = DoltDatabases.newName("xacl");
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (PrimaryKind.Space space = PrimaryKind.H2.createSpace("xacl");
        java.net.URLClassLoader blind = new java.net.URLClassLoader(new java.net.URL[0], null)) {
      assertThatThrownBy(() -> Class.forName("org.h2.jdbcx.JdbcDataSource", false, blind))
          .isInstanceOf(ClassNotFoundException.class);
      DoltSyncXADataSource dataSource = new DoltSyncXADataSource();
      dataSource.setUrl(DoltSyncUrls.mirroring(space.url(), doltDb));
      dataSource.setUser(PrimaryKind.H2.user());
      dataSource.setPassword(PrimaryKind.H2.password());
      thread.setContextClassLoader(blind);
      XAConnection xa = dataSource.getXAConnection();
      try {
        assertThat(xa.getXAResource()).isNotNull();
      } finally {
        thread.setContextClassLoader(before);
        xa.close();
      }
    } finally {
      thread.setContextClassLoader(before);
      DoltDatabases.drop(doltDb);
    }
  }

  /** Prepares a branch on a connection of its own, then drops the connection as a crashed process would. */
  private static void prepareAndAbandon(DoltSyncXADataSource dataSource, Xid xid, String sql) throws Exception {
    XAConnection xa = dataSource.getXAConnection();
    XAResource resource = xa.getXAResource();
    Connection connection = xa.getConnection();
    resource.start(xid, XAResource.TMNOFLAGS);
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
    resource.end(xid, XAResource.TMSUCCESS);
    assertThat(resource.prepare(xid)).isEqualTo(XAResource.XA_OK);
    xa.close();
  }

  private static void drain(Connection app) throws Exception {
    assertThat(DoltSync.awaitJournalDrained(app, Duration.ofSeconds(60))).as("journal drained").isZero();
  }

  private static TreeMap<Integer, Integer> rows(Connection app) throws Exception {
    TreeMap<Integer, Integer> rows = new TreeMap<>();
    try (Statement statement = app.createStatement();
        ResultSet rs = statement.executeQuery("SELECT id, balance FROM accounts")) {
      while (rs.next()) {
        rows.put(rs.getInt(1), rs.getInt(2));
      }
    }
    return rows;
  }

  /** PostgreSQL prepares XA branches only with max_prepared_transactions > 0 (scripts/postgres.sh sets it). */
  private static void requirePreparedTransactions(PrimaryKind kind) throws Exception {
    if (kind != PrimaryKind.POSTGRES) {
      return;
    }
    try (Connection connection = TestServers.postgres(); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW max_prepared_transactions")) {
      rs.next();
      assertThat(rs.getInt(1)).as("PostgreSQL max_prepared_transactions (restart it with scripts/postgres.sh)")
          .isPositive();
    }
  }

  private static Xid xid() {
    UUID id = UUID.randomUUID();
    byte[] global = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
        .array();
    return new Xid() {
      @Override
      public int getFormatId() {
        return 4711;
      }

      @Override
      public byte[] getGlobalTransactionId() {
        return global.clone();
      }

      @Override
      public byte[] getBranchQualifier() {
        return new byte[] {1};
      }
    };
  }

  private static String gtrid(Xid xid) {
    return java.util.HexFormat.of().formatHex(xid.getGlobalTransactionId());
  }
}
