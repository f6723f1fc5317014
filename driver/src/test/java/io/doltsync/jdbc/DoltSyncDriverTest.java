package io.doltsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.DoltSyncConnection;
import io.doltsync.internal.config.DoltSyncOption;
import io.doltsync.internal.jdbc.wrapper.ConnectionWrapper;
import io.doltsync.internal.mirror.MirrorRegistry;
import io.doltsync.testing.CapturedOutput;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/**
 * The {@code jdbc:doltsync:} driver: URL handling, choosing the real driver, registration, the options it
 * lists, and what it does with bad input, always an {@link SQLException} with a SQLState and a message that
 * names the option to fix, and never a password.
 */
class DoltSyncDriverTest {

  private static final String SECRET = "Pa55-w0rd-never-printed";

  private final DoltSyncDriver driver = new DoltSyncDriver();
  private final List<PrimaryKind.Space> spaces = new ArrayList<>();

  @AfterEach
  void dropSpaces() throws SQLException {
    MirrorRegistry.closeAll();
    for (PrimaryKind.Space space : spaces) {
      space.close();
    }
  }

  /** A fresh in-memory H2 database, dropped after the test. */
  private String h2Url() throws SQLException {
    PrimaryKind.Space space = PrimaryKind.H2.createSpace("driver");
    spaces.add(space);
    return space.url();
  }

  private static Properties h2Credentials() {
    return PrimaryKind.H2.credentials();
  }

  // ---- which URLs, which driver -------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:h2:mem:x", "jdbc:mariadb://127.0.0.1:1/x", "jdbc:doltsync:", "jdbc:doltsyncx:h2:mem:x", "h2:mem:x"})
  void foreignUrlsAreNotAccepted(String url) throws SQLException {
    assertThat(driver.acceptsURL(url)).isFalse();
    assertThat(driver.connect(url, new Properties())).isNull();
  }

  @Test
  void aNullUrlIsAnSqlException() {
    assertThatThrownBy(() -> driver.connect(null, new Properties())).isInstanceOf(SQLException.class);
  }

  @Test
  void driverManagerOpensTheRealDriversConnectionWrapped() throws SQLException {
    String url = DoltSyncUrls.passThrough(h2Url());
    assertThat(DriverManager.getDriver(url)).isInstanceOf(DoltSyncDriver.class);
    try (Connection connection = DriverManager.getConnection(url, h2Credentials())) {
      assertThat(connection).isInstanceOf(ConnectionWrapper.class);
      assertThat(connection.unwrap(org.h2.jdbc.JdbcConnection.class)).isNotNull();
      assertThat(connection.unwrap(DoltSyncConnection.class).isMirroring()).isFalse();
      assertThat(connection.getMetaData().getURL()).doesNotContain("doltsync");
    }
  }

  @Test
  void neverPicksItselfAsTheDelegate() {
    assertThatThrownBy(() -> DelegateDrivers.find("jdbc:doltsync:h2:mem:x", null))
        .isInstanceOf(SQLException.class).hasMessageContaining("no JDBC driver");
    Properties properties = h2Credentials();
    properties.setProperty("doltsync.delegateDriver", DoltSyncDriver.class.getName());
    assertThatThrownBy(() -> driver.connect(DoltSyncUrls.passThrough("jdbc:h2:mem:x"), properties))
        .isInstanceOf(SQLException.class).hasMessageContaining("doltsync.delegateDriver");
  }

  @Test
  void aNamedDelegateDriverIsUsed() throws SQLException {
    Properties properties = h2Credentials();
    properties.setProperty("doltsync.delegateDriver", CountingH2Driver.class.getName());
    int before = CountingH2Driver.CONNECTS.get();
    try (Connection connection = driver.connect(DoltSyncUrls.passThrough(h2Url()), properties)) {
      assertThat(connection.isValid(1)).isTrue();
    }
    assertThat(CountingH2Driver.CONNECTS.get()).isEqualTo(before + 1);
  }

  @Test
  void aNamedDelegateDriverMayAlsoComeFromTheProperties() throws SQLException {
    Properties properties = h2Credentials();
    properties.setProperty("doltsync.delegateDriver", "org.h2.Driver");
    try (Connection connection = driver.connect(DoltSyncUrls.passThrough(h2Url()), properties)) {
      assertThat(connection.unwrap(org.h2.jdbc.JdbcConnection.class)).isNotNull();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"com.example.NoSuchDriver", "java.lang.String", "org.postgresql.Driver"})
  void aDelegateDriverThatCannotServeTheUrlIsAnError(String className) {
    String url = DoltSyncUrls.passThrough("jdbc:h2:mem:x;PASSWORD=" + SECRET);
    assertConnectionError(url, "doltsync.delegateDriver=" + className, "doltsync.delegateDriver", className);
  }

