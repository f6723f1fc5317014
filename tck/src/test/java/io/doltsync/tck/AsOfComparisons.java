package io.doltsync.tck;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compares Dolt {@code AS OF} a commit with an expected state, on a thread of its own so the comparison
 * of a commit whose hash is already known overlaps with the workload (which mostly waits for Dolt).
 */
final class AsOfComparisons implements AutoCloseable {

  private final StateReader reader;
  private final DoltDatabase database;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "tck-as-of");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Submitted> submitted = new ConcurrentHashMap<>();
  private Connection backgroundConnection;

  AsOfComparisons(StateReader reader, DoltDatabase database) {
    this.reader = reader;
    this.database = database;
  }

  /** Starts comparing in the background. */
  void submit(String hash, DatabaseState expected) {
    submitted.put(hash, new Submitted(expected, thread.submit(() -> compare(background(), hash, expected))));
  }

  /** The differences of Dolt at {@code hash} from {@code expected}: from the background run when there was one. */
  List<String> differences(Connection dolt, String hash, DatabaseState expected) throws SQLException {
    Submitted earlier = submitted.remove(hash);
    if (earlier != null && earlier.expected() == expected) {
      try {
        return earlier.differences().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted", e);
      } catch (ExecutionException e) {
        throw new SQLException("comparing " + hash + " failed", e.getCause());
      }
    }
    return compare(dolt, hash, expected);
  }

  private List<String> compare(Connection dolt, String hash, DatabaseState expected) throws SQLException {
    return expected.differencesFrom(reader.readDolt(dolt, hash, expected));
  }

  private Connection background() throws SQLException {
    if (backgroundConnection == null) {
      backgroundConnection = database.connect();
    }
    return backgroundConnection;
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      if (backgroundConnection != null) {
        backgroundConnection.close();
      }
    } catch (SQLException e) {
      // nothing left to compare
    }
  }

  private record Submitted(DatabaseState expected, Future<List<String>> differences) {}
}
