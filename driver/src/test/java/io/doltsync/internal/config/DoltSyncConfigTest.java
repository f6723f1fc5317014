package io.doltsync.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Option resolution: the documented precedence (connect() Properties, URL parameters, system properties,
 * environment variables, defaults), validation with messages that name the option, and redaction.
 */
class DoltSyncConfigTest {

  private static final String SECRET = "Pa55-w0rd-never-printed";

  /** The four sources of one resolution, each settable per option key. */
  private final Properties properties = new Properties();
  private final Map<String, String> url = new HashMap<>();
  private final Map<String, String> systemProperties = new HashMap<>();
  private final Map<String, String> environment = new HashMap<>();

  private DoltSyncConfig resolve() throws SQLException {
    return DoltSyncConfig.resolve(properties, url, systemProperties::get, environment::get);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = DoltSyncOption.class, names = {"BRANCH", "TARGET_USER", "TARGET", "JOURNAL_TABLE"})
  void precedenceIsPropertiesThenUrlThenSystemPropertiesThenEnvironmentThenDefault(DoltSyncOption option)
      throws SQLException {
    assertThat(resolve().get(option)).isEqualTo(option.defaultValue());

    environment.put(option.environmentVariable(), "from_environment");
    assertThat(resolve().get(option)).isEqualTo("from_environment");

    systemProperties.put(option.key(), "from_system_property");
    assertThat(resolve().get(option)).isEqualTo("from_system_property");

    url.put(option.key(), "from_url");
    assertThat(resolve().get(option)).isEqualTo("from_url");

    properties.setProperty(option.key(), "from_properties");
    assertThat(resolve().get(option)).isEqualTo("from_properties");
  }

  @Test
  void aJournalTableNameOtherThanAPlainIdentifierIsRefused() {
    java.util.Random random = new java.util.Random(Long.getLong("doltsync.test.seed", 17L));
    String[] hostile = {"x; DROP TABLE t", "a`b", "a\"b", "a'b", "a b", "1abc", "", "a-b", "t\u0000x", "x".repeat(49), "é"};
    for (String name : hostile) {
      properties.setProperty(DoltSyncOption.JOURNAL_TABLE.key(), name);
      assertThatThrownBy(this::resolve).as("[%s]", name).isInstanceOf(SQLException.class)
          .hasMessageContaining("doltsync.journalTable");
    }
    for (int i = 0; i < 50; i++) {
      StringBuilder name = new StringBuilder(random.nextBoolean() ? "_" : "j");
      for (int n = random.nextInt(40); n > 0; n--) {
        name.append("abcXYZ019_".charAt(random.nextInt(10)));
      }
      properties.setProperty(DoltSyncOption.JOURNAL_TABLE.key(), name.toString());
      assertThatCode(this::resolve).as("[%s]", name).doesNotThrowAnyException();
    }
  }

  @ParameterizedTest
  @EnumSource(value = DoltSyncOption.class, names = {"DELEGATE_DRIVER", "DOLT_BINARY", "LINEAGE_OPEN_LINEAGE"})
  void optionsThatLoadCodeComeFromEverywhereButTheUrl(DoltSyncOption option) throws SQLException {
    environment.put(option.environmentVariable(), "e");
    assertThat(resolve().get(option)).isEqualTo("e");
    systemProperties.put(option.key(), "s");
    assertThat(resolve().get(option)).isEqualTo("s");
    properties.setProperty(option.key(), "p");
    assertThat(resolve().get(option)).isEqualTo("p");
    url.put(option.key(), "u");
    assertThatThrownBy(this::resolve).isInstanceOf(SQLException.class).hasMessageContaining(option.key())
        .hasMessageContaining("cannot come from the JDBC URL");
  }

