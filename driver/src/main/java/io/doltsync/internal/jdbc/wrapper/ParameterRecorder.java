package io.doltsync.internal.jdbc.wrapper;

import java.util.Arrays;
import java.util.List;

/**
 * The values bound to a prepared statement, kept for the session (keys of captured writes, arguments of
 * emulated Dolt statements). Index 0 holds parameter 1. Stream and reader parameters are recorded as
 * {@link #UNREADABLE}: the driver consumes them and doltsync never reads them.
 */
final class ParameterRecorder {

  /** Stands for a value doltsync cannot know (a stream, a reader, a driver-specific object). */
  static final Object UNREADABLE = new Object() {
    @Override
    public String toString() {
      return "<unreadable parameter>";
    }
  };

  private Object[] values;
  private int size;

  ParameterRecorder(int expected) {
    values = new Object[Math.max(4, expected)];
  }

  void set(int parameterIndex, Object value) {
    int at = parameterIndex - 1;
    if (at < 0) {
      return;
    }
    if (at >= values.length) {
      values = Arrays.copyOf(values, Math.max(values.length * 2, at + 1));
    }
    values[at] = value;
    size = Math.max(size, at + 1);
  }

  void clear() {
    Arrays.fill(values, 0, size, null);
    size = 0;
  }

  /** A copy of the bound values, index 0 = parameter 1. */
  Object[] snapshot() {
    return Arrays.copyOf(values, size);
  }

  /** The bound values as the application gave them (converted ones unwrapped), for statements run on Dolt. */
  List<Object> asList() {
    return Arrays.asList(ParameterValues.unwrapped(snapshot()));
  }
}
