package io.doltsync.internal.sync;

import io.doltsync.testing.TestServers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sync process that stops in the middle of its run, holding the branch's lock, until it is killed: arguments
 * are the source URL, user, password and the Dolt URL. It prints {@code HOLDING} once rows were written to Dolt.
 */
final class SyncHoldingTheLock {

  private SyncHoldingTheLock() {}

  public static void main(String[] args) throws Exception {
    SyncOptions options = new SyncOptions(args[0], args[1], args[2], args[3], "root", "", "main", List.of("*"), List.of(),
        Map.of(), SyncMode.SNAPSHOT, Map.of(), Map.of(), Map.of(), Set.of(), Duration.ZERO, Duration.ZERO, null,
        "Holder <holder@test.example>", 100);
    new SyncEngine(options).run(new SyncEngine.Listener() {
      @Override
      public void rows(String table, long done, long total) {
        System.out.println("HOLDING");
        System.out.flush();
        try {
          Thread.sleep(Duration.ofMinutes(5).toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        System.exit(3);
      }
    });
  }

  /** Starts the process on the test's source and Dolt database. */
  static Process start(SyncSource db) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), SyncHoldingTheLock.class.getName(),
        db.url(), TestServers.USER, TestServers.PASSWORD, db.doltUrl()));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Waits (up to 120 s) until the process printed {@code HOLDING}. */
  static void awaitHolding(Process holder) throws Exception {
    CompletableFuture<List<String>> seen = CompletableFuture.supplyAsync(() -> {
      List<String> lines = new ArrayList<>();
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines.add(line);
          if (line.equals("HOLDING")) {
            return lines;
          }
        }
      } catch (java.io.IOException e) {
        lines.add(e.toString());
      }
      throw new IllegalStateException("the holder ended without holding the lock: " + String.join("\n", lines));
    });
    seen.get(120, TimeUnit.SECONDS);
  }
}
