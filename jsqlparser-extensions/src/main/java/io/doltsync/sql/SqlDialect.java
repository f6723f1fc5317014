package io.doltsync.sql;

import io.doltsync.spi.LexicalRules;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The SQL a primary database speaks, as the classifier and the write analyzer read it: its lexical rules
 * (quotes, escapes, comments) and, for the databases doltsync ships dialects for, the grammar quirks the
 * classifier knows by name (PostgreSQL's {@code END}, Oracle's blocks, H2's {@code MERGE}, MariaDB's
 * {@code SYSTEM_TIME}). The built-in dialects are the constants; any other database is a
 * {@linkplain #custom custom} dialect: its own lexical rules on ISO SQL's grammar (JSqlParser's ANSI
 * dialect, or its SQL Server dialect when the rules read {@code [..]} identifiers).
 */
public final class SqlDialect {

  public static final SqlDialect MYSQL = new SqlDialect("MYSQL", LexicalRules.mysql());
  public static final SqlDialect MARIADB = new SqlDialect("MARIADB", LexicalRules.mysql());
  public static final SqlDialect POSTGRESQL = new SqlDialect("POSTGRESQL", LexicalRules.postgresql());
  public static final SqlDialect H2 = new SqlDialect("H2", LexicalRules.h2());
  public static final SqlDialect ORACLE = new SqlDialect("ORACLE", LexicalRules.oracle());

  private static final List<SqlDialect> BUILT_IN = List.of(MYSQL, MARIADB, POSTGRESQL, H2, ORACLE);

  private final String name;
  private final LexicalRules rules;
  /** The built-in dialect whose grammar this one speaks (itself for the constants), or null for a custom one. */
  private final SqlDialect grammar;

  private SqlDialect(String name, LexicalRules rules) {
    this.name = name;
    this.rules = Objects.requireNonNull(rules, "rules");
    this.grammar = this;
  }

  private SqlDialect(SqlDialect grammar, LexicalRules rules) {
    this.name = grammar.name;
    this.rules = Objects.requireNonNull(rules, "rules");
    this.grammar = grammar.grammar;
  }

  /** A dialect doltsync has no grammar knowledge of, read by {@code rules}. */
  public static SqlDialect custom(String name, LexicalRules rules) {
    return new SqlDialect(name.toUpperCase(Locale.ROOT), rules);
  }

  /**
   * This dialect's grammar read by other lexical rules: a session's {@code sql_mode} ({@code NO_BACKSLASH_ESCAPES},
   * {@code ANSI_QUOTES}), PostgreSQL's {@code standard_conforming_strings}, the server version that decides
   * which executable comments run. The result is this dialect for its own rules.
   */
  public SqlDialect withRules(LexicalRules other) {
    return rules.equals(other) ? this : new SqlDialect(this, other);
  }

  /**
   * The dialect whose grammar quirks this one has: the built-in constant it was derived from by
   * {@link #withRules}, itself for a constant or a custom dialect.
   */
  public SqlDialect grammar() {
    return grammar;
  }

  /** The built-in dialects, in declaration order. */
  public static SqlDialect[] values() {
    return BUILT_IN.toArray(SqlDialect[]::new);
  }

  /** The built-in dialect of that name ({@code mysql}, {@code mariadb}, {@code postgresql}, {@code h2}, {@code oracle}). */
  public static SqlDialect forName(String name) {
    String wanted = name.trim().toUpperCase(Locale.ROOT);
    for (SqlDialect dialect : BUILT_IN) {
      if (dialect.name.equals(wanted)) {
        return dialect;
      }
    }
    throw new IllegalArgumentException("no built-in SQL dialect " + name);
  }

  /** The dialect's name in upper case. */
  public String name() {
    return name;
  }

  /** How the dialect's text is tokenised. */
  public LexicalRules rules() {
    return rules;
  }

  /** True for one of the constants, whose grammar quirks the classifier knows. */
  public boolean isBuiltIn() {
    return BUILT_IN.contains(grammar);
  }

  /** True for MySQL and MariaDB, whose grammars share multi-table DELETE and UPDATE forms. */
  public boolean isMySqlFamily() {
    return grammar == MYSQL || grammar == MARIADB;
  }

  @Override
  public String toString() {
    return name;
  }
}
