package io.doltsync.setup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A child JVM's application: opens each URL given (user, password, URL triples) twice and prints one line
 * per attempt, {@code CONNECTED <url>} or {@code FAILED <exception class> <SQLState> <message>}.
 */
public final class ConnectProbe {

  private ConnectProbe() {}

  public static void main(String[] arguments) {
    for (int i = 0; i + 2 < arguments.length; i += 3) {
      for (int attempt = 0; attempt < 2; attempt++) {
        try (Connection connection = DriverManager.getConnection(arguments[i + 2], arguments[i], arguments[i + 1])) {
          System.out.println("CONNECTED " + arguments[i + 2]);
        } catch (SQLException e) {
          System.out.println("FAILED " + e.getClass().getName() + " " + e.getSQLState() + " " + e.getMessage());
        }
      }
    }
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }
}
