package io.doltsync.internal.logging;

import java.lang.reflect.Method;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Where doltsync's classes get their SLF4J loggers. Normally this is {@link LoggerFactory}. When the class
 * path pairs the SLF4J 2 API with an SLF4J 1.x binding (Maven's choice whenever doltsync's
 * {@code slf4j-api} 2 wins over the one a 1.x binding such as {@code log4j-slf4j-impl} or
 * {@code slf4j-log4j12} asks for), SLF4J 2 ignores the binding and drops every log line ("No SLF4J
 * providers were found"); doltsync then takes its loggers from the 1.x binding directly, so its lines still
 * reach the application's log.
 *
 * <p>doltsync uses only the SLF4J API that 1.7 and 2.x share, so it runs with either.
 */
public final class DoltSyncLoggers {

  private static final ILoggerFactory FACTORY = factory();

  private DoltSyncLoggers() {}

  /** The logger for a doltsync class. */
  public static Logger get(Class<?> type) {
    return FACTORY == null ? LoggerFactory.getLogger(type) : FACTORY.getLogger(type.getName());
  }

  /** The 1.x binding's factory when SLF4J itself found no provider but one is on the class path, else null. */
  private static ILoggerFactory factory() {
    ILoggerFactory standard = LoggerFactory.getILoggerFactory();
    if (!(standard instanceof NOPLoggerFactory)) {
      return null;
    }
    ILoggerFactory binding = slf4j1Binding(LoggerFactory.class.getClassLoader());
    if (binding == null) {
      binding = slf4j1Binding(Thread.currentThread().getContextClassLoader());
    }
    if (binding != null) {
      binding.getLogger(DoltSyncLoggers.class.getName()).info("SLF4J found no provider but an SLF4J 1.x binding"
          + " ({}) is on the class path: doltsync logs through that binding. Align slf4j-api with the binding"
          + " (e.g. log4j-slf4j2-impl for SLF4J 2) so that other libraries' logs appear too",
          binding.getClass().getName());
    }
    return binding;
  }

  private static ILoggerFactory slf4j1Binding(ClassLoader loader) {
    if (loader == null) {
      return null;
    }
    try {
      Class<?> binder = Class.forName("org.slf4j.impl.StaticLoggerBinder", true, loader);
      Object singleton = binder.getMethod("getSingleton").invoke(null);
      Method getLoggerFactory = binder.getMethod("getLoggerFactory");
      Object factory = getLoggerFactory.invoke(singleton);
      return factory instanceof ILoggerFactory loggerFactory && !(factory instanceof NOPLoggerFactory)
          ? loggerFactory : null;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }
}
