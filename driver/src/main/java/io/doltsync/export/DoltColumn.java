package io.doltsync.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One column of a Dolt table at the exported revision, as {@code information_schema.columns} describes it.
 *
 * @param name       the column name
 * @param columnType the full type, lower case, e.g. {@code varchar(40)}, {@code bigint unsigned}, {@code enum('a','b')}
 * @param nullable   whether the column accepts NULL
 */
record DoltColumn(String name, String columnType, boolean nullable) {

  private static final Pattern ARGUMENTS = Pattern.compile("^([a-z ]+?)\\s*(?:\\((.*)\\))?((?:\\s+unsigned|\\s+zerofill)*)$",
      Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

  DoltColumn {
    columnType = columnType.trim();
  }

  /** The type name without arguments and modifiers: {@code varchar}, {@code bigint}, {@code enum}. */
  String base() {
    Matcher matcher = matcher();
    return (matcher.matches() ? matcher.group(1).trim() : columnType).toLowerCase(Locale.ROOT);
  }

  /** True for {@code ... unsigned}. */
  boolean unsigned() {
    Matcher matcher = matcher();
    return matcher.matches() && matcher.group(3) != null && matcher.group(3).toLowerCase(Locale.ROOT).contains("unsigned");
  }

  /** The numeric arguments, e.g. [10, 2] for {@code decimal(10,2)}; empty when there are none. */
  List<Integer> numbers() {
    Matcher matcher = matcher();
    List<Integer> numbers = new ArrayList<>();
    if (matcher.matches() && matcher.group(2) != null && !base().equals("enum") && !base().equals("set")) {
      for (String part : matcher.group(2).split(",")) {
        numbers.add(Integer.parseInt(part.trim()));
      }
    }
    return numbers;
  }

  /** The first numeric argument, or {@code fallback}. */
  int number(int index, int fallback) {
    List<Integer> numbers = numbers();
    return numbers.size() > index ? numbers.get(index) : fallback;
  }

  /** The text between the parentheses verbatim ({@code 'a','b'} for an enum), or empty. */
  String arguments() {
    Matcher matcher = matcher();
    return matcher.matches() && matcher.group(2) != null ? matcher.group(2) : "";
  }

  /** The values of an {@code enum} or {@code set}, unquoted. */
  List<String> values() {
    String text = arguments();
    List<String> values = new ArrayList<>();
    StringBuilder current = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (current == null) {
        if (c == '\'') {
          current = new StringBuilder();
        }
      } else if (c == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
        current.append('\'');
        i++;
      } else if (c == '\\' && i + 1 < text.length()) {
        current.append(text.charAt(++i));
      } else if (c == '\'') {
        values.add(current.toString());
        current = null;
      } else {
        current.append(c);
      }
    }
    return values;
  }

  private Matcher matcher() {
    return ARGUMENTS.matcher(columnType);
  }
}
