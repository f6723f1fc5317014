package io.doltsync.internal.versioning;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dolt's command-line style procedure arguments, e.g. {@code '-Am', 'msg', '--author', 'Ann <a@x.org>'}:
 * flags, options with values, positional arguments. Short flags combine ({@code -Am}); an option taking a
 * value takes the rest of its cluster or the next argument; {@code --name=value} works; everything after
 * {@code --} is positional.
 *
 * @param flags        the options given without a value, by name without dashes ({@code A}, {@code allow-empty})
 * @param values       the options given with a value, by name without dashes
 * @param positional   the other arguments, in order
 * @param hasSeparator whether {@code --} was given
 */
record CliArguments(Set<String> flags, Map<String, String> values, List<String> positional, boolean hasSeparator) {

  /**
   * Splits arguments.
   *
   * @param valueOptions the options that take a value, by name without dashes ({@code m}, {@code message})
   */
  static CliArguments parse(List<String> arguments, Set<String> valueOptions) throws SQLException {
    Set<String> flags = new LinkedHashSet<>();
    Map<String, String> values = new LinkedHashMap<>();
    List<String> positional = new ArrayList<>();
    boolean separator = false;
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (argument == null) {
        throw new SQLException("argument " + (i + 1) + " is NULL", "22004");
      } else if (separator || !argument.startsWith("-") || argument.length() == 1) {
        positional.add(argument);
      } else if (argument.equals("--")) {
        separator = true;
      } else if (argument.startsWith("--")) {
        int equals = argument.indexOf('=');
        String name = argument.substring(2, equals < 0 ? argument.length() : equals);
        if (equals >= 0) {
          values.put(name, argument.substring(equals + 1));
        } else if (valueOptions.contains(name)) {
          values.put(name, next(arguments, ++i, name));
        } else {
          flags.add(name);
        }
      } else {
        for (int c = 1; c < argument.length(); c++) {
          String name = String.valueOf(argument.charAt(c));
          if (valueOptions.contains(name)) {
            values.put(name, c + 1 < argument.length() ? argument.substring(c + 1) : next(arguments, ++i, name));
            break;
          }
          flags.add(name);
        }
      }
    }
    return new CliArguments(flags, values, positional, separator);
  }

  /** True when any of the options was given, with or without a value. */
  boolean has(String... names) {
    for (String name : names) {
      if (flags.contains(name) || values.containsKey(name)) {
        return true;
      }
    }
    return false;
  }

  /** The value of the first of the options that was given one, or null. */
  String value(String... names) {
    for (String name : names) {
      if (values.containsKey(name)) {
        return values.get(name);
      }
    }
    return null;
  }

  /** Every option given, by name. */
  Set<String> options() {
    Set<String> options = new LinkedHashSet<>(flags);
    options.addAll(values.keySet());
    return options;
  }

  private static String next(List<String> arguments, int index, String option) throws SQLException {
    if (index >= arguments.size() || arguments.get(index) == null) {
      throw new SQLException("error: no value for option `" + option + "'", "42000");
    }
    return arguments.get(index);
  }
}
