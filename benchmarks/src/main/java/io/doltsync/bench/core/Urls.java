package io.doltsync.bench.core;

/** Small edits of JDBC URLs: the doltsync and p6spy forms, parameters, the database part. */
public final class Urls {

  private Urls() {}

  /** {@code jdbc:doltsync:<rest>} for {@code jdbc:<rest>}. */
  public static String doltsync(String jdbcUrl) {
    return "jdbc:doltsync:" + rest(jdbcUrl);
  }

  /** {@code jdbc:p6spy:<rest>} for {@code jdbc:<rest>}. */
  public static String p6spy(String jdbcUrl) {
    return "jdbc:p6spy:" + rest(jdbcUrl);
  }

  /** Appends a parameter in the URL's own style: {@code ;k=v} for H2, else {@code ?k=v} or {@code &k=v}. */
  public static String withParameter(String url, String key, String value) {
    if (url.startsWith("jdbc:h2:")) {
      return url + ";" + key + "=" + value;
    }
    return url + (url.indexOf('?') < 0 ? "?" : "&") + key + "=" + value;
  }

  /** Replaces (or adds) the database path of a {@code scheme://host:port/database?query} URL. */
  public static String withDatabase(String url, String database) {
    int authority = url.indexOf("//");
    int query = url.indexOf('?');
    String head = query < 0 ? url : url.substring(0, query);
    String tail = query < 0 ? "" : url.substring(query);
    int slash = head.indexOf('/', authority + 2);
    String server = slash < 0 ? head : head.substring(0, slash);
    return server + "/" + database + tail;
  }

  /** The database path of a {@code scheme://host:port/database?query} URL, or an empty string. */
  public static String database(String url) {
    int authority = url.indexOf("//");
    int query = url.indexOf('?');
    String head = query < 0 ? url : url.substring(0, query);
    int slash = head.indexOf('/', authority + 2);
    return slash < 0 ? "" : head.substring(slash + 1);
  }

  private static String rest(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("not a JDBC URL: " + jdbcUrl);
    }
    return jdbcUrl.substring("jdbc:".length());
  }
}
