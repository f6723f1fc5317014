package io.doltsync.internal.jdbc.wrapper;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Set;

/**
 * The application's view of a pgjdbc result set whose statement returned doltsync's columns after the
 * application's own ({@link io.doltsync.internal.capture.ExtendedReturning}): only the first {@code visible}
 * columns exist, by position, by label ({@code findColumn} and every getter or updater by label) and in the
 * metadata, with pgjdbc's own messages and SQLStates for a column that does not (updaters are left to the driver,
 * which refuses them on this read-only result set); and a result set the application
 * asked for as forward-only refuses to scroll as pgjdbc's does (the driver's is scroll-insensitive, so that the
 * capture can read its rows first and rewind it). Everything else is the driver's result set itself.
 */
final class OwnColumns implements InvocationHandler {

  private static final Set<String> SCROLLS =
      Set.of("previous", "first", "last", "beforeFirst", "afterLast", "absolute", "relative");

  private final ResultSet rows;
  private final int visible;
  private final int type;

  private OwnColumns(ResultSet rows, int visible, int type) {
    this.rows = rows;
    this.visible = visible;
    this.type = type;
  }

  /**
   * The first {@code visible} columns of {@code rows}, reported as of result set type {@code type} (the one the
   * application asked for).
   */
  static ResultSet of(ResultSet rows, int visible, int type) {
    return (ResultSet) Proxy.newProxyInstance(OwnColumns.class.getClassLoader(), new Class<?>[] {ResultSet.class},
        new OwnColumns(rows, visible, type));
  }

  /** The first {@code visible} columns of a result set's (or a prepared statement's) metadata. */
  static ResultSetMetaData of(ResultSetMetaData metaData, int visible) {
    if (metaData == null) {
      return null;
    }
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return objectMethod(proxy, method, args, metaData);
      }
      if (method.getName().equals("getColumnCount")) {
        return Math.min(visible, metaData.getColumnCount());
      }
      if (args != null && args.length == 1 && method.getParameterTypes()[0] == int.class) {
        checkIndex((Integer) args[0], visible);
      }
      return call(metaData, method, args);
    };
    return (ResultSetMetaData) Proxy.newProxyInstance(OwnColumns.class.getClassLoader(),
        new Class<?>[] {ResultSetMetaData.class}, handler);
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (method.getDeclaringClass() == Object.class) {
      return objectMethod(proxy, method, args, rows);
    }
    switch (name) {
      case "findColumn" -> {
        return findColumn((String) args[0]);
      }
      case "getMetaData" -> {
        return of(rows.getMetaData(), visible);
      }
      case "getType" -> {
        rows.getType(); // a closed result set throws as the driver's does
        return type;
      }
      case "setFetchDirection" -> {
        if (type == ResultSet.TYPE_FORWARD_ONLY && !rows.isClosed() && args[0] instanceof Integer direction
            && (direction == ResultSet.FETCH_REVERSE || direction == ResultSet.FETCH_UNKNOWN)) {
          throw notScrollable();
        }
        return call(rows, method, args);
      }
      default -> {
        // scrolling and column access below
      }
    }
    if (SCROLLS.contains(name) && type == ResultSet.TYPE_FORWARD_ONLY) {
      if (rows.isClosed()) {
        return call(rows, method, args); // the driver's "closed" error
      }
      throw notScrollable();
    }
    Class<?>[] parameters = method.getParameterTypes();
    // updaters are the driver's own: the result set is read-only, and the driver refuses them before any column
    if (name.startsWith("get") && parameters.length > 0) {
      if (parameters[0] == int.class) {
        int index = (Integer) args[0];
        if ((index < 1 || index > visible) && rows.getRow() == 0) { // the driver checks closed, then the row
          throw new SQLException("ResultSet not positioned properly, perhaps you need to call next.", "24000");
        }
        checkIndex(index, visible);
      } else if (parameters[0] == String.class) {
        Class<?>[] byIndex = parameters.clone();
        byIndex[0] = int.class;
        Object[] indexed = Arrays.copyOf(args, args.length);
        indexed[0] = findColumn((String) args[0]);
        return call(rows, ResultSet.class.getMethod(name, byIndex), indexed);
      }
    }
    return call(rows, method, args);
  }

  /** The driver's index of a label among the visible columns (the driver finds the first column of a label). */
  private int findColumn(String label) throws SQLException {
    int index = rows.findColumn(label);
    if (index > visible) {
      throw new SQLException("The column name " + label + " was not found in this ResultSet.", "42703");
    }
    return index;
  }

  private static void checkIndex(int index, int visible) throws SQLException {
    if (index < 1 || index > visible) {
      throw new SQLException("The column index is out of range: " + index + ", number of columns: " + visible + ".",
          "22023");
    }
  }

  private static SQLException notScrollable() {
    return new SQLException("Operation requires a scrollable ResultSet, but this ResultSet is FORWARD_ONLY.",
        "24000");
  }

  private static Object objectMethod(Object proxy, Method method, Object[] args, Object target) throws Throwable {
    return switch (method.getName()) {
      case "equals" -> proxy == args[0];
      case "hashCode" -> System.identityHashCode(proxy);
      default -> call(target, method, args);
    };
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