  @Test
  void theSystemLookupsAreTheDefaultOnes() throws SQLException {
    String key = DoltSyncOption.INSTANCE.key();
    String previous = System.getProperty(key);
    System.setProperty(key, "from-jvm");
    try {
      assertThat(DoltSyncConfig.resolve(new Properties(), Map.of()).get(DoltSyncOption.INSTANCE)).isEqualTo("from-jvm");
      assertThat(DoltSyncConfig.resolve(new Properties(), Map.of(key, "from_url")).get(DoltSyncOption.INSTANCE))
          .isEqualTo("from_url");
    } finally {
      if (previous == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, previous);
      }
    }
  }

  @Test
  void keysAreMatchedCaseInsensitively() throws SQLException {
    url.put("DOLTSYNC.BRANCH", "from_url");
    properties.setProperty("doltsync.targetuser", "from_properties");
    DoltSyncConfig config = resolve();
    assertThat(config.get(DoltSyncOption.BRANCH)).isEqualTo("from_url");
    assertThat(config.get(DoltSyncOption.TARGET_USER)).isEqualTo("from_properties");
  }

  @ParameterizedTest
  @CsvSource({
      "TARGET, DOLTSYNC_TARGET",
      "TARGET_USER, DOLTSYNC_TARGET_USER",
      "TARGET_PASSWORD, DOLTSYNC_TARGET_PASSWORD",
      "DELEGATE_DRIVER, DOLTSYNC_DELEGATE_DRIVER",
      "SYNC_TIMEOUT, DOLTSYNC_SYNC_TIMEOUT",
      "ENABLED, DOLTSYNC_ENABLED",
  })
  void environmentVariableNames(DoltSyncOption option, String variable) {
    assertThat(option.environmentVariable()).isEqualTo(variable);
  }

  @Test
  void documentedDefaults() throws SQLException {
    DoltSyncConfig config = resolve();
    assertThat(config.isEnabled()).isTrue();
    assertThat(config.get(DoltSyncOption.BRANCH)).isEqualTo("main");
    assertThat(config.isSyncMode()).isFalse();
    assertThat(config.getDuration(DoltSyncOption.SYNC_TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.get(DoltSyncOption.TARGET_USER)).isEqualTo("root");
    assertThat(config.get(DoltSyncOption.DATABASE)).isNull();
  }

  @Test
  void everyOptionHasAKeyAndADescription() {
    assertThat(DoltSyncOption.values()).allSatisfy(option -> {
      assertThat(option.key()).startsWith(DoltSyncOption.PREFIX);
      assertThat(option.description()).isNotBlank();
      assertThat(DoltSyncOption.forKey(option.key())).isSameAs(option);
    });
    assertThat(Arrays.stream(DoltSyncOption.values()).map(DoltSyncOption::key))
        .contains("doltsync.target", "doltsync.targetUser", "doltsync.targetPassword", "doltsync.branch",
            "doltsync.enabled", "doltsync.delegateDriver");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "1500ms, 1500",
      "2s, 2000",
      "0.5s, 500",
      "2m, 120000",
      "750, 750",
  })
  void durations(String value, long millis) throws SQLException {
    url.put(DoltSyncOption.SYNC_TIMEOUT.key(), value);
    assertThat(resolve().getDuration(DoltSyncOption.SYNC_TIMEOUT)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
      "doltsync.enabled, maybe",
      "doltsync.applier, yes",
      "doltsync.mode, fast",
      "doltsync.unmappedTypes, drop",
      "doltsync.syncTimeout, soon",
      "doltsync.syncTimeout, 10 parsecs",
      "doltsync.branch, '   '",
  })
  void invalidValuesAreSqlExceptionsNamingTheOption(String key, String value) {
    url.put(key, value);
    assertThatThrownBy(this::resolve)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining(key)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"));
  }

  @Test
  void invalidValuesFromTheEnvironmentNameTheOptionToo() {
    environment.put(DoltSyncOption.MODE.environmentVariable(), "fast");
    assertThatThrownBy(this::resolve).isInstanceOf(SQLException.class).hasMessageContaining("doltsync.mode");
  }

  @Test
  void unknownOptionsAreRejectedWherever() {
    url.put("doltsync.tagret", "jdbc:mariadb://h/db");
    assertThatThrownBy(this::resolve).isInstanceOf(SQLException.class)
        .hasMessageContaining("doltsync.tagret").hasMessageContaining("the JDBC URL").hasMessageContaining("doltsync.target")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
    url.clear();
    properties.setProperty("doltsync.brnach", "x");
    assertThatThrownBy(this::resolve).isInstanceOf(SQLException.class)
        .hasMessageContaining("doltsync.brnach").hasMessageContaining("connection properties");
  }

  @Test
  void anUnknownOptionsValueIsNeverPrinted() {
    url.put("doltsync.targetPasword", SECRET);
    assertThatThrownBy(this::resolve).isInstanceOf(SQLException.class)
        .hasMessageContaining("doltsync.targetPasword")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void nonDoltSyncPropertiesAreLeftToTheRealDriver() throws SQLException {
    properties.setProperty("user", "u");
    properties.setProperty("password", SECRET);
    properties.setProperty("doltsync.branch", "b");
    properties.setProperty("DoltSync.Mode", "sync");
    assertThat(resolve().get(DoltSyncOption.BRANCH)).isEqualTo("b");
    Properties forDriver = DoltSyncConfig.withoutDoltSyncKeys(properties);
    assertThat(forDriver.stringPropertyNames()).containsExactlyInAnyOrder("user", "password");
    assertThat(forDriver.getProperty("password")).isEqualTo(SECRET);
    assertThat(DoltSyncConfig.withoutDoltSyncKeys(null)).isEmpty();
  }

  @Test
  void toStringNeverPrintsTheTargetPassword() throws SQLException {
    properties.setProperty(DoltSyncOption.TARGET_PASSWORD.key(), SECRET);
    url.put(DoltSyncOption.TARGET.key(), "jdbc:mariadb://dolt:3307/db?password=" + SECRET);
    DoltSyncConfig config = resolve();
    assertThat(config.get(DoltSyncOption.TARGET_PASSWORD)).isEqualTo(SECRET);
    assertThat(config.toString()).doesNotContain(SECRET).contains("doltsync.targetPassword=***");
  }

  @Test
  void anInvalidSecretIsNeverPrinted() {
    Function<String, String> none = key -> null;
    url.put(DoltSyncOption.MODE.key(), "bogus");
    properties.setProperty(DoltSyncOption.TARGET_PASSWORD.key(), SECRET);
    assertThatThrownBy(() -> DoltSyncConfig.resolve(properties, url, none, none))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).contains("doltsync.mode"));
  }

  @Test
  void groupCommitIsAWholeNumberOfAtLeastOneAndOffByDefault() throws SQLException {
    Function<String, String> none = key -> null;
    assertThat(DoltSyncConfig.resolve(properties, url, none, none).getInt(DoltSyncOption.GROUP_COMMIT)).isEqualTo(1);
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 200; i++) {
      int n = random.nextInt(2_000_000) - 1_000_000;
      String bad = switch (i % 5) {
        case 0 -> String.valueOf(Math.min(n, 0) - random.nextInt(5));
        case 1 -> n + "." + random.nextInt(10);
        case 2 -> "x" + n;
        case 3 -> " ";
        default -> "9".repeat(11 + random.nextInt(5));
      };
      url.put(DoltSyncOption.GROUP_COMMIT.key(), bad);
      assertThatThrownBy(() -> DoltSyncConfig.resolve(properties, url, none, none)).as(bad)
          .isInstanceOf(SQLException.class).hasMessageContaining("doltsync.groupCommit");
      int good = 1 + random.nextInt(10_000);
      url.put(DoltSyncOption.GROUP_COMMIT.key(), " " + good);
      assertThat(DoltSyncConfig.resolve(properties, url, none, none).getInt(DoltSyncOption.GROUP_COMMIT))
          .isEqualTo(good);
    }
  }
}
