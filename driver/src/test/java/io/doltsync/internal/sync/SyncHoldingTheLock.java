package io.doltsync.internal.sync;

import java.time.Duration;
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
}
