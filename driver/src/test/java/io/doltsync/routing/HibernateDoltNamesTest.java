package io.doltsync.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSyncConnection;
import io.doltsync.jdbc.DoltSyncDriver;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.junit.jupiter.api.Test;

/**
 * Hibernate 6 on a doltsync H2 connection with an entity whose version column and fields are named like
 * Dolt's ({@code dolt_ver}, {@code dolt_log}, {@code hashof}, {@code active_branch}): the schema tool's DDL,
 * inserts, reads, JPQL, a version bump and an optimistic-lock failure (an update count of 0 through the
 * capture) all run on the primary and are mirrored. The DML and queries Hibernate sent (its statement
 * inspector does not see the schema tool's DDL) are recorded and checked to be the ones with those names.
 */
class HibernateDoltNamesTest {

  @Entity
  @Table(name = "hb_dolt_named")
  public static class Named {
    @Id
    private Long id;
    @Version
    @Column(name = "dolt_ver")
    private int doltVer;
    @Column(name = "dolt_log")
    private String doltLog;
    private int hashof;
    @Column(name = "active_branch")
    private String activeBranch;

    protected Named() {}

    Named(long id, String doltLog, int hashof) {
      this.id = id;
      this.doltLog = doltLog;
      this.hashof = hashof;
      this.activeBranch = "FROM dolt_log AS OF 'main'";
    }
  }

  @Test
  void hibernatesSqlForDoltNamedColumnsStaysOnThePrimary() throws Exception {
    String dolt = DoltDatabases.newName("rt_hib");
    List<String> sent = new CopyOnWriteArrayList<>();
    try (PrimaryKind.Space space = PrimaryKind.H2.createSpace("rt_hib");
        SessionFactory sessions = sessionFactory(DoltSyncUrls.mirroring(space.url(), dolt), sent)) {
      sessions.inTransaction(session -> {
        session.persist(new Named(1, "first", 1));
        session.persist(new Named(2, "second", 2));
      });
      sessions.inTransaction(session -> session.find(Named.class, 2L).doltLog = "second, edited");
      sessions.inSession(session -> {
        assertThat(session.find(Named.class, 2L).doltVer).isEqualTo(1);
        assertThat(session.createQuery("select n.doltLog from HibernateDoltNamesTest$Named n where n.doltVer > :v"
            + " and n.activeBranch like 'FROM%'", String.class).setParameter("v", 0).getResultList())
            .containsExactly("second, edited");
      });
      Named stale = sessions.fromSession(session -> session.find(Named.class, 1L));
      sessions.inTransaction(session -> session.find(Named.class, 1L).hashof = 10);
      assertThatThrownBy(() -> sessions.inTransaction(session -> {
        stale.hashof = 99;
        session.merge(stale);
      })).isInstanceOf(OptimisticLockException.class);
      AtomicReference<String> hash = new AtomicReference<>();
      sessions.inSession(session -> session.doWork(connection ->
          hash.set(connection.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60)))));

      assertThat(doltRows(dolt, "SELECT id, dolt_ver, dolt_log, hashof FROM hb_dolt_named ORDER BY id"))
          .containsExactly(List.of("1", "1", "first", "10"), List.of("2", "1", "second, edited", "2"));
      assertThat(sent).anyMatch(sql -> sql.startsWith("insert into hb_dolt_named (active_branch,dolt_log,dolt_ver"))
          .anyMatch(sql -> sql.startsWith("update hb_dolt_named set") && sql.endsWith("and dolt_ver=?"))
          .anyMatch(sql -> sql.contains("where n1_0.dolt_ver>?"));
    } finally {
      DoltDatabases.drop(dolt);
    }
  }

  private static SessionFactory sessionFactory(String url, List<String> sent) {
    StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
        .applySettings(Map.of(
            AvailableSettings.JAKARTA_JDBC_DRIVER, DoltSyncDriver.class.getName(),
            AvailableSettings.JAKARTA_JDBC_URL, url,
            AvailableSettings.JAKARTA_JDBC_USER, PrimaryKind.H2.user(),
            AvailableSettings.JAKARTA_JDBC_PASSWORD, PrimaryKind.H2.password(),
            AvailableSettings.HBM2DDL_AUTO, "create",
            AvailableSettings.STATEMENT_INSPECTOR, (StatementInspector) sql -> {
              sent.add(sql);
              return sql;
            }))
        .build();
    return new MetadataSources(registry).addAnnotatedClass(Named.class).buildMetadata().buildSessionFactory();
  }

  private static List<List<String>> doltRows(String database, String sql) throws Exception {
    try (Connection connection = TestServers.dolt(database); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
          row.add(rs.getString(column));
        }
        rows.add(row);
      }
      return rows;
    }
  }
}
