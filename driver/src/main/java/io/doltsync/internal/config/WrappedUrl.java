package io.doltsync.internal.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code jdbc:doltsync:<rest>} URL split into the real URL ({@code jdbc:<rest>} without any
 * {@code doltsync.*} parameter) and the doltsync parameters it carried.
 *
 * <p>Both parameter styles are understood: {@code ?a=b&c=d} (MySQL, MariaDB, PostgreSQL, Oracle) with
 * URL-encoded values, and {@code ;a=b} (H2) with raw values.
 */
public final class WrappedUrl {

  /** The prefix of every URL this driver accepts. */
  public static final String PREFIX = "jdbc:doltsync:";

  private final String realUrl;
  private final Map<String, String> parameters;

  private WrappedUrl(String realUrl, Map<String, String> parameters) {
    this.realUrl = realUrl;
    this.parameters = Collections.unmodifiableMap(parameters);
  }

  /** True when the URL starts with {@code jdbc:doltsync:} and names something after it. */
  public static boolean accepts(String url) {
    return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) && url.length() > PREFIX.length();
  }

  /** Splits a {@code jdbc:doltsync:} URL. */
  public static WrappedUrl parse(String url) throws SQLException {
    if (!accepts(url)) {
      throw new SQLNonTransientConnectionException(
          "not a doltsync URL (expected jdbc:doltsync:<real JDBC URL without its jdbc: prefix>): " + redact(url), "08001");
    }
    String rest = "jdbc:" + url.substring(PREFIX.length());
    if (rest.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      throw new SQLNonTransientConnectionException("a doltsync URL cannot wrap another doltsync URL: " + redact(url), "08001");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    String real = usesSemicolonParameters(rest)
        ? extractSemicolonParameters(rest, parameters)
        : extractQueryParameters(rest, parameters);
    return new WrappedUrl(real, parameters);
  }

  /**
   * True for URLs in H2's style, whose parameters are {@code ;key=value} segments: the first {@code ;} comes
   * before any {@code ?}. A {@code ?} after it belongs to a segment's value (say a Dolt target URL with a
   * query string of its own), not to a query of the real URL.
   */
  private static boolean usesSemicolonParameters(String url) {
    int semicolon = url.indexOf(';');
    int query = url.indexOf('?');
    return semicolon >= 0 && (query < 0 || semicolon < query);
  }

  /** The real JDBC URL, {@code jdbc:<rest>} with the doltsync parameters removed. */
  public String realUrl() {
    return realUrl;
  }

  /** The {@code doltsync.*} parameters found in the URL, keyed as written. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** Removes {@code ;doltsync.x=y} segments (H2 style); values are taken as written. */
  private static String extractSemicolonParameters(String url, Map<String, String> into) throws SQLException {
    String[] segments = url.split(";", -1);
    StringBuilder kept = new StringBuilder(segments[0]);
    for (int i = 1; i < segments.length; i++) {
      String segment = segments[i];
      if (isDoltSyncKey(segment)) {
        put(segment, into, false);
      } else {
        kept.append(';').append(segment);
      }
    }
    return kept.toString();
  }

  /** Removes {@code doltsync.x=y} pairs from a {@code ?a=b&c=d} query. */
  private static String extractQueryParameters(String url, Map<String, String> into) throws SQLException {
    int query = url.indexOf('?');
    if (query < 0) {
      return url;
    }
    StringBuilder kept = new StringBuilder();
    for (String pair : url.substring(query + 1).split("&", -1)) {
      if (isDoltSyncKey(pair)) {
        put(pair, into, true);
      } else if (!pair.isEmpty()) {
        kept.append(kept.length() == 0 ? "" : "&").append(pair);
      }
    }
    return kept.length() == 0 ? url.substring(0, query) : url.substring(0, query + 1) + kept;
  }

  private static boolean isDoltSyncKey(String pair) {
    return pair.regionMatches(true, 0, DoltSyncOption.PREFIX, 0, DoltSyncOption.PREFIX.length());
  }

  private static void put(String pair, Map<String, String> into, boolean urlEncoded) throws SQLException {
    int eq = pair.indexOf('=');
    String key = eq < 0 ? pair : pair.substring(0, eq);
    String value = eq < 0 ? "" : pair.substring(eq + 1);
    if (urlEncoded) {
      try {
        value = URLDecoder.decode(value, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        // the value may be a password: name the parameter, never print the value
        throw new SQLNonTransientConnectionException("the value of " + key.trim()
            + " in the JDBC URL is not valid URL encoding (write % as %25): " + e.getMessage(), "08001", e);
      }
    }
    into.put(key.trim(), value);
  }

  /**
   * The URL with every password-like parameter value, the password of {@code //user:password@host} and of
   * Oracle's {@code oracle:thin:user/password@host} replaced by {@code ***}, safe to print.
   */
  public static String redact(String url) {
    return UrlSecrets.redact(url);
  }

  @Override
  public String toString() {
    return redact(realUrl) + " " + redactedParameters();
  }

  private Map<String, String> redactedParameters() {
    Map<String, String> safe = new LinkedHashMap<>();
    parameters.forEach((k, v) -> safe.put(k, UrlSecrets.isSecretKey(k) || isSecretOption(k) ? "***" : redact(v)));
    return safe;
  }

  private static boolean isSecretOption(String key) {
    DoltSyncOption option = DoltSyncOption.forKey(key);
    return option != null && option.isSecret();
  }
}
