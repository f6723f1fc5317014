package io.doltsync.agent;

import io.doltsync.internal.dialect.SourceDialects;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Function;

/**
 * Which JDBC URLs the agent mirrors: those doltsync has a source dialect for that match
 * {@code doltsync.agent.include} (default: all) and not {@code doltsync.agent.exclude}; never doltsync's own URLs
 * nor the Dolt target's. Read from system properties, then environment variables ({@code DOLTSYNC_AGENT_INCLUDE}, ...).
 */
final class AgentSettings {

  static final String INCLUDE = "doltsync.agent.include";
  static final String EXCLUDE = "doltsync.agent.exclude";
  static final String TARGET = "doltsync.target";

  private final UrlGlobs include;
  private final UrlGlobs exclude;
  private final String target;

  AgentSettings(String include, String exclude, String target) {
    this.include = UrlGlobs.parse(include);
    this.exclude = UrlGlobs.parse(exclude);
    this.target = target == null || target.isBlank() || target.startsWith("embedded:") ? null : target.trim();
  }

  static AgentSettings fromSystem() {
    return from(System::getProperty, System::getenv);
  }

  static AgentSettings from(Function<String, String> properties, Function<String, String> environment) {
    return new AgentSettings(lookup(INCLUDE, properties, environment), lookup(EXCLUDE, properties, environment),
        lookup(TARGET, properties, environment));
  }

  private static String lookup(String key, Function<String, String> properties, Function<String, String> environment) {
    String value = properties.apply(key);
    return value != null ? value : environment.apply(key.toUpperCase(Locale.ROOT).replace('.', '_'));
  }

  /** True when connections of this JDBC URL are to be mirrored. */
  boolean selects(String url) {
    if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5) || url.regionMatches(true, 0, "jdbc:doltsync:", 0, 14)) {
      return false;
    }
    if (target != null && (url.startsWith(target) || target.startsWith(url))) {
      return false;
    }
    if (exclude.matches(url)) {
      return false;
    }
    if (!include.isEmpty() && !include.matches(url)) {
      return false;
    }
    try {
      SourceDialects.forUrl(url);
      return true;
    } catch (SQLException noDialect) {
      return false;
    }
  }
}
