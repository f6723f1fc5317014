package io.doltsync.internal.mirror;

import io.doltsync.DoltSyncConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;

/**
 * An application run in a JVM of its own by {@link ChildJvmTest}: it commits through doltsync, reports on
 * standard output, and exits normally (so JVM shutdown hooks run).
 *
 * <ul>
 *   <li>{@code backlog <doltsync url> <raw url> <user> <password> <count>}: {@code count} auto-committed inserts
 *       into {@code items}, then prints {@code PENDING <journal rows>} and returns from {@code main}.</li>
 *   <li>{@code big <doltsync url> <raw url> <user> <password> <rows> <blob bytes>}: one transaction inserting
 *       {@code rows} rows into {@code big} and one BLOB of {@code blob bytes} into {@code blobs}; prints
 *       {@code COMMITTED}, waits for the Dolt commit, prints {@code MIRRORED <hash>}.</li>
 * </ul>
 */
public final class ChildApplication {

  private ChildApplication() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String url = args[1];
    String rawUrl = args[2];
    String user = args[3];
    String password = args[4];
    try (Connection app = DriverManager.getConnection(url, user, password)) {
      if (mode.equals("backlog")) {
        int count = Integer.parseInt(args[5]);
        try (PreparedStatement insert = app.prepareStatement("INSERT INTO items (id, note) VALUES (?, ?)")) {
          for (int id = 1; id <= count; id++) {
            insert.setInt(1, id);
            insert.setString(2, "row " + id);
            insert.executeUpdate();
          }
        }
        try (Connection raw = DriverManager.getConnection(rawUrl, user, password);
            Statement statement = raw.createStatement();
            ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM doltsync_journal")) {
          rs.next();
          System.out.println("PENDING " + rs.getLong(1));
        }
      } else if (mode.equals("big")) {
        int rows = Integer.parseInt(args[5]);
        int blobBytes = Integer.parseInt(args[6]);
        app.setAutoCommit(false);
        try (PreparedStatement insert = app.prepareStatement("INSERT INTO big (id, v) VALUES (?, ?)")) {
          for (int id = 1; id <= rows; id++) {
            insert.setInt(1, id);
            insert.setString(2, "v" + id);
            insert.addBatch();
            if (id % 1000 == 0) {
              insert.executeBatch();
            }
          }
          insert.executeBatch();
        }
        byte[] blob = new byte[blobBytes];
        new Random(42).nextBytes(blob);
        try (PreparedStatement insert = app.prepareStatement("INSERT INTO blobs (id, data) VALUES (?, ?)")) {
          insert.setInt(1, 1);
          insert.setBytes(2, blob);
          insert.executeUpdate();
        }
        blob = null;
        app.commit();
        System.out.println("COMMITTED");
        String hash = app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofMinutes(10));
        System.out.println("MIRRORED " + hash);
      } else {
        throw new IllegalArgumentException("unknown mode " + mode);
      }
    }
    System.out.flush();
  }
}
