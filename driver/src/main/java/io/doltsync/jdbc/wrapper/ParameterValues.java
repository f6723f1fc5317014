package io.doltsync.jdbc.wrapper;

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
    return parameters[parameterIndex - 1];
  }
}
