package io.doltsync.internal.sync;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connection that adds up the time its caller waits on the database: statement executions and result set
 * {@code next()} calls (where a streaming driver fetches). Used to split a comparison's time between its sides.
 */
final class TimedConnection {

  private TimedConnection() {}

  /** Wraps {@code connection}; the nanoseconds spent in the database go to {@code waited}. */
  static Connection wrap(Connection connection, AtomicLong waited) {
    return proxy(Connection.class, connection, waited);
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, Object target, AtomicLong waited) {
    InvocationHandler handler = (self, method, args) -> {
      boolean timed = method.getName().startsWith("execute") || (target instanceof ResultSet && method.getName().equals("next"));
      long started = System.nanoTime();
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      } finally {
        if (timed) {
          waited.addAndGet(System.nanoTime() - started);
        }
      }
      if (result instanceof ResultSet rs && method.getReturnType() == ResultSet.class) {
        return proxy(ResultSet.class, rs, waited);
      }
      if (result instanceof Statement statement && Statement.class.isAssignableFrom(method.getReturnType())) {
        return proxy((Class<Statement>) method.getReturnType(), statement, waited);
      }
      return result;
    };
    return (T) Proxy.newProxyInstance(TimedConnection.class.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
