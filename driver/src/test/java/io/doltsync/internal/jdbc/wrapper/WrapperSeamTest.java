package io.doltsync.internal.jdbc.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one seam between doltsync's wrappers and the driver ({@code AbstractWrapper.primary()}): on MariaDB
 * through MariaDB Connector/J, doltsync's commit block leaves the primary's auto-commit off after a run of lone
 * auto-commit writes. For every public method of every JDBC interface doltsync wraps (Connection, Statement,
 * PreparedStatement, CallableStatement, ResultSet, DatabaseMetaData), found by reflection, the method is
 * called on a fresh object in that state (arguments of each type's neutral value), and the session's
 * statement count ({@code Questions}) tells whether it reached the primary: each method either restored the
 * primary's auto-commit or sent the primary no statement at all. A method added to a wrapper that reaches
 * the driver without the seam fails here.
 */
class WrapperSeamTest {

  /**
   * Captured writes: the session runs them in its own transaction like any lone write (a row change of an
   * updatable result set, UpdatableResultSetMirroringTest; a CALL, whose procedure may write).
   */
  private static final Set<String> CAPTURED_WRITES = Set.of("ResultSet.updateRow", "ResultSet.insertRow",
      "ResultSet.deleteRow", "CallableStatement.execute", "CallableStatement.executeUpdate",
      "CallableStatement.executeLargeUpdate", "CallableStatement.executeQuery");

  @Test
  void everyJdbcMethodRestoresThePrimarysAutoCommitOrSendsNothing() throws Exception {
    String doltDb = DoltDatabases.newName("seam");
    try (PrimaryKind.Space space = PrimaryKind.MARIADB.createSpace("seam")) {
      try (Connection raw = space.connect(); Statement s = raw.createStatement()) {
        s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        s.execute("INSERT INTO t VALUES (1, 0), (2, 0)");
        s.execute("CREATE PROCEDURE p() SELECT 1");
      }
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), doltDb), "doltsync.applier", "false");
      List<String> failures = new ArrayList<>();
      int checked = 0;
      Connection shared = null;
      for (Class<?> type : List.of(Connection.class, Statement.class, PreparedStatement.class, CallableStatement.class,
          ResultSet.class, DatabaseMetaData.class)) {
        Method[] methods = type.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::toGenericString));
        for (Method method : methods) {
          if (Modifier.isStatic(method.getModifiers()) || method.getDeclaringClass() == Object.class
              || CAPTURED_WRITES.contains(type.getSimpleName() + "." + method.getName())) {
            continue;
          }
          if (shared == null || shared.isClosed() || type == Connection.class) {
            if (shared != null) {
              shared.close();
            }
            shared = DriverManager.getConnection(url, PrimaryKind.MARIADB.credentials()); // a connection's own calls get a fresh one
          }
          String failure = check(shared, type, method);
          checked++;
          if (failure != null) {
            failures.add(failure);
          }
        }
      }
      if (shared != null) {
        shared.close();
      }
      assertThat(checked).as("JDBC methods checked").isGreaterThan(600);
      assertThat(failures).as("methods that reached the primary with its auto-commit left off").isEmpty();
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  /** Calls the method in the auto-commit-left-off state; returns why it failed, or null. */
  private static String check(Connection app, Class<?> type, Method method) throws Exception {
    Connection driver = ((ConnectionWrapper) app).delegate();
    try (PreparedStatement write = app.prepareStatement("UPDATE t SET v = v + 1 WHERE id = ?");
        Statement holder = app.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_UPDATABLE)) {
      Object target = switch (type.getSimpleName()) {
        case "Connection" -> app;
        case "Statement" -> app.createStatement();
        case "PreparedStatement" -> app.prepareStatement("SELECT id, v FROM t WHERE id = ?");
        case "CallableStatement" -> app.prepareCall("{call p()}");
        case "ResultSet" -> {
          ResultSet rows = holder.executeQuery("SELECT id, v FROM t");
          rows.next();
          yield rows;
        }
        default -> app.getMetaData();
      };
      for (int i = 0; i < 2; i++) { // the second lone write in a row leaves auto-commit off
        write.setInt(1, 2);
        write.executeUpdate();
      }
      if (driver.getAutoCommit()) {
        return type.getSimpleName() + ": precondition failed, auto-commit is on after two lone writes";
      }
      long before = questions(driver);
      long baseline = questions(driver) - before; // what the counting statement adds itself
      before = questions(driver);
      try {
        method.invoke(target, arguments(method));
      } catch (InvocationTargetException expected) {
        // neutral arguments: many methods refuse them; what matters is what reached the primary
      }
      if (driver.isClosed()) {
        return null; // close, abort: nothing runs on this session any more
      }
      boolean restored = driver.getAutoCommit();
      long sent = questions(driver) - before - baseline;
      if (!restored && sent > 0) {
        return type.getSimpleName() + "." + method.getName() + Arrays.toString(method.getParameterTypes())
            + " sent " + sent + " statement(s) with auto-commit left off";
      }
      return null;
    }
  }

  private static long questions(Connection driver) throws SQLException {
    try (Statement s = driver.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Questions'")) {
      rs.next();
      return rs.getLong(2);
    }
  }

  /**
   * A neutral value per parameter: SQL texts are a query, indexes 1, objects null; a network timeout a minute (1 ms
   * made the next statement on the session time out on a loaded machine).
   */
  private static Object[] arguments(Method method) {
    Class<?>[] types = method.getParameterTypes();
    Object[] values = new Object[types.length];
    boolean timeout = method.getName().equals("setNetworkTimeout");
    for (int i = 0; i < types.length; i++) {
      Class<?> t = types[i];
      values[i] = t == int.class ? (timeout ? 60_000 : 1) : t == long.class ? 1L : t == boolean.class ? false : t == short.class
          ? (short) 1 : t == byte.class ? (byte) 1 : t == double.class ? 1.0 : t == float.class ? 1.0f
          : t == String.class ? "SELECT 1" : t == int[].class ? new int[0] : t == String[].class ? new String[0]
          : t == Class.class ? String.class : t == Map.class ? Map.of() : t == Object[].class ? new Object[0] : null;
    }
    return values;
  }
}