  @ParameterizedTest
  @ValueSource(strings = {"doltsync.delegateDriver", "doltsync.doltBinary", "DOLTSYNC.DELEGATEDRIVER", "doltsync.doltbinary"})
  void optionsThatLoadCodeCannotComeFromTheUrl(String key) {
    for (String url : List.of(DoltSyncUrls.passThrough("jdbc:h2:mem:x;PASSWORD=" + SECRET) + ";" + key + "=org.h2.Driver",
        "jdbc:doltsync:postgresql://127.0.0.1/db?password=" + SECRET + "&" + key + "=org.postgresql.Driver")) {
      assertConnectionError(url, "cannot come from the JDBC URL").hasMessageContaining("environment variable");
    }
  }

  @Test
  void aDelegateDriverClassThatIsNotADriverIsNeverInitialised() {
    assertConnectionError(DoltSyncUrls.passThrough("jdbc:h2:mem:x"), "is not a java.sql.Driver", "doltsync.delegateDriver",
        NotADriver.class.getName());
    assertThat(NOT_A_DRIVER_INITIALISED.get()).as("the named class's static initialiser never ran").isFalse();
  }

  private static final java.util.concurrent.atomic.AtomicBoolean NOT_A_DRIVER_INITIALISED =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** A class whose static initialiser runs code when it is initialised: what an attacker's gadget does. */
  public static final class NotADriver {
    static {
      NOT_A_DRIVER_INITIALISED.set(true);
    }
  }

  @Test
  void aMissingDelegateDriverSaysHowToProvideOne() {
    assertConnectionError("jdbc:doltsync:nosuchdb://127.0.0.1/db?password=" + SECRET, "doltsync.delegateDriver")
        .hasMessageContaining("no JDBC driver on the class path accepts jdbc:nosuchdb://127.0.0.1/db");
  }

  // ---- registration -------------------------------------------------------------------------------

