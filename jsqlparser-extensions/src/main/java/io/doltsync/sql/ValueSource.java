package io.doltsync.sql;

/**
 * Where one value of a write statement comes from: a literal in the text, a JDBC {@code ?} parameter,
 * the column default, or an expression doltsync does not evaluate.
 *
 * @param type           the kind of source
 * @param literal        the literal value for {@link Type#LITERAL}: {@code null} (SQL NULL), a {@link Long},
 *                       a {@link java.math.BigDecimal}, a {@link Double}, a {@link Boolean} or a {@link String}
 * @param parameterIndex the 1-based JDBC parameter index for {@link Type#PARAMETER}, else 0
 * @param delta          for an {@link Type#EXPRESSION} of the form {@code column + operand} or
 *                       {@code column - operand} (an unqualified column, a number literal or {@code ?}): that form;
 *                       else {@code null}
 */
public record ValueSource(Type type, Object literal, int parameterIndex, Delta delta) {

  public ValueSource(Type type, Object literal, int parameterIndex) {
    this(type, literal, parameterIndex, null);
  }

  /**
   * An expression that adds a value to (or subtracts it from) a column: {@code column + operand}.
   *
   * @param column   the column read, unquoted
   * @param subtract {@code column - operand}
   * @param operand  a literal or parameter
   */
  public record Delta(String column, boolean subtract, ValueSource operand) {}

  /** {@code column + operand} (or {@code -}): an expression doltsync does not evaluate, with its form. */
  public static ValueSource delta(String column, boolean subtract, ValueSource operand) {
    return new ValueSource(Type.EXPRESSION, null, 0, new Delta(column, subtract, operand));
  }

  /** The kinds of value source. */
  public enum Type { LITERAL, PARAMETER, DEFAULT, EXPRESSION }

  public static ValueSource literal(Object value) {
    return new ValueSource(Type.LITERAL, value, 0);
  }

  public static ValueSource parameter(int index) {
    return new ValueSource(Type.PARAMETER, null, index);
  }

  public static ValueSource defaultValue() {
    return new ValueSource(Type.DEFAULT, null, 0);
  }

  public static ValueSource expression() {
    return new ValueSource(Type.EXPRESSION, null, 0);
  }

  /** True when the value is known from the text and the bound parameters alone. */
  public boolean isKnown() {
    return type == Type.LITERAL || type == Type.PARAMETER;
  }
}
