package io.doltsync.internal.config;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The resolved value of every {@link DoltSyncOption}, after the documented precedence: connect()
 * Properties, URL parameters, system properties, environment variables, defaults. Immutable.
 */
public final class DoltSyncConfig {

  private final Map<DoltSyncOption, String> values;

  private DoltSyncConfig(Map<DoltSyncOption, String> values) {
    this.values = values;
  }

  /** Resolves every option from the sources in precedence order. */
  public static DoltSyncConfig resolve(Properties connectProperties, Map<String, String> urlParameters)
      throws SQLException {
    return resolve(connectProperties, urlParameters, System::getProperty, System::getenv);
  }

  /** As {@link #resolve(Properties, Map)}, with explicit system-property and environment lookups (for tests). */
  public static DoltSyncConfig resolve(
      Properties connectProperties,
      Map<String, String> urlParameters,
      Function<String, String> systemProperties,
      Function<String, String> environment)
      throws SQLException {
    Map<String, String> fromProperties = doltSyncEntries(connectProperties);
    rejectUnknownKeys(fromProperties, "connection properties");
    rejectUnknownKeys(urlParameters, "the JDBC URL");
    rejectCodeLoadingKeys(urlParameters);
    Map<DoltSyncOption, String> values = new EnumMap<>(DoltSyncOption.class);
    for (DoltSyncOption option : DoltSyncOption.values()) {
      String value = firstNonNull(
          lookupIgnoringCase(fromProperties, option.key()),
          lookupIgnoringCase(urlParameters, option.key()),
          systemProperties.apply(option.key()),
          environment.apply(option.environmentVariable()),
          option.defaultValue());
      if (value != null) {
        values.put(option, value.trim());
      }
    }
    DoltSyncConfig config = new DoltSyncConfig(values);
    config.validate();
    return config;
  }

  /** The raw value, or {@code null} when the option is unset and has no default. */
  public String get(DoltSyncOption option) {
    return values.get(option);
  }

  public boolean getBoolean(DoltSyncOption option) {
    return Boolean.parseBoolean(values.get(option));
  }

  public Duration getDuration(DoltSyncOption option) {
    return parseDuration(option, values.get(option));
  }

  /** A whole-number option. */
  public int getInt(DoltSyncOption option) {
    return Integer.parseInt(values.get(option).trim());
  }