  @Test
  void registeredThroughServiceLoader() throws IOException {
    assertThat(ServiceLoader.load(Driver.class).stream().map(ServiceLoader.Provider::type))
        .contains(DoltSyncDriver.class);
    Path classes = driverLocation();
    URL services = Collections.list(DoltSyncDriver.class.getClassLoader().getResources("META-INF/services/java.sql.Driver"))
        .stream().filter(u -> u.toString().contains(classes.toUri().toString()) || u.toString().contains(classes.toString()))
        .findFirst().orElseThrow(() -> new AssertionError("the driver has no META-INF/services/java.sql.Driver"));
    try (var in = services.openStream()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim))
          .contains(DoltSyncDriver.class.getName());
    }
    assertThat(DoltSyncDriver.isRegistered()).isTrue();
  }

  /**
   * The jar's manifest names the automatic module: maven-jar-plugin writes the entry configured in the
   * driver's pom (the jar is built after the tests, so the pom is what the test can read).
   */
  @Test
  void theJarHasAnAutomaticModuleName() throws Exception {
    Path pom = Paths.get("pom.xml");
    assertThat(pom).exists();
    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    String name = XPathFactory.newInstance().newXPath().evaluate(
        "/*[local-name()='project']/*[local-name()='artifactId']", document);
    assertThat(name).isEqualTo("doltsync-driver");
    String moduleName = XPathFactory.newInstance().newXPath().evaluate(
        "//*[local-name()='plugin'][*[local-name()='artifactId']='maven-jar-plugin']"
            + "//*[local-name()='archive']/*[local-name()='manifestEntries']/*[local-name()='Automatic-Module-Name']",
        document);
    assertThat(moduleName).isEqualTo("io.doltsync.driver");
    assertThat(moduleName.split("\\.")).allSatisfy(part -> {
      assertThat(Character.isJavaIdentifierStart(part.charAt(0))).isTrue();
      assertThat(part.chars().allMatch(Character::isJavaIdentifierPart)).isTrue();
    });
  }

  // ---- getPropertyInfo ----------------------------------------------------------------------------

  @Test
  void propertyInfoListsEveryOptionWithADescriptionAndTheRealDriversProperties() throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", "u");
    info.setProperty(DoltSyncOption.TARGET_PASSWORD.key(), SECRET);
    info.setProperty(DoltSyncOption.MODE.key(), "sync");
    DriverPropertyInfo[] properties = driver.getPropertyInfo("jdbc:doltsync:postgresql://127.0.0.1:1/db?doltsync.branch=dev", info);
    Map<String, DriverPropertyInfo> byName = Arrays.stream(properties)
        .collect(Collectors.toMap(p -> p.name, p -> p, (a, b) -> a));

    assertThat(byName.keySet()).containsAll(Arrays.stream(DoltSyncOption.values()).map(DoltSyncOption::key).toList());
    for (DoltSyncOption option : DoltSyncOption.values()) {
      assertThat(byName.get(option.key()).description).as(option.key()).isNotBlank();
    }
    assertThat(byName.get("doltsync.mode").value).isEqualTo("sync");
    assertThat(byName.get("doltsync.mode").choices).containsExactlyInAnyOrder("async", "sync");
    assertThat(byName.get("doltsync.branch").value).as("the value the URL gives").isEqualTo("dev");
    assertThat(byName.get("doltsync.enabled").value).isEqualTo("true");
    assertThat(byName.get(DoltSyncOption.TARGET_PASSWORD.key()).value).isNull();
    assertThat(Arrays.stream(properties).map(p -> p.value)).doesNotContain(SECRET);

    Properties pgOnly = new Properties();
    pgOnly.setProperty("user", "u");
    List<String> postgres = Arrays.stream(new org.postgresql.Driver().getPropertyInfo("jdbc:postgresql://127.0.0.1:1/db", pgOnly))
        .map(p -> p.name).toList();
    assertThat(postgres).isNotEmpty();
    assertThat(byName.keySet()).containsAll(postgres);
    assertThat(properties).hasSize(DoltSyncOption.values().length + postgres.size());
  }

  @Test
  void propertyInfoOfAUrlWithoutARealDriverListsDoltSyncsOptions() throws SQLException {
    assertThat(driver.getPropertyInfo("jdbc:doltsync:nosuchdb://h/db", null)).hasSize(DoltSyncOption.values().length);
  }

  // ---- precedence through connect() ----------------------------------------------------------------

  @Test
  void connectPropertiesWinOverUrlParameters() throws SQLException {
    Properties properties = h2Credentials();
    properties.setProperty("doltsync.enabled", "false");
    try (Connection connection = driver.connect(DoltSyncUrls.wrap(h2Url(), "doltsync.enabled", "true"), properties)) {
      assertThat(connection.unwrap(DoltSyncConnection.class).isMirroring()).isFalse();
    }
  }

  @Test
  void urlParametersWinOverSystemPropertiesWhichAreConsulted() throws SQLException {
    String key = DoltSyncOption.MODE.key();
    System.setProperty(key, "bogus");
    try {
      try (Connection connection = driver.connect(DoltSyncUrls.passThrough(h2Url()) + ";" + key + "=async", h2Credentials())) {
        assertThat(connection.isValid(1)).isTrue();
      }
      assertConnectionError(DoltSyncUrls.passThrough(h2Url()), key);
    } finally {
      System.clearProperty(key);
    }
  }

  // ---- bad input ----------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:doltsync:doltsync:h2:mem:x|jdbc:doltsync:",
      "jdbc:doltsync:mariadb://127.0.0.1:1/db?doltsync.author=%zz|doltsync.author",
      "jdbc:doltsync:h2:mem:x;doltsync.tagret=jdbc:mariadb://h/d|doltsync.tagret",
      "jdbc:doltsync:h2:mem:x;doltsync.enabled=maybe|doltsync.enabled",
      "jdbc:doltsync:h2:mem:x;doltsync.mode=fast|doltsync.mode",
      "jdbc:doltsync:h2:mem:x;doltsync.syncTimeout=soon|doltsync.syncTimeout",
      "jdbc:doltsync:h2:mem:x;doltsync.unmappedTypes=drop|doltsync.unmappedTypes",
      "jdbc:doltsync:h2:mem:x;doltsync.branch=|doltsync.branch",
      "jdbc:doltsync:h2:mem:x;doltsync.target=mariadb://127.0.0.1:1/x|doltsync.target",
      "jdbc:doltsync:h2:mem:x;doltsync.target=|doltsync.target",
      "jdbc:doltsync:h2:mem:x;doltsync.target=jdbc:mariadb:nohost|doltsync.target",
  })
  void badInputIsAnSqlExceptionNamingTheOption(String urlAndOption) {
    String[] parts = urlAndOption.split("\\|");
    String url = DoltSyncUrls.withParameter(parts[0].replace("h2:mem:x", "h2:mem:" + TestServers.uniqueName("bad")),
        "doltsync.targetPassword", SECRET);
    assertConnectionError(url, parts[1]);
  }

  /**
   * Dolt being down does not fail the primary: the connection opens, transactions commit (the journal lives
   * in the primary), and only waiting for the mirror times out, with a message naming the option.
   */
  @Test
  void anUnreachableDoltTargetDoesNotFailThePrimary() throws Exception {
    int closedPort = closedPort();
    try (CapturedOutput output = CapturedOutput.start()) {
      String url = DoltSyncUrls.wrap(h2Url(), "doltsync.target", "jdbc:mariadb://127.0.0.1:" + closedPort + "/unreachable")
          + ";doltsync.targetPassword=" + SECRET;
      try (Connection connection = DriverManager.getConnection(url, h2Credentials())) {
        DoltSyncConnection doltSync = connection.unwrap(DoltSyncConnection.class);
        assertThat(doltSync.isMirroring()).isTrue();
        try (Statement statement = connection.createStatement()) {
          statement.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))");
          connection.setAutoCommit(false);
          statement.executeUpdate("INSERT INTO items VALUES (1, 'one')");
          statement.executeUpdate("INSERT INTO items VALUES (2, 'two')");
          connection.commit();
          connection.setAutoCommit(true);
          statement.executeUpdate("UPDATE items SET name = 'uno' WHERE id = 1");
          try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM items WHERE name IN ('uno', 'two')")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(2);
          }
        }
        assertThatThrownBy(() -> doltSync.awaitMirrored(Duration.ofMillis(1500)))
            .isInstanceOf(SQLTimeoutException.class)
            .hasMessageContaining("doltsync.syncTimeout")
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("HYT00"))
            .satisfies(e -> assertThat(printed(e)).doesNotContain(SECRET));
        assertThat(connection.toString()).doesNotContain(SECRET);
      }
      awaitOutputContaining(output, "127.0.0.1:" + closedPort, Duration.ofSeconds(10));
      assertThat(output.text()).doesNotContain(SECRET);
    }
  }

  @Test
  void aSyncCommitAgainstAnUnreachableDoltTimesOutNamingTheOption() throws Exception {
    String url = DoltSyncUrls.wrap(h2Url(), "doltsync.target", "jdbc:mariadb://127.0.0.1:" + closedPort() + "/unreachable")
        + ";doltsync.mode=sync;doltsync.syncTimeout=1s;doltsync.targetPassword=" + SECRET;
    try (Connection connection = DriverManager.getConnection(url, h2Credentials());
        Statement statement = connection.createStatement()) {
      // in sync mode an auto-committed statement waits for its Dolt commit too
      assertSyncTimeout(() -> statement.execute("CREATE TABLE items (id INT PRIMARY KEY)"));
      connection.setAutoCommit(false);
      statement.executeUpdate("INSERT INTO items VALUES (1)");
      assertSyncTimeout(connection::commit);
      connection.setAutoCommit(true);
      try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM items")) {
        rows.next();
        assertThat(rows.getInt(1)).as("the primary transaction committed").isEqualTo(1);
      }
    }
  }

  @Test
  void anEmbeddedTargetWithoutADoltBinarySaysHowToInstallDolt(@TempDir Path directory) {
    String url = DoltSyncUrls.wrap("jdbc:h2:mem:" + TestServers.uniqueName("embedded"), "doltsync.target", "embedded:" + directory)
        + ";doltsync.targetPassword=" + SECRET;
    assertConnectionError(url, "doltsync.doltBinary", "doltsync.doltBinary", "/nonexistent/dolt").hasMessageContaining("install Dolt");
  }

  // ---- helpers --------------------------------------------------------------------------------------

  private static void assertSyncTimeout(org.assertj.core.api.ThrowableAssert.ThrowingCallable commit) {
    assertThatThrownBy(commit)
        .isInstanceOf(SQLTimeoutException.class)
        .hasMessageContaining("doltsync.syncTimeout")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("HYT00"))
        .satisfies(e -> assertThat(printed(e)).doesNotContain(SECRET));
  }

  private Connection connect(String url) throws SQLException {
    return driver.connect(url, h2Credentials());
  }

  /**
   * Connecting fails with an SQLException of SQLState class 08 whose message names {@code option}; neither
   * its message, nor its causes', nor its stack trace print the password.
   */
  private org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertConnectionError(String url, String option) {
    return assertConnectionError(url, option, null, null);
  }

  /** As above, with one more connection property (when {@code key} is not null). */
  private org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertConnectionError(String url, String option,
      String key, String value) {
    Properties properties = h2Credentials();
    properties.setProperty("password", SECRET);
    if (key != null) {
      properties.setProperty(key, value);
    }
    return assertThatThrownBy(() -> {
      try (Connection ignored = driver.connect(url, properties)) {
        // not reached
      }
    })
        .isInstanceOf(SQLException.class)
        .hasMessageContaining(option)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as("SQLState").startsWith("08"))
        .satisfies(e -> assertThat(printed(e)).doesNotContain(SECRET));
  }

  private static String printed(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitOutputContaining(CapturedOutput output, String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!output.text().contains(text) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(output.text()).as("the log mentions the unreachable target").contains(text);
  }

  private static Path driverLocation() {
    try {
      return Paths.get(DoltSyncDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** H2's own driver under another class name, never registered with DriverManager, counting its connections. */
  public static final class CountingH2Driver extends org.h2.Driver {
    static final AtomicInteger CONNECTS = new AtomicInteger();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
      Connection connection = super.connect(url, info);
      if (connection != null) {
        CONNECTS.incrementAndGet();
      }
      return connection;
    }
  }
}
