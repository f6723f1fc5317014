package io.doltsync.sql;

import java.util.Locale;

/** The lexical rules of a primary database: quotes, escapes and comments. */
public enum SqlDialect {
  MYSQL, MARIADB, POSTGRESQL, H2, ORACLE;

  /** The dialect of that name ({@code mysql}, {@code mariadb}, {@code postgresql}, {@code h2}, {@code oracle}). */
  public static SqlDialect forName(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT));
  }

  /** True for MySQL and MariaDB, whose lexers share backslash escapes, backticks and {@code #} comments. */
  public boolean isMySqlFamily() {
    return this == MYSQL || this == MARIADB;
  }
}
