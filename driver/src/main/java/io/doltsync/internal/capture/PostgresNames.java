package io.doltsync.internal.capture;

import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL keeps the first {@value #MAX_BYTES} bytes of a longer identifier (NAMEDATALEN - 1), cut on a
 * character boundary, and only notices it: the name it stores for a name as written.
 */
final class PostgresNames {

  /** The longest identifier PostgreSQL stores, in bytes (UTF-8 databases). */
  static final int MAX_BYTES = 63;

  private PostgresNames() {}

  /** The name PostgreSQL stores for {@code name}. */
  static String truncate(String name) {
    if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
      return name;
    }
    int bytes = 0;
    int end = 0;
    while (end < name.length()) {
      int codePoint = name.codePointAt(end);
      int length = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + length > MAX_BYTES) {
        break;
      }
      bytes += length;
      end += Character.charCount(codePoint);
    }
    return name.substring(0, end);
  }
}
