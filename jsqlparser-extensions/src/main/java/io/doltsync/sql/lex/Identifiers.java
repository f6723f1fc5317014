package io.doltsync.sql.lex;

import java.util.ArrayList;
import java.util.List;

/** Identifier spelling helpers. */
public final class Identifiers {

  private Identifiers() {
  }

  /**
   * The name inside {@code "..."}, {@code `...`} or {@code [...]} with doubled closing quotes collapsed; any other
   * text unchanged.
   */
  public static String unquote(String name) {
    int length = name.length();
    if (length < 2) {
      return name;
    }
    char first = name.charAt(0);
    char last = name.charAt(length - 1);
    String body = name.substring(1, length - 1);
    if ((first == '"' || first == '`') && last == first) {
      String quote = String.valueOf(first);
      return body.replace(quote + quote, quote);
    }
    return first == '[' && last == ']' ? body.replace("]]", "]") : name;
  }

  /** The dot-separated parts of a qualified name such as {@code `s`.`t`}, each as written; dots inside quotes do not split. */
  public static List<String> parts(String qualifiedName) {
    List<String> parts = new ArrayList<>();
    char quote = 0;
    int partStart = 0;
    for (int i = 0; i < qualifiedName.length(); i++) {
      char c = qualifiedName.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '`') {
        quote = c;
      } else if (c == '[') {
        quote = ']';
      } else if (c == '.') {
        parts.add(qualifiedName.substring(partStart, i));
        partStart = i + 1;
      }
    }
    parts.add(qualifiedName.substring(partStart));
    return parts;
  }
}
