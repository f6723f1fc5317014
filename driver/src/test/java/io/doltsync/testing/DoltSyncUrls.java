package io.doltsync.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@code jdbc:doltsync:} URLs from raw JDBC URLs, in the parameter style the wrapped URL uses. */
public final class DoltSyncUrls {

  private DoltSyncUrls() {}

  /** {@code jdbc:<rest>} becomes {@code jdbc:doltsync:<rest>}. */
  public static String wrap(String rawUrl) {
    if (!rawUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("not a JDBC URL: " + rawUrl);
    }
    return "jdbc:doltsync:" + rawUrl.substring("jdbc:".length());
  }

  /** {@link #wrap} plus the given parameters, in insertion order. */
  public static String wrap(String rawUrl, Map<String, String> parameters) {
    String url = wrap(rawUrl);
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      url = withParameter(url, parameter.getKey(), parameter.getValue());
    }
    return url;
  }

  /** {@link #wrap} plus one parameter. */
  public static String wrap(String rawUrl, String key, String value) {
    return withParameter(wrap(rawUrl), key, value);
  }

  /** A doltsync URL that passes everything through ({@code doltsync.enabled=false}). */
  public static String passThrough(String rawUrl) {
    return wrap(rawUrl, "doltsync.enabled", "false");
  }

  /** A doltsync URL that mirrors into the given database of the Dolt test server. */
  public static String mirroring(String rawUrl, String doltDatabase) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("doltsync.target", TestServers.doltUrl(doltDatabase));
    return wrap(rawUrl, parameters);
  }

  /**
   * Appends a parameter: {@code ;key=value} for URLs in H2's style, else {@code ?key=value} or
   * {@code &key=value} with the value URL-encoded.
   */
  public static String withParameter(String url, String key, String value) {
    if (url.contains(":h2:")) {
      return url + ";" + key + "=" + value;
    }
    return url + (url.indexOf('?') < 0 ? "?" : "&") + key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
