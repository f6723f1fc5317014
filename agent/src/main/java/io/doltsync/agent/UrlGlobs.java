package io.doltsync.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A comma-separated list of JDBC URL globs: {@code *} matches any run of characters, {@code ?} one character,
 * everything else itself (case-insensitive); a URL matches when one glob matches it whole.
 */
final class UrlGlobs {

  private final List<Pattern> patterns;

  private UrlGlobs(List<Pattern> patterns) {
    this.patterns = patterns;
  }

  static UrlGlobs parse(String list) {
    List<Pattern> patterns = new ArrayList<>();
    if (list != null) {
      for (String glob : list.split(",")) {
        if (!glob.isBlank()) {
          patterns.add(compile(glob.trim()));
        }
      }
    }
    return new UrlGlobs(List.copyOf(patterns));
  }

  boolean isEmpty() {
    return patterns.isEmpty();
  }

  boolean matches(String url) {
    for (Pattern pattern : patterns) {
      if (pattern.matcher(url).matches()) {
        return true;
      }
    }
    return false;
  }

  private static Pattern compile(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? "(?s).*" : "(?s).");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }
}
