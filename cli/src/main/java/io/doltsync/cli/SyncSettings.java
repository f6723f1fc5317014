package io.doltsync.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where {@code sync} and {@code push} settings not given as flags come from: the environment
 * ({@code DOLTSYNC_<OPTION>}, e.g. {@code DOLTSYNC_SOURCE} for {@code --source}), then a config file of
 * {@code option=value} lines ({@code --config}, or {@code DOLTSYNC_CONFIG}; keys are the long option names without
 * dashes, e.g. {@code table-map=orders=shop_orders}). Secrets ({@code source-password}, {@code target-password})
 * come from flags or the environment only: a config file that names one is refused.
 */
final class SyncSettings {

  private static final java.util.Set<String> SECRETS = java.util.Set.of("source-password", "target-password");

  private final Map<String, String> environment;
  private final Properties file;

  private SyncSettings(Map<String, String> environment, Properties file) {
    this.environment = environment;
    this.file = file;
  }

  static SyncSettings load(String configPath, Map<String, String> environment) throws IOException {
    String path = configPath != null ? configPath : environment.get("DOLTSYNC_CONFIG");
    Properties file = new Properties();
    if (path != null && !path.isBlank()) {
      try (Reader reader = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
        file.load(reader);
      }
      for (String key : file.stringPropertyNames()) {
        if (SECRETS.contains(key.toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException("the config file " + path + " sets " + key
              + ": secrets are taken from the environment only (DOLTSYNC_" + envName(key) + ")");
        }
      }
    }
    return new SyncSettings(environment, file);
  }

  /** The flag's value, else the environment's, else the file's, else {@code fallback}. */
  String get(String flagValue, String option, String fallback) {
    if (flagValue != null) {
      return flagValue;
    }
    String fromEnvironment = environment.get("DOLTSYNC_" + envName(option));
    if (fromEnvironment != null) {
      return fromEnvironment;
    }
    if (!SECRETS.contains(option)) {
      String fromFile = file.getProperty(option);
      if (fromFile != null) {
        return fromFile.trim();
      }
    }
    return fallback;
  }

  static String envName(String option) {
    return option.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
