package io.doltsync.internal.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the secrets a JDBC URL carries and hides them in text meant to be printed: the values of
 * password-like parameters ({@code password=}, {@code pwd=}, {@code sslpassword=}, {@code doltsync.journalSecret=},
 * {@code ...Token=}), also URL-encoded inside another parameter (a {@code doltsync.target} with a query of its
 * own), the password of {@code //user:password@host} (which may itself hold {@code /}, {@code :} or {@code @}),
 * and Oracle's {@code user/password@host} (quoted or not).
 */
public final class UrlSecrets {

  /** Shorter secrets are hidden in URLs but not searched for in free text, where they would match by chance. */
  private static final int SHORTEST_SCRUBBED = 4;

  /** A parameter name whose value is a secret: it ends in one of these words. */
  private static final String SECRET_KEY = "[A-Za-z0-9_.\\-]*?(?:password|passwd|pwd|secret|token|passphrase)";

  /** {@code key=value} in a query: the value ends at {@code &}, {@code ;} or white space. */
  private static final Pattern PARAMETER = Pattern.compile("(?i)(" + SECRET_KEY + "\\s*=)([^&;\\s]*)");

  /** The same URL-encoded once, inside another parameter's value: it ends at an encoded separator too. */
  private static final Pattern ENCODED_PARAMETER = Pattern.compile(
      "(?i)(" + SECRET_KEY + "%3D)((?:(?!%26|%3B)[^&;\\s])*)");

  /** The same URL-encoded twice. */
  private static final Pattern TWICE_ENCODED_PARAMETER = Pattern.compile(
      "(?i)(" + SECRET_KEY + "%253D)((?:(?!%2526|%253B|%26|%3B)[^&;\\s])*)");

  /** The same in H2's {@code ;key=value} style, where only {@code ;} ends a value. */
  private static final Pattern SEMICOLON_PARAMETER = Pattern.compile("(?i)(" + SECRET_KEY + "\\s*=)([^;]*)");

  /** A URL in H2's style, whose parameter values may hold {@code &} and {@code ?}. */
  private static final Pattern H2_URL = Pattern.compile("(?i)jdbc:(?:doltsync:)?h2:");

  /** {@code //user:password@host}: the password runs to the last {@code @} that a host name follows. */
  private static final Pattern USER_INFO = Pattern.compile(
      "(//[^/:@?;&\\s]+:)(\\S*)@(?=[A-Za-z0-9.\\-\\[\\]_]+(?::\\d+)?(?:[/?;,&]|$|\\s))");

  /** The same, URL-encoded inside another parameter's value. */
  private static final Pattern ENCODED_USER_INFO = Pattern.compile(
      "(?i)(%2F%2F[^/:@?;&%\\s]+%3A)(\\S*?)%40(?=[A-Za-z0-9.\\-_]+(?:%3A\\d+)?(?:%2F|%3F|%3B|&|$|\\s))");

  /** Oracle's {@code oracle:thin:user/password@...}, user and password each possibly in double quotes. */
  private static final Pattern ORACLE = Pattern.compile(
      "(?i)(oracle:[a-z0-9]+:@?(?:\"[^\"]*\"|[^/@:;?\\s\"]*)/)(\"[^\"]*\"|\\S*)@(?=//|\\(|[A-Za-z0-9\\[])");

  private UrlSecrets() {}

  /** True for a parameter name whose value is a secret ({@code password}, {@code sslpassword}, {@code doltsync.journalSecret}). */
  public static boolean isSecretKey(String key) {
    return key != null && key.trim().matches("(?i)" + SECRET_KEY);
  }

  /** The text with every secret of the kinds above replaced by {@code ***}. */
  public static String redact(String text) {
    if (text == null) {
      return "null";
    }
    String safe = H2_URL.matcher(text).find() ? replaceGroup(SEMICOLON_PARAMETER, text) : text;
    safe = replaceGroup(PARAMETER, safe);
    safe = replaceGroup(ENCODED_PARAMETER, safe);
    safe = replaceGroup(TWICE_ENCODED_PARAMETER, safe);
    safe = replaceGroup(ORACLE, safe);
    safe = replaceGroup(ENCODED_USER_INFO, safe);
    return replaceGroup(USER_INFO, safe);
  }

  /** The secrets the URL holds, as written and decoded, to be searched for in text the URL's driver produced. */
  public static Set<String> secretsIn(String url) {
    Set<String> secrets = new LinkedHashSet<>();
    if (url == null) {
      return secrets;
    }
    for (Pattern pattern : new Pattern[] {SEMICOLON_PARAMETER, PARAMETER, ENCODED_PARAMETER,
        TWICE_ENCODED_PARAMETER, ORACLE, ENCODED_USER_INFO, USER_INFO}) {
      Matcher matcher = pattern.matcher(url);
      while (matcher.find()) {
        String secret = matcher.group(2);
        addWithDecodings(secrets, secret);
        if (secret.length() > 1 && secret.startsWith("\"") && secret.endsWith("\"")) {
          addWithDecodings(secrets, secret.substring(1, secret.length() - 1));
        }
      }
    }
    return secrets;
  }

  /** The text with each of the given secrets (those long enough to search for) replaced by {@code ***}. */
  public static String scrub(String text, Collection<String> secrets) {
    if (text == null) {
      return null;
    }
    String safe = text;
    for (String secret : secrets) {
      if (secret != null && secret.length() >= SHORTEST_SCRUBBED) {
        safe = safe.replace(secret, "***");
      }
    }
    return redact(safe);
  }

  /** True when the text shows one of the secrets. */
  public static boolean shows(String text, Collection<String> secrets) {
    if (text == null) {
      return false;
    }
    for (String secret : secrets) {
      if (secret != null && secret.length() >= SHORTEST_SCRUBBED && text.contains(secret)) {
        return true;
      }
    }
    return !redact(text).equals(text);
  }

  private static void addWithDecodings(Set<String> secrets, String secret) {
    String current = secret;
    for (int i = 0; i < 3 && !current.isEmpty(); i++) {
      secrets.add(current);
      // a driver that cannot parse a URL may print only the part of it after a separator
      for (String fragment : current.split("[:@/?;&=]")) {
        if (fragment.length() >= SHORTEST_SCRUBBED) {
          secrets.add(fragment);
        }
      }
      try {
        String decoded = URLDecoder.decode(current, StandardCharsets.UTF_8);
        if (decoded.equals(current)) {
          return;
        }
        current = decoded;
      } catch (IllegalArgumentException e) {
        return;
      }
    }
  }

  private static String replaceGroup(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement = matcher.group(1) + "***" + text.substring(matcher.end(2), matcher.end());
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
