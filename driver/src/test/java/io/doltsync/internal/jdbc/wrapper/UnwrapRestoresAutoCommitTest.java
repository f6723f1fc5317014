package io.doltsync.internal.jdbc.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.CapturedOutput;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Wrapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Unwrapping a doltsync object (a connection, statement, prepared or callable statement, result set,
 * metadata) to the driver's own hands out the driver's object after restoring the primary's auto-commit, which
 * doltsync's commit block may have left off after a run of lone auto-commit writes (MariaDB through MariaDB
 * Connector/J): a write the application then runs on the driver's object commits as it would without
 * doltsync, and a warning says that such writes are not mirrored. A generator mixes the kind of object, the
 * interface asked for (the driver's class, or a vendor interface), and how many lone writes came before.
 */
class UnwrapRestoresAutoCommitTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int CASES = Integer.getInteger("doltsync.test.unwrapCases", 30);
  private static final String[] KINDS = {"connection", "statement", "prepared", "callable", "resultset", "metadata"};

  @Test
  void unwrappedDriverObjectsRunWithTheApplicationsAutoCommit() throws Exception {
    String doltDb = DoltDatabases.newName("unwrap");
    Random random = new Random(SEED);
    try (PrimaryKind.Space space = PrimaryKind.MARIADB.createSpace("unwrap")) {
      try (Connection raw = space.connect(); Statement s = raw.createStatement()) {
        s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        s.execute("INSERT INTO t VALUES (1, 0), (2, 0)");
        s.execute("CREATE PROCEDURE p() SELECT 1");
      }
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), doltDb), "doltsync.applier", "false");
      UnwrapWarning.forget(); // once per JVM: another test may have unwrapped before
      try (CapturedOutput output = CapturedOutput.start();
          Connection app = DriverManager.getConnection(url, PrimaryKind.MARIADB.credentials());
          Connection observer = space.connect()) {
        Connection driverConnection = ((ConnectionWrapper) app).delegate();
        List<String> warned = new ArrayList<>();
        for (int c = 0; c < CASES; c++) {
          String kind = KINDS[random.nextInt(KINDS.length)];
          int loneWrites = 2 + random.nextInt(3);
          try (Statement statement = app.createStatement();
              PreparedStatement prepared = app.prepareStatement("UPDATE t SET v = v + 1 WHERE id = ?");
              java.sql.CallableStatement callable = app.prepareCall("{call p()}");
              Statement query = app.createStatement()) {
            ResultSet rows = query.executeQuery("SELECT id, v FROM t");
            java.sql.DatabaseMetaData metaData = app.getMetaData();
            for (int w = 0; w < loneWrites; w++) {
              prepared.setInt(1, 2);
              prepared.executeUpdate();
            }
            assertThat(driverConnection.getAutoCommit())
                .as("precondition: doltsync left the primary's auto-commit off after %d lone writes", loneWrites)
                .isFalse();
            Wrapper wrapper = switch (kind) {
              case "connection" -> app;
              case "statement" -> statement;
              case "prepared" -> prepared;
              case "callable" -> callable;
              case "resultset" -> rows;
              default -> metaData;
            };
            Object driverObject = ((AbstractWrapper<?>) wrapper).delegate();
            Class<?> iface = random.nextBoolean() ? driverObject.getClass() : vendorInterface(driverObject);
            Object unwrapped = wrapper.unwrap(iface);
            assertThat(unwrapped).as("%s unwrapped to %s", kind, iface.getName()).isSameAs(driverObject);
            assertThat(driverConnection.getAutoCommit())
                .as("%s.unwrap(%s) restores the primary's auto-commit (case %d, seed %d)", kind, iface.getName(), c, SEED)
                .isTrue();
            if (!kind.equals("metadata")) {
              warned.add(kind);
            }
            int before = value(observer);
            runWriteOn(kind, unwrapped, driverConnection);
            assertThat(value(observer))
                .as("a write through the unwrapped %s is committed at once, as in auto-commit mode (seed %d)", kind, SEED)
                .isEqualTo(before + 1);
            rows.close();
          }
        }
        for (String kind : warned) {
          String type = switch (kind) {
            case "connection" -> "Connection";
            case "resultset" -> "ResultSet";
            default -> "Statement";
          };
          assertThat(output.text()).as("warning for an unwrapped %s", kind)
              .contains("unwrapped a doltsync " + type + " to the driver's")
              .contains("not mirrored to Dolt");
        }
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  /** An interface of the driver's own package that the driver's object implements (else its class). */
  private static Class<?> vendorInterface(Object driverObject) {
    for (Class<?> type = driverObject.getClass(); type != null; type = type.getSuperclass()) {
      for (Class<?> candidate : type.getInterfaces()) {
        if (candidate.getName().startsWith("org.mariadb.")) {
          return candidate;
        }
      }
    }
    return driverObject.getClass();
  }

  /** One auto-commit update of row 1 through the driver's object (its statement or connection). */
  private static void runWriteOn(String kind, Object unwrapped, Connection driverConnection) throws Exception {
    Connection connection = switch (kind) {
      case "connection" -> (Connection) unwrapped;
      case "statement", "prepared", "callable" -> ((Statement) unwrapped).getConnection();
      case "resultset" -> ((ResultSet) unwrapped).getStatement() != null
          ? ((ResultSet) unwrapped).getStatement().getConnection() : driverConnection;
      default -> ((java.sql.DatabaseMetaData) unwrapped).getConnection();
    };
    if (kind.equals("statement")) {
      ((Statement) unwrapped).executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
      return;
    }
    if (kind.equals("prepared")) {
      ((PreparedStatement) unwrapped).setInt(1, 1);
      ((PreparedStatement) unwrapped).executeUpdate();
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
    }
  }

  private static int value(Connection observer) throws Exception {
    try (Statement s = observer.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM t WHERE id = 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
