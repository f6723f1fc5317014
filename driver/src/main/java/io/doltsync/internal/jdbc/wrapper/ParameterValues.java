package io.doltsync.internal.jdbc.wrapper;

/** Reads recorded parameter values (index 0 = parameter 1) as the capture sees them. */
public final class ParameterValues {

  /** A value that cannot be known: an unbound or unreadable parameter, or an expression. */
  public static final Object UNKNOWN = ParameterRecorder.UNREADABLE;

  private ParameterValues() {}

  /** The value bound to a 1-based parameter index, or {@link #UNKNOWN}. */
  public static Object get(Object[] parameters, int parameterIndex) {
    if (parameters == null || parameterIndex < 1 || parameterIndex > parameters.length) {
      return UNKNOWN;
    }
    Object value = parameters[parameterIndex - 1];
    return value instanceof Converted converted ? converted.value() : value;
  }

  /**
   * The value bound to a 1-based parameter index exactly as the driver sends it, or {@link #UNKNOWN} also
   * when the driver converts it first (a target SQL type or scale given to {@code setObject}, a
   * {@code Calendar} given to {@code setTimestamp}, {@code setDate} or {@code setTime}).
   */
  public static Object getUnconverted(Object[] parameters, int parameterIndex) {
    if (parameters == null || parameterIndex < 1 || parameterIndex > parameters.length) {
      return UNKNOWN;
    }
    Object value = parameters[parameterIndex - 1];
    return value instanceof Converted ? UNKNOWN : value;
  }

  /** Records a value that the driver converts before sending (to a target type, scale or calendar). */
  static Object convertedByDriver(Object value) {
    return value == null ? null : new Converted(value);
  }

  /** The value given to a converting setter; what is sent may differ. */
  record Converted(Object value) {}

  /** The bound values with converted ones unwrapped. */
  static Object[] unwrapped(Object[] parameters) {
    Object[] plain = parameters.clone();
    for (int i = 0; i < plain.length; i++) {
      if (plain[i] instanceof Converted converted) {
        plain[i] = converted.value();
      }
    }
    return plain;
  }
}
