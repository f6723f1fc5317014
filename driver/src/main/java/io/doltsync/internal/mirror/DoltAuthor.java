package io.doltsync.internal.mirror;

/**
 * The {@code --author} argument of a Dolt commit, as close to the application's name and email as Dolt
 * allows. Dolt reads {@code Name <email>} with the pattern {@code ([^)]+) <([^)]+)}: a name or email may not
 * hold a closing parenthesis, everything up to the last {@code " <"} is the name, every {@code >} of the email
 * is dropped, an empty email is refused, and the name is trimmed. So, checked against {@code dolt sql-server}
 * by {@code CommitAuthorTest}:
 * <ul>
 *   <li>the name keeps every character (quotes, angle brackets, non-ASCII, line breaks, any length) except
 *       that parentheses become square brackets ({@code John Smith (Admin)} is stored as
 *       {@code John Smith [Admin]}) and leading and trailing white space is dropped; a blank name becomes
 *       {@code doltsync};</li>
 *   <li>the email loses its angle brackets and surrounding white space, and its parentheses become square
 *       brackets; one left empty becomes {@code doltsync@localhost}.</li>
 * </ul>
 */
final class DoltAuthor {

  static final String DEFAULT_NAME = "doltsync";
  static final String DEFAULT_EMAIL = "doltsync@localhost";

  private DoltAuthor() {}

  /** The name as Dolt will store it. */
  static String name(String name) {
    String stored = name == null ? "" : trim(brackets(name));
    return stored.isEmpty() ? DEFAULT_NAME : stored;
  }

  /** The email as Dolt will store it. */
  static String email(String email) {
    String stored = email == null ? "" : trim(brackets(email).replace("<", "").replace(">", ""));
    return stored.isEmpty() ? DEFAULT_EMAIL : stored;
  }

  /** The {@code --author} argument. */
  static String argument(String name, String email) {
    return name(name) + " <" + email(email) + ">";
  }

  /** Trims white space as Go's {@code strings.TrimSpace} (what Dolt runs) does. */
  static String trim(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isGoSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isGoSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isGoSpace(char c) {
    return Character.isSpaceChar(c) || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == 0x85;
  }

  private static String brackets(String text) {
    return text.replace('(', '[').replace(')', ']');
  }
}
