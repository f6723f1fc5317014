package io.doltsync.agent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The agent's argument ({@code -javaagent:doltsync-agent.jar=<arguments>}, or the argument of a runtime attach):
 * a query string of URL-encoded {@code key=value} pairs joined by {@code &}. Each pair sets a system property
 * unless the JVM already has one of that name (the command line wins).
 */
final class AgentArguments {

  private AgentArguments() {}

  static void apply(String arguments, Properties target) {
    if (arguments == null || arguments.isBlank()) {
      return;
    }
    for (String pair : arguments.split("&")) {
      if (pair.isBlank()) {
        continue;
      }
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("doltsync agent: expected key=value, got '" + pair + "'");
      }
      String key = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).trim();
      String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      if (target.getProperty(key) == null) {
        target.setProperty(key, value);
      }
    }
  }
}
