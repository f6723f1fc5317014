package io.doltsync.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.schema.Column;

/**
 * Turns the value expressions of one parsed statement into {@link ValueSource}s: literals (exact numbers
 * as Long or BigDecimal, approximate ones as Double), {@code ?} with its text-wide index, DEFAULT, or an
 * expression doltsync does not evaluate.
 */
final class ValueSources {

  private final ParserStrings strings;
  private final int parametersBefore;

  /**
   * @param strings          how the statement's string literals were spelled for the parser
   * @param parametersBefore the number of {@code ?} in the text before the statement, as JSqlParser counts
   *                         from 1 within each statement
   */
  ValueSources(ParserStrings strings, int parametersBefore) {
    this.strings = strings;
    this.parametersBefore = parametersBefore;
  }

  ValueSource of(Expression expression) {
    if (expression instanceof JdbcParameter parameter) {
      return parameter.isUseFixedIndex() || parameter.getIndex() == null
          ? ValueSource.expression()
          : ValueSource.parameter(parametersBefore + parameter.getIndex());
    }
    if (expression instanceof NullValue) {
      return ValueSource.literal(null);
    }
    if (expression instanceof Column column && column.getTable() == null
        && "DEFAULT".equalsIgnoreCase(column.getColumnName())) {
      return ValueSource.defaultValue();
    }
    if (expression instanceof StringValue string && isCharacterString(string)) {
      return ValueSource.literal(strings.decode(string.getValue()));
    }
    if (expression instanceof DateTimeLiteralExpression literal
        && literal.getType() == DateTimeLiteralExpression.DateTime.DATE) {
      java.time.LocalDate date = isoDate(literal.getValue());
      return date == null ? ValueSource.expression() : ValueSource.literal(date);
    }
    if (expression instanceof BooleanValue bool) {
      return ValueSource.literal(bool.getValue());
    }
    if (expression instanceof SignedExpression signed && isNumber(signed.getExpression())) {
      return ValueSource.literal(number(signed.getExpression(), signed.getSign() == '-'));
    }
    if (expression instanceof Addition || expression instanceof Subtraction) {
      BinaryExpression binary = (BinaryExpression) expression;
      if (binary.getLeftExpression() instanceof Column column && column.getTable() == null) {
        ValueSource operand = of(binary.getRightExpression());
        if (operand.isKnown()) {
          return ValueSource.delta(io.doltsync.sql.lex.Identifiers.unquote(column.getColumnName()),
              expression instanceof Subtraction, operand);
        }
      }
      return ValueSource.expression();
    }
    return isNumber(expression) ? ValueSource.literal(number(expression, false)) : ValueSource.expression();
  }

  /**
   * The day of a {@code DATE 'yyyy-mm-dd'} literal's quoted text, when it is exactly an ISO date of years 1000 to
   * 9999 that exists (every primary reads such a literal as that day); else {@code null} (left an expression).
   */
  private static java.time.LocalDate isoDate(String quoted) {
    if (quoted == null || !ISO_DATE.matcher(quoted).matches()) {
      return null;
    }
    try {
      java.time.LocalDate date = java.time.LocalDate.parse(quoted.substring(1, quoted.length() - 1));
      return date.getYear() < 1000 ? null : date;
    } catch (java.time.format.DateTimeParseException impossible) {
      return null; // 2001-02-29
    }
  }

  private static final java.util.regex.Pattern ISO_DATE = java.util.regex.Pattern.compile("'\\d{4}-\\d{2}-\\d{2}'");

  /** Plain and national strings; hex, bit and charset-introduced strings are left as expressions. */
  private static boolean isCharacterString(StringValue string) {
    return string.getPrefix() == null || string.getPrefix().equalsIgnoreCase("N");
  }

  private static boolean isNumber(Expression expression) {
    return expression instanceof LongValue || expression instanceof DoubleValue;
  }

  private static Object number(Expression number, boolean negative) {
    if (number instanceof LongValue whole) {
      BigInteger value = negative ? whole.getBigIntegerValue().negate() : whole.getBigIntegerValue();
      return value.bitLength() < Long.SIZE ? (Object) value.longValue() : new BigDecimal(value);
    }
    String text = number.toString();
    if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
      double value = Double.parseDouble(text);
      return negative ? -value : value;
    }
    BigDecimal value = new BigDecimal(text);
    return negative ? value.negate() : value;
  }
}
