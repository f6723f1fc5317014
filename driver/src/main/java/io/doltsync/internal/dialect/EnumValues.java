package io.doltsync.internal.dialect;

import java.util.ArrayList;
import java.util.List;

/**
 * The Dolt column for a standard-SQL {@code ENUM('a', 'it''s', ...)} (H2's form: quotes doubled, a backslash
 * is an ordinary character). Quotes, commas and any other character are written again as a MySQL literal.
 * Dolt cannot hold two kinds of value in an ENUM (checked against {@code dolt sql-server}): it strips trailing
 * spaces, and a backslash, even escaped, breaks or cuts the value. An enumeration with such a value is
 * mirrored faithfully as a {@code varchar} as long as its longest value, which holds every value as it is.
 */
final class EnumValues {

  private EnumValues() {}

  /** The Dolt type of a column whose primary type is the standard-SQL enumeration {@code typeName}. */
  static DoltColumnType doltType(String typeName) {
    List<String> values = parse(typeName);
    if (values == null) {
      return null;
    }
    int longest = 1;
    boolean varchar = values.isEmpty();
    for (String value : values) {
      longest = Math.max(longest, value.codePointCount(0, value.length()));
      varchar |= value.endsWith(" ") || value.indexOf('\\') >= 0 || DoltValueLimits.unpairedSurrogate(value) >= 0;
    }
    if (varchar) {
      return DoltTypes.varchar(longest, ValueKind.STRING);
    }
    StringBuilder sql = new StringBuilder("enum(");
    for (int i = 0; i < values.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(mysqlLiteral(values.get(i)));
    }
    return new DoltColumnType(sql.append(')').toString(), ValueKind.STRING);
  }

  /** The values of {@code ENUM('a', 'b''c')}, or {@code null} when the text is not such a list. */
  static List<String> parse(String typeName) {
    int open = typeName.indexOf('(');
    if (open < 0 || !typeName.trim().endsWith(")")) {
      return null;
    }
    List<String> values = new ArrayList<>();
    int i = open + 1;
    int end = typeName.lastIndexOf(')');
    while (i < end) {
      char c = typeName.charAt(i);
      if (c == ' ' || c == ',') {
        i++;
        continue;
      }
      if (c != '\'') {
        return null;
      }
      StringBuilder value = new StringBuilder();
      i++;
      while (true) {
        if (i >= end) {
          return null;
        }
        char v = typeName.charAt(i);
        if (v == '\'') {
          if (i + 1 < end && typeName.charAt(i + 1) == '\'') {
            value.append('\'');
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value.append(v);
        i++;
      }
      values.add(value.toString());
    }
    return values;
  }

  /** A MySQL string literal: quotes doubled, backslashes escaped. */
  static String mysqlLiteral(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
