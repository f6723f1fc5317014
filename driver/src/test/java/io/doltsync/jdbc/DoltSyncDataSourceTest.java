package io.doltsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.config.DoltSyncOption;
import io.doltsync.internal.jdbc.wrapper.ConnectionWrapper;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.beans.BeanInfo;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DoltSyncDataSource}: a JavaBean configured by its properties, a wrapper around an existing
 * DataSource (a plain one or a pool), a JNDI {@code Referenceable}, and a DataSource HikariCP can use in
 * each of its ways.
 */
class DoltSyncDataSourceTest {

  private static final String SECRET = "Pa55-w0rd-never-printed";

  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private final List<String> doltDatabases = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
    for (String database : doltDatabases) {
      DoltDatabases.drop(database);
    }
  }

  /** A fresh in-memory H2 database, dropped after the test. */
  private PrimaryKind.Space h2() throws SQLException {
    PrimaryKind.Space space = PrimaryKind.H2.createSpace("ds");
    cleanup.add(space);
    return space;
  }

  private String newDoltDatabase() {
    String name = DoltDatabases.newName("ds");
    doltDatabases.add(name);
    return name;
  }

  private <T extends AutoCloseable> T closeLater(T resource) {
    cleanup.add(resource);
    return resource;
  }

  // ---- bean ----------------------------------------------------------------------------------------

  /** {@code lineage.openLineage} → {@code lineageOpenLineage}: a bean property name has no dot. */
  private static String beanName(String optionName) {
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char c : optionName.toCharArray()) {
      if (c == '.') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.toString();
  }

  @Test
  void everyOptionIsABeanProperty() throws Exception {
    BeanInfo bean = Introspector.getBeanInfo(DoltSyncDataSource.class);
    Map<String, PropertyDescriptor> properties = Arrays.stream(bean.getPropertyDescriptors())
        .collect(Collectors.toMap(PropertyDescriptor::getName, Function.identity()));
    for (String name : List.of("url", "jdbcUrl", "user", "password", "dataSource")) {
      assertThat(properties).containsKey(name);
      assertThat(properties.get(name).getWriteMethod()).as(name).isNotNull();
    }
    for (DoltSyncOption option : DoltSyncOption.values()) {
      String name = beanName(option.key().substring(DoltSyncOption.PREFIX.length()));
      assertThat(properties).as("bean property for %s", option.key()).containsKey(name);
      PropertyDescriptor property = properties.get(name);
      assertThat(property.getWriteMethod()).as("setter of %s", name).isNotNull();
      if (option.isSecret()) {
        assertThat(property.getReadMethod()).as("a secret has no getter: %s", name).isNull();
      } else {
        assertThat(property.getReadMethod()).as("getter of %s", name).isNotNull();
      }
    }
    assertThat(properties.get("password").getReadMethod()).isNull();
  }

  @Test
  void beanPropertiesRoundTrip() throws Exception {
    DoltSyncDataSource dataSource = new DoltSyncDataSource();
    BeanInfo bean = Introspector.getBeanInfo(DoltSyncDataSource.class);
    for (PropertyDescriptor property : bean.getPropertyDescriptors()) {
      DoltSyncOption option = DoltSyncOption.forKey(DoltSyncOption.PREFIX + property.getName());
      if (option == null || property.getReadMethod() == null) {
        continue;
      }
      Class<?> type = property.getPropertyType();
      Object value = type == boolean.class ? Boolean.FALSE : "value-of-" + property.getName();
      property.getWriteMethod().invoke(dataSource, value);
      assertThat(property.getReadMethod().invoke(dataSource)).as(property.getName()).isEqualTo(value);
      assertThat(dataSource.getOption(option.key())).isEqualTo(String.valueOf(value));
    }
    dataSource.setOption("doltsync.branch", "by-key");
    dataSource.setOption("mode", "sync");
    assertThat(dataSource.getBranch()).isEqualTo("by-key");
    assertThat(dataSource.getMode()).isEqualTo("sync");
  }

  @Test
  void connectsFromBeanPropertiesWithThePrimarysOwnUrl() throws SQLException {
    PrimaryKind.Space space = h2();
    DoltSyncDataSource dataSource = new DoltSyncDataSource();
    dataSource.setUrl(space.url());
    dataSource.setUser("sa");
    dataSource.setPassword("");
    dataSource.setEnabled(false);
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection).isInstanceOf(ConnectionWrapper.class);
      assertThat(connection.unwrap(org.h2.jdbc.JdbcConnection.class)).isNotNull();
      assertThat(connection.unwrap(DoltSyncConnection.class).isMirroring()).isFalse();
      assertThat(connection.getMetaData().getURL()).startsWith("jdbc:h2:mem:" + space.name()).doesNotContain("doltsync");
    }
  }

  @Test
  void beanOptionsWinOverTheUrl() throws SQLException {
    PrimaryKind.Space space = h2();
    DoltSyncDataSource dataSource = new DoltSyncDataSource();
    dataSource.setJdbcUrl(DoltSyncUrls.wrap(space.url(), "doltsync.enabled", "true"));
    dataSource.setUsername("sa");
    dataSource.setEnabled(false);
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.unwrap(DoltSyncConnection.class).isMirroring()).isFalse();
    }
  }

  @Test
  void toStringNeverPrintsThePassword() {
    DoltSyncDataSource dataSource = new DoltSyncDataSource();
    dataSource.setUrl("jdbc:mariadb://u:" + SECRET + "@h/db?password=" + SECRET + "&doltsync.targetPassword=" + SECRET);
    dataSource.setPassword(SECRET);
    dataSource.setTargetPassword(SECRET);
    dataSource.setTarget("jdbc:mariadb://h/dolt?password=" + SECRET);
    assertThat(dataSource.toString()).doesNotContain(SECRET);
  }

  // ---- wrapping an existing DataSource -----------------------------------------------------------------

  @Test
  void wrapsAnH2DataSource() throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(h2().url());
    h2.setUser("sa");
    DoltSyncDataSource dataSource = DoltSyncDataSource.wrap(h2);
    dataSource.setEnabled(false);
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection).isInstanceOf(ConnectionWrapper.class);
      assertThat(connection.unwrap(org.h2.jdbc.JdbcConnection.class)).isNotNull();
      assertThat(select1(connection)).isEqualTo(1);
    }
    try (Connection connection = dataSource.getConnection("sa", "")) {
      assertThat(connection).isInstanceOf(ConnectionWrapper.class);
    }
    assertThat(dataSource.getDataSource()).isSameAs(h2);
    assertThat(dataSource.isWrapperFor(JdbcDataSource.class)).isTrue();
    assertThat(dataSource.unwrap(JdbcDataSource.class)).isSameAs(h2);
    assertThat(dataSource.unwrap(DoltSyncDataSource.class)).isSameAs(dataSource);
    assertThat(dataSource.isWrapperFor(HikariDataSource.class)).isFalse();
  }

  @Test
  void wrapsAPoolAndUnwrapsToIt() throws SQLException {
    HikariDataSource pool = closeLater(pool(h2().url(), null));
    DoltSyncDataSource dataSource = DoltSyncDataSource.wrap(pool);
    dataSource.setEnabled(false);
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection).isInstanceOf(ConnectionWrapper.class);
      assertThat(connection.isWrapperFor(com.zaxxer.hikari.pool.HikariProxyConnection.class)).isTrue();
      assertThat(connection.unwrap(org.h2.jdbc.JdbcConnection.class)).isNotNull();
      assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isEqualTo(1);
    }
    assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("closing returns the connection to the pool").isZero();
    assertThat(dataSource.unwrap(HikariDataSource.class)).isSameAs(pool);
    assertThat(dataSource.isWrapperFor(HikariDataSource.class)).isTrue();
  }

  /** Wrapping a pool of the primary's plain connections mirrors them: one transaction, one Dolt commit. */
  @Test
  void aWrappedPoolMirrors() throws Exception {
    String doltDatabase = newDoltDatabase();
    // room for doltsync's own connections, which come from the pool too (see the next test)
    HikariDataSource pool = closeLater(pool(h2().url(), null, 4));
    DoltSyncDataSource dataSource = DoltSyncDataSource.wrap(pool);
    dataSource.setTarget(TestServers.doltUrl(doltDatabase));
    assertOneDoltCommitPerTransaction(dataSource, doltDatabase);
  }

  /**
   * doltsync must not keep the application's pooled connections for itself: once the application has
   * closed its connections and the mirror is idle, the pool has every connection back.
   */
  @Test
  void aWrappedPoolGetsAllItsConnectionsBackWhenTheMirrorIsIdle() throws Exception {
    String doltDatabase = newDoltDatabase();
    HikariDataSource pool = closeLater(pool(h2().url(), null, 4));
    DoltSyncDataSource dataSource = DoltSyncDataSource.wrap(pool);
    dataSource.setTarget(TestServers.doltUrl(doltDatabase));
    assertOneDoltCommitPerTransaction(dataSource, doltDatabase);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (pool.getHikariPoolMXBean().getActiveConnections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(pool.getHikariPoolMXBean().getActiveConnections())
        .as("connections of the application's pool still checked out by doltsync").isZero();
  }

  // ---- JNDI ----------------------------------------------------------------------------------------

  @Test
  void jndiReferenceRoundTrip() throws Exception {
    String url = "jdbc:h2:mem:" + TestServers.uniqueName("jndi") + ";DB_CLOSE_DELAY=-1";
    Connection creating = closeLater(java.sql.DriverManager.getConnection(url, "sa", SECRET));
    assertThat(creating.isValid(1)).isTrue(); // the in-memory database now has the password, and lives until closed
    cleanup.add(() -> execute(creating, "SHUTDOWN"));
    DoltSyncDataSource original = new DoltSyncDataSource();
    original.setUrl(DoltSyncUrls.wrap(url));
    original.setUser("sa");
    original.setPassword(SECRET);
    original.setTarget("jdbc:mariadb://127.0.0.1:1/unused");
    original.setTargetPassword(SECRET);
    original.setBranch("feature");
    original.setSyncTimeout("5s");
    original.setEnabled(false);

    Reference reference = original.getReference();
    assertThat(reference.getFactoryClassName()).isEqualTo(DoltSyncDataSourceFactory.class.getName());
    assertThat(reference.toString()).as("a logged Reference").doesNotContain(SECRET);
    Object built = new DoltSyncDataSourceFactory().getObjectInstance(reference, null, null, null);

    assertThat(built).isInstanceOf(DoltSyncDataSource.class);
    DoltSyncDataSource copy = (DoltSyncDataSource) built;
    assertThat(copy.getUrl()).isEqualTo(original.getUrl());
    assertThat(copy.getUser()).isEqualTo("sa");
    assertThat(copy.getTarget()).isEqualTo("jdbc:mariadb://127.0.0.1:1/unused");
    assertThat(copy.getBranch()).isEqualTo("feature");
    assertThat(copy.getSyncTimeout()).isEqualTo("5s");
    assertThat(copy.isEnabled()).isFalse();
    try (Connection connection = copy.getConnection()) {
      assertThat(select1(connection)).as("the password travelled through the Reference").isEqualTo(1);
    }
  }

  @Test
  void aReferenceNeverPrintsPasswordsInsideUrls() throws Exception {
    DoltSyncDataSource original = new DoltSyncDataSource();
    original.setUrl("jdbc:doltsync:oracle:thin:scott/" + SECRET + "@//db:1521/ORCL");
    original.setTarget("jdbc:mariadb://root:" + SECRET + "@127.0.0.1:1/unused");
    Reference reference = original.getReference();
    assertThat(reference.toString()).as("a logged Reference").doesNotContain(SECRET);
    DoltSyncDataSource copy = (DoltSyncDataSource) new DoltSyncDataSourceFactory().getObjectInstance(reference, null, null, null);
    assertThat(copy.getUrl()).isEqualTo(original.getUrl());
    assertThat(copy.getTarget()).isEqualTo(original.getTarget());
    assertThat(copy.toString()).doesNotContain(SECRET);
  }

  @Test
  void jndiFactoryReadsContainerStyleAttributes() throws Exception {
    Reference reference = new Reference(DoltSyncDataSource.class.getName(),
        DoltSyncDataSourceFactory.class.getName(), null);
    reference.add(new StringRefAddr("factory", DoltSyncDataSourceFactory.class.getName()));
    reference.add(new StringRefAddr("type", DoltSyncDataSource.class.getName()));
    reference.add(new StringRefAddr("auth", "Container"));
    reference.add(new StringRefAddr("jdbcUrl", "jdbc:doltsync:h2:mem:x"));
    reference.add(new StringRefAddr("username", "sa"));
    reference.add(new StringRefAddr("target", "jdbc:mariadb://dolt:3307/db"));
    reference.add(new StringRefAddr("doltsync.branch", "feature"));
    DoltSyncDataSource dataSource = (DoltSyncDataSource) new DoltSyncDataSourceFactory()
        .getObjectInstance(reference, null, null, null);
    assertThat(dataSource.getUrl()).isEqualTo("jdbc:doltsync:h2:mem:x");
    assertThat(dataSource.getUser()).isEqualTo("sa");
    assertThat(dataSource.getTarget()).isEqualTo("jdbc:mariadb://dolt:3307/db");
    assertThat(dataSource.getBranch()).isEqualTo("feature");

    Reference foreign = new Reference(JdbcDataSource.class.getName(), DoltSyncDataSourceFactory.class.getName(), null);
    assertThat(new DoltSyncDataSourceFactory().getObjectInstance(foreign, null, null, null)).isNull();
    assertThat(new DoltSyncDataSourceFactory().getObjectInstance("not a reference", null, null, null)).isNull();
  }

  // ---- HikariCP ------------------------------------------------------------------------------------------

  @Test
  void hikariUsesItAsItsDataSource() throws SQLException {
    DoltSyncDataSource dataSource = new DoltSyncDataSource();
    dataSource.setUrl(h2().url());
    dataSource.setUser("sa");
    dataSource.setEnabled(false);
    HikariConfig config = new HikariConfig();
    config.setDataSource(dataSource);
    config.setMaximumPoolSize(2);
    HikariDataSource pool = closeLater(new HikariDataSource(config));
    try (Connection connection = pool.getConnection()) {
      assertThat(connection.isWrapperFor(ConnectionWrapper.class)).isTrue();
      assertThat(connection.unwrap(DoltSyncConnection.class).isMirroring()).isFalse();
      assertThat(select1(connection)).isEqualTo(1);
    }
    assertThat(pool.unwrap(DoltSyncDataSource.class)).isSameAs(dataSource);
  }

  @Test
  void hikariBuildsItFromItsClassNameAndProperties() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setDataSourceClassName(DoltSyncDataSource.class.getName());
    config.addDataSourceProperty("url", h2().url());
    config.addDataSourceProperty("user", "sa");
    config.addDataSourceProperty("password", "");
    config.addDataSourceProperty("enabled", "false");
    config.addDataSourceProperty("branch", "feature");
    config.setMaximumPoolSize(2);
    HikariDataSource pool = closeLater(new HikariDataSource(config));
    try (Connection connection = pool.getConnection()) {
      assertThat(connection.unwrap(DoltSyncConnection.class).isMirroring()).isFalse();
      assertThat(select1(connection)).isEqualTo(1);
    }
    DoltSyncDataSource built = pool.unwrap(DoltSyncDataSource.class);
    assertThat(built.getBranch()).isEqualTo("feature");
    assertThat(built.isEnabled()).isFalse();
  }

  @Test
  void hikariUsesTheDriverThroughItsJdbcUrl() throws SQLException {
    HikariDataSource pool = closeLater(pool(DoltSyncUrls.passThrough(h2().url()), DoltSyncDriver.class.getName()));
    try (Connection connection = pool.getConnection()) {
      assertThat(connection.isWrapperFor(DoltSyncConnection.class)).isTrue();
      assertThat(connection.unwrap(DoltSyncConnection.class).isMirroring()).isFalse();
      assertThat(connection.unwrap(org.h2.jdbc.JdbcConnection.class)).isNotNull();
      assertThat(select1(connection)).isEqualTo(1);
    }
  }

  /**
   * A DoltSyncDataSource around a pool of {@code jdbc:doltsync:} connections does not wrap them again: one
   * doltsync layer, one journal entry per transaction, one Dolt commit.
   */
  @Test
  void doubleWrappingWrapsOnce() throws Exception {
    String doltDatabase = newDoltDatabase();
    HikariDataSource pool = closeLater(pool(DoltSyncUrls.mirroring(h2().url(), doltDatabase), DoltSyncDriver.class.getName()));
    DoltSyncDataSource dataSource = DoltSyncDataSource.wrap(pool);
    dataSource.setTarget(TestServers.doltUrl(doltDatabase));
    try (Connection connection = dataSource.getConnection(); Connection direct = pool.getConnection()) {
      assertThat(doltSyncLayers(connection)).isEqualTo(1);
      assertThat(connection.getClass()).as("the pool's connection class").isEqualTo(direct.getClass());
      assertThat(connection.unwrap(ConnectionWrapper.class).getClass()).isEqualTo(direct.unwrap(ConnectionWrapper.class).getClass());
    }
    assertOneDoltCommitPerTransaction(dataSource, doltDatabase);
  }

  // ---- helpers ---------------------------------------------------------------------------------------------

  private static HikariDataSource pool(String url, String driverClassName) {
    return pool(url, driverClassName, 2);
  }

  private static HikariDataSource pool(String url, String driverClassName, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (driverClassName != null) {
      config.setDriverClassName(driverClassName);
    }
    config.setUsername("sa");
    config.setPassword("");
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    return new HikariDataSource(config);
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static int select1(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT 1")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /** How many doltsync wrappers stand between the application and the driver's connection. */
  private static int doltSyncLayers(Connection connection) throws SQLException {
    int layers = 0;
    Connection current = connection;
    while (current.isWrapperFor(ConnectionWrapper.class)) {
      ConnectionWrapper wrapper = current.unwrap(ConnectionWrapper.class);
      layers++;
      current = wrapper.delegate();
    }
    return layers;
  }

  /** A schema change, then one transaction of two inserts: the transaction adds exactly one Dolt commit. */
  private static void assertOneDoltCommitPerTransaction(DataSource dataSource, String doltDatabase) throws Exception {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      DoltSyncConnection doltSync = connection.unwrap(DoltSyncConnection.class);
      assertThat(doltSync.isMirroring()).isTrue();
      statement.execute("CREATE TABLE fruit (id INT PRIMARY KEY, name VARCHAR(20))");
      statement.executeUpdate("INSERT INTO fruit VALUES (1, 'apple')");
      doltSync.awaitMirrored(Duration.ofSeconds(30));
      long before = DoltDatabases.commitCount(doltDatabase);

      connection.setAutoCommit(false);
      statement.executeUpdate("INSERT INTO fruit VALUES (2, 'pear')");
      statement.executeUpdate("UPDATE fruit SET name = 'plum' WHERE id = 1");
      connection.commit();
      connection.setAutoCommit(true);
      assertThat(doltSync.awaitMirrored(Duration.ofSeconds(30))).isNotBlank();

      assertThat(DoltDatabases.commitCount(doltDatabase)).isEqualTo(before + 1);
      try (Connection dolt = TestServers.dolt(doltDatabase); Statement query = dolt.createStatement();
          ResultSet rows = query.executeQuery("SELECT name FROM fruit ORDER BY id")) {
        List<String> names = new ArrayList<>();
        while (rows.next()) {
          names.add(rows.getString(1));
        }
        assertThat(names).containsExactly("plum", "pear");
      }
    }
  }
}
