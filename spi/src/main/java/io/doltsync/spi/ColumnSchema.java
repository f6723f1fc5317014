package io.doltsync.spi;

/**
 * One column of a primary table, as read from the primary's metadata.
 *
 * @param name          the column name as the primary stores it
 * @param jdbcType      the {@link java.sql.Types} code the driver reports
 * @param typeName      the primary's own type name, e.g. {@code "varchar"}, {@code "jsonb"}, {@code "NUMBER"}
 * @param size          the column size (length or precision), or {@code null} when not applicable
 * @param scale         the decimal digits, or {@code null} when not applicable
 * @param nullable      whether the column accepts NULL
 * @param autoIncrement whether the primary generates its values (auto-increment, serial, identity)
 * @param defaultValue  the default expression as the primary reports it, {@link #GENERATED} for a generated
 *                      (computed) column, or {@code null}
 * @param onUpdate      the expression the primary stores in the column whenever an UPDATE changes its row without
 *                      assigning it (MySQL/MariaDB's {@code ON UPDATE CURRENT_TIMESTAMP}, H2's {@code ON UPDATE}),
 *                      or {@code null} when it has none or the dialect does not read it
 */
public record ColumnSchema(
    String name,
    int jdbcType,
    String typeName,
    Integer size,
    Integer scale,
    boolean nullable,
    boolean autoIncrement,
    String defaultValue,
    String onUpdate) {

  /** A column without an {@code ON UPDATE} expression (or whose dialect does not read it). */
  public ColumnSchema(String name, int jdbcType, String typeName, Integer size, Integer scale, boolean nullable,
      boolean autoIncrement, String defaultValue) {
    this(name, jdbcType, typeName, size, scale, nullable, autoIncrement, defaultValue, null);
  }

  /** This column with another {@code ON UPDATE} expression ({@code null}: none). */
  public ColumnSchema withOnUpdate(String expression) {
    return new ColumnSchema(name, jdbcType, typeName, size, scale, nullable, autoIncrement, defaultValue, expression);
  }

  /** The {@code defaultValue} of a generated column: the primary computes its value, whatever an INSERT gives. */
  public static final String GENERATED = "(generated)";
}
