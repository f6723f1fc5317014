package io.doltsync.sql;

/**
 * A table a statement names in a table position, as the classifier found it among the tokens.
 *
 * @param schema  the qualifier (schema or database) as written without quotes, or {@code null}
 * @param name    the table name as written without quotes
 * @param end     the offset in the SQL text just after the (qualified) name, where an {@code AS OF} clause
 *                would go
 * @param read    true when the statement reads the table's rows (a FROM or JOIN item), false when it only
 *                writes it or names it (INSERT INTO, UPDATE, DELETE's own table, DESCRIBE)
 * @param asOf    the text of the single token after the reference's {@code AS OF} (a string literal, a
 *                parameter marker, a variable), or {@code null} when it has none or a longer expression
 * @param hasAsOf true when the reference has an {@code AS OF} clause (whatever its expression)
 */
public record TableReference(String schema, String name, int end, boolean read, String asOf, boolean hasAsOf) {

  /** The unqualified name in lower case, the form doltsync uses as a table key. */
  public String key() {
    return name.toLowerCase(java.util.Locale.ROOT);
  }

  TableReference withAsOf(String expression) {
    return new TableReference(schema, name, end, read, expression, true);
  }
}
