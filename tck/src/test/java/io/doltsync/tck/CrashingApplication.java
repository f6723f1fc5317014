package io.doltsync.tck;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The application the crash test kills: a child JVM that commits {@link FaultWorkload} transactions
 * through doltsync, forever, printing {@code COMMITTED <seq>} after each commit returned. Arguments:
 * primary (a {@link Primaries} name or a {@link Primary} class name), doltsync URL, user, password, Dolt target URL, applier (true/false),
 * seed.
 */
public final class CrashingApplication {

  static final String COMMITTED = "COMMITTED ";

  private CrashingApplication() {}

  /** A {@link Primaries} constant's primary, or a new instance of the named {@link Primary} class. */
  static Primary primary(String argument) {
    for (Primaries primaries : Primaries.values()) {
      if (primaries.name().equals(argument)) {
        return primaries.primary();
      }
    }
    try {
      return (Primary) Class.forName(argument).getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("no primary " + argument + ": neither a Primaries name nor a Primary class"
          + " with a public no-argument constructor", e);
    }
  }

  public static void main(String[] args) throws SQLException {
    Primary primary = primary(args[0]);
    Properties properties = new Properties();
    properties.setProperty("user", args[2]);
    properties.setProperty("password", args[3]);
    properties.setProperty("doltsync.target", args[4]);
    properties.setProperty("doltsync.targetUser", Servers.DOLT_USER);
    properties.setProperty("doltsync.targetPassword", "");
    properties.setProperty("doltsync.applier", args[5]);
    properties.setProperty("doltsync.instance", "crashing-application");
    FaultWorkload workload = new FaultWorkload(primary, Long.parseLong(args[6]), new Keys.Shared(), "child", 0);
    PrintStream out = System.out;
    int[] committed = new int[1];
    TransactionExecutor executor = new TransactionExecutor(primary, new WorkloadStats(),
        new TransactionExecutor.Listener() {
          @Override
          public void committed(Connection connection, TransactionPlan plan, boolean last) {
            committed[0] = plan.number();
          }
        });
    try (Connection connection = DriverManager.getConnection(args[1], properties)) {
      for (int seq = 1; ; seq++) {
        executor.run(connection, workload.transaction(seq));
        if (committed[0] == seq) {
          out.println(COMMITTED + seq);
          out.flush();
        }
      }
    }
  }
}
