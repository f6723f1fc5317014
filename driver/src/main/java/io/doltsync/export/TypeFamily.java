package io.doltsync.export;

import java.util.Locale;

/**
 * The broad kind of a column's values, to tell whether an existing target column can take a Dolt column's values:
 * the target column, mapped to Dolt by its database's source dialect, must be of the same family (or a text column,
 * which holds JSON and times as text; or a number column, which holds booleans as 0 and 1; or a date-time, which
 * holds dates). Lengths and precisions are left to the target, which refuses a value that does not fit.
 */
enum TypeFamily {
  NUMBER, FLOAT, BOOLEAN, TEXT, JSON, TIME, BINARY, DATE, DATETIME, OTHER;

  /** The family of a Dolt column type such as {@code varchar(10)} or {@code tinyint(1)}. */
  static TypeFamily of(String doltColumnType) {
    String type = doltColumnType.toLowerCase(Locale.ROOT).trim();
    if (type.startsWith("tinyint(1)") && !type.contains("unsigned") || type.equals("bit(1)") || type.equals("bit")) {
      return BOOLEAN;
    }
    String base = new DoltColumn("c", type, true).base();
    return switch (base) {
      case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric", "year", "bit" -> NUMBER;
      case "float", "double", "real" -> FLOAT;
      case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set" -> TEXT;
      case "json" -> JSON;
      case "time" -> TIME;
      case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> BINARY;
      case "date" -> DATE;
      case "datetime", "timestamp" -> DATETIME;
      default -> OTHER;
    };
  }

  /** True when a target column of family {@code target} takes this family's values. */
  boolean fitsInto(TypeFamily target) {
    if (this == OTHER || target == OTHER) {
      return false;
    }
    return this == target
        || target == TEXT && (this == JSON || this == TIME)
        || this == BOOLEAN && target == NUMBER
        || this == DATE && target == DATETIME;
  }
}