  /** A comma-separated option as a list of trimmed, non-empty items. */
  public List<String> getList(DoltSyncOption option) {
    String value = values.get(option);
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** True unless {@code doltsync.enabled=false}. */
  public boolean isEnabled() {
    return getBoolean(DoltSyncOption.ENABLED);
  }

  /** True when commits wait for their Dolt commit. */
  public boolean isSyncMode() {
    return "sync".equalsIgnoreCase(values.get(DoltSyncOption.MODE));
  }

  /** The connect() properties without doltsync's own keys, to hand to the real driver. */
  public static Properties withoutDoltSyncKeys(Properties properties) {
    Properties copy = new Properties();
    if (properties != null) {
      for (String name : properties.stringPropertyNames()) {
        if (!name.regionMatches(true, 0, DoltSyncOption.PREFIX, 0, DoltSyncOption.PREFIX.length())) {
          copy.setProperty(name, properties.getProperty(name));
        }
      }
    }
    return copy;
  }

  private void validate() throws SQLException {
    for (DoltSyncOption option : List.of(DoltSyncOption.ENABLED, DoltSyncOption.APPLIER, DoltSyncOption.ADOPT)) {
      String v = values.get(option);
      if (!"true".equalsIgnoreCase(v) && !"false".equalsIgnoreCase(v)) {
        throw invalid(option, v, "true or false");
      }
    }
    String mode = values.get(DoltSyncOption.MODE);
    if (!"async".equalsIgnoreCase(mode) && !"sync".equalsIgnoreCase(mode)) {
      throw invalid(DoltSyncOption.MODE, mode, "async or sync");
    }
    String unmapped = values.get(DoltSyncOption.UNMAPPED_TYPES);
    if (!"error".equalsIgnoreCase(unmapped) && !"text".equalsIgnoreCase(unmapped)) {
      throw invalid(DoltSyncOption.UNMAPPED_TYPES, unmapped, "error or text");
    }
    String valuePolicy = values.get(DoltSyncOption.UNMAPPABLE_VALUES);
    if (!"error".equalsIgnoreCase(valuePolicy) && !"null".equalsIgnoreCase(valuePolicy)) {
      throw invalid(DoltSyncOption.UNMAPPABLE_VALUES, valuePolicy, "error or null");
    }
    for (DoltSyncOption option : List.of(DoltSyncOption.SYNC_TIMEOUT, DoltSyncOption.DRAIN_ON_SHUTDOWN)) {
      try {
        if (getDuration(option).isNegative()) {
          throw new IllegalArgumentException("negative");
        }
      } catch (IllegalArgumentException e) {
        throw invalid(option, values.get(option), "a duration such as 500ms, 30s or 2m");
      }
    }
    String groupCommit = values.get(DoltSyncOption.GROUP_COMMIT);
    try {
      if (getInt(DoltSyncOption.GROUP_COMMIT) < 1) {
        throw invalid(DoltSyncOption.GROUP_COMMIT, groupCommit, "a whole number of at least 1");
      }
    } catch (NumberFormatException e) {
      throw invalid(DoltSyncOption.GROUP_COMMIT, groupCommit, "a whole number of at least 1");
    }
    try {
      getDuration(DoltSyncOption.VERIFY_INTERVAL);
    } catch (IllegalArgumentException e) {
      throw invalid(DoltSyncOption.VERIFY_INTERVAL, values.get(DoltSyncOption.VERIFY_INTERVAL), "a duration such as 30m or 1h, or 0");
    }
    String journal = values.get(DoltSyncOption.JOURNAL_TABLE);
    if (journal == null || !journal.matches("[A-Za-z_][A-Za-z0-9_]{0,47}")) {
      throw invalid(DoltSyncOption.JOURNAL_TABLE, journal, "a plain table name (letters, digits, _; at most 48 characters)");
    }
    String branch = values.get(DoltSyncOption.BRANCH);
    if (branch == null || branch.isBlank()) {
      throw invalid(DoltSyncOption.BRANCH, branch, "a branch name");
    }
  }

  private static Duration parseDuration(DoltSyncOption option, String value) {
    try {
      String v = value.trim().toLowerCase(Locale.ROOT);
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
      } else if (v.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
      } else if (v.endsWith("h")) {
        return Duration.ofMinutes(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 60));
      } else if (v.endsWith("m")) {
        return Duration.ofSeconds(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 60));
      }
      return Duration.ofMillis(Long.parseLong(v));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(invalid(option, value, "a duration such as 500ms, 30s or 2m").getMessage(), e);
    }
  }

  private static SQLException invalid(DoltSyncOption option, String value, String expected) {
    String shown = option.isSecret() ? "***" : String.valueOf(value);
    return new SQLNonTransientConnectionException(
        "invalid value '" + shown + "' for " + option.key() + ": expected " + expected, "08001");
  }

  private static Map<String, String> doltSyncEntries(Properties properties) {
    if (properties == null) {
      return Map.of();
    }
    return properties.stringPropertyNames().stream()
        .filter(n -> n.regionMatches(true, 0, DoltSyncOption.PREFIX, 0, DoltSyncOption.PREFIX.length()))
        .collect(Collectors.toMap(n -> n, properties::getProperty));
  }

  private static void rejectUnknownKeys(Map<String, String> entries, String source) throws SQLException {
    for (String key : entries.keySet()) {
      if (DoltSyncOption.forKey(key) == null) {
        String known = Arrays.stream(DoltSyncOption.values()).map(DoltSyncOption::key).collect(Collectors.joining(", "));
        throw new SQLNonTransientConnectionException(
            "unknown option " + key + " in " + source + "; known options: " + known, "08001");
      }
    }
  }

  private static void rejectCodeLoadingKeys(Map<String, String> urlParameters) throws SQLException {
    for (String key : urlParameters.keySet()) {
      DoltSyncOption option = DoltSyncOption.forKey(key);
      if (option != null && option.loadsCode()) {
        throw new SQLNonTransientConnectionException(option.key() + " loads code, runs a program or writes elsewhere,"
            + " so it cannot come"
            + " from the JDBC URL; set it as a connection property, a DataSource property, the system property "
            + option.key() + " or the environment variable " + option.environmentVariable(), "08001");
      }
    }
  }

  private static String lookupIgnoringCase(Map<String, String> map, String key) {
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... candidates) {
    for (T candidate : candidates) {
      if (candidate != null) {
        return candidate;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("DoltSyncConfig{");
    values.forEach((option, value) -> sb.append(option.key()).append('=')
        .append(option.isSecret() ? "***" : WrappedUrl.redact(value)).append(", "));
    return sb.append('}').toString();
  }
}
