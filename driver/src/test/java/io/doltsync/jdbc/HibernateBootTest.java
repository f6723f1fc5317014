package io.doltsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hibernate ORM boots on a {@code jdbc:doltsync:} URL pooled by HikariCP, detects the primary's dialect
 * (doltsync passes the product name through), creates its schema, and persists and reads an entity with an
 * identity key (read back through the generated keys doltsync hands over), with mirroring off and on.
 */
class HibernateBootTest {

  @Entity
  @Table(name = "hb_item")
  public static class Item {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    private int quantity;

    protected Item() {}

    Item(String name, int quantity) {
      this.name = name;
      this.quantity = quantity;
    }
  }

  private PrimaryKind.Space space;
  private String doltDatabase;

  @AfterEach
  void cleanUp() throws SQLException {
    if (doltDatabase != null) {
      DoltDatabases.drop(doltDatabase);
    }
    if (space != null) {
      space.close();
    }
  }

  static Stream<Arguments> setups() {
    return Stream.of(
        Arguments.of(PrimaryKind.H2, false, H2Dialect.class),
        Arguments.of(PrimaryKind.H2, true, H2Dialect.class),
        Arguments.of(PrimaryKind.MARIADB, false, MariaDBDialect.class),
        Arguments.of(PrimaryKind.MARIADB, true, MariaDBDialect.class));
  }

  @ParameterizedTest(name = "{0}, mirroring {1}")
  @MethodSource("setups")
  void bootsPersistsAndReads(PrimaryKind kind, boolean mirroring, Class<? extends Dialect> dialect) throws Exception {
    space = kind.createSpace("hibernate");
    String url;
    if (mirroring) {
      doltDatabase = DoltDatabases.newName("hibernate");
      url = DoltSyncUrls.mirroring(space.url(), doltDatabase);
    } else {
      url = DoltSyncUrls.passThrough(space.url());
    }
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(url);
    pool.setDriverClassName(DoltSyncDriver.class.getName());
    pool.setUsername(kind.user());
    pool.setPassword(kind.password());
    pool.setMaximumPoolSize(2);

    try (HikariDataSource dataSource = new HikariDataSource(pool);
        SessionFactory sessions = sessionFactory(dataSource)) {
      assertThat(sessions.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect()).isInstanceOf(dialect);

      Item apple = new Item("apple", 3);
      Item pear = new Item("pear", 5);
      sessions.inTransaction(session -> {
        session.persist(apple);
        session.persist(pear);
      });
      assertThat(apple.id).isNotNull();
      assertThat(pear.id).isEqualTo(apple.id + 1);

      sessions.inTransaction(session -> session.find(Item.class, pear.id).quantity = 6);
      sessions.inSession(session -> {
        Item found = session.find(Item.class, pear.id);
        assertThat(found.name).isEqualTo("pear");
        assertThat(found.quantity).isEqualTo(6);
        assertThat(session.createQuery("select count(i) from HibernateBootTest$Item i", Long.class).getSingleResult())
            .isEqualTo(2L);
      });

      AtomicReference<Boolean> mirrors = new AtomicReference<>();
      sessions.inSession(session -> session.doWork(connection ->
          mirrors.set(connection.unwrap(DoltSyncConnection.class).isMirroring())));
      assertThat(mirrors.get()).isEqualTo(mirroring);
      if (mirroring) {
        assertThat(awaitDoltRows("SELECT name, quantity FROM hb_item ORDER BY id", 2)).containsExactly("apple|3", "pear|6");
      }
    }
  }

  private static SessionFactory sessionFactory(HikariDataSource dataSource) {
    StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
        .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
        .applySetting(AvailableSettings.HBM2DDL_AUTO, "create")
        .build();
    return new MetadataSources(registry).addAnnotatedClass(Item.class).buildMetadata().buildSessionFactory();
  }

  /** Polls the mirrored Dolt database until the query returns {@code expectedRows} rows (30 s at most). */
  private List<String> awaitDoltRows(String sql, int expectedRows) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    List<String> rows = List.of();
    while (System.nanoTime() < deadline) {
      try (Connection dolt = TestServers.dolt(doltDatabase); Statement statement = dolt.createStatement();
          ResultSet result = statement.executeQuery(sql)) {
        List<String> read = new ArrayList<>();
        while (result.next()) {
          read.add(result.getString(1) + "|" + result.getString(2));
        }
        rows = read;
        if (rows.size() == expectedRows && !rows.contains("pear|5")) {
          return rows;
        }
      } catch (SQLException notYetThere) {
        // the table may not be mirrored yet
      }
      Thread.sleep(200);
    }
    return rows;
  }
}
