package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Transaction ids ({@link TransactionIds}) stay unique and keep the form every reader expects (36 characters, a
 * version-4 UUID's text, as the journal's {@code txn VARCHAR(36)} and commit trailers hold them): across threads
 * of one JVM, across generators seeded like fresh JVMs, and across real JVM starts.
 */
class TransactionIdsTest {

  private static final Pattern FORM =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

  @Test
  void idsOfManyThreadsNeverRepeatAndKeepTheUuidForm() throws Exception {
    int threads = 8;
    int perThread = 20_000;
    Set<String> seen = ConcurrentHashMap.newKeySet();
    List<String> malformed = new java.util.concurrent.CopyOnWriteArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < perThread; i++) {
          String id = TransactionIds.next();
          if (!FORM.matcher(id).matches() || !UUID.fromString(id).toString().equals(id)) {
            malformed.add(id);
          }
          seen.add(id);
        }
      });
      worker.start();
      workers.add(worker);
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join(TimeUnit.SECONDS.toMillis(60));
    }
    assertThat(malformed).isEmpty();
    assertThat(seen).hasSize(threads * perThread);
  }

  /**
   * Generators seeded from arbitrary random sources, including adversarial ones: two generators whose seeds
   * collide in the prefix but not in the counter start, and counters that wrap around their 62 bits.
   */
  @Test
  void generatorsOfFreshJvmsDoNotCollide() {
    Set<String> seen = new HashSet<>();
    int generators = 300;
    int perGenerator = 500;
    for (int g = 0; g < generators; g++) {
      TransactionIds ids = new TransactionIds(new SecureRandom());
      for (int i = 0; i < perGenerator; i++) {
        String id = ids.nextId();
        assertThat(id).hasSize(36).matches(FORM);
        assertThat(seen.add(id)).as("id %s repeated", id).isTrue();
      }
    }
    // Same prefix, counters starting apart: the ranges they cover do not overlap, nor do their ids.
    Random random = new Random(42);
    for (int round = 0; round < 50; round++) {
      long prefix = random.nextLong();
      long startA = random.nextLong();
      long startB = startA + 1_000 + random.nextInt(1_000_000);
      TransactionIds a = new TransactionIds(fixed(prefix, startA));
      TransactionIds b = new TransactionIds(fixed(prefix, startB));
      Set<String> fromA = new HashSet<>();
      for (int i = 0; i < 1_000; i++) {
        fromA.add(a.nextId());
      }
      for (int i = 0; i < 1_000; i++) {
        assertThat(fromA).doesNotContain(b.nextId());
      }
    }
    // A counter at the end of its range goes on to distinct ids.
    TransactionIds wrapping = new TransactionIds(fixed(7, -3));
    Set<String> wrapped = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      assertThat(wrapped.add(wrapping.nextId())).isTrue();
    }
  }

  @Test
  void idsOfSeparateJvmStartsDoNotCollide() throws Exception {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      seen.add(TransactionIds.next());
    }
    int jvms = 3;
    int perJvm = 2_000;
    for (int j = 0; j < jvms; j++) {
      String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          PrintIds.class.getName(), Integer.toString(perJvm)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      int read = 0;
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          assertThat(line).matches(FORM);
          assertThat(seen.add(line)).as("id %s of JVM %d repeated", line, j).isTrue();
          read++;
        }
      }
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isZero();
      assertThat(read).isEqualTo(perJvm);
    }
    assertThat(seen).hasSize(1_000 + jvms * perJvm);
  }

  /** A source whose first long is {@code prefix} and second {@code counterStart}. */
  private static Random fixed(long prefix, long counterStart) {
    return new Random() {
      private int calls;

      @Override
      public long nextLong() {
        return calls++ == 0 ? prefix : counterStart;
      }
    };
  }

  /** Prints {@code args[0]} ids of this JVM's generator, one a line. */
  public static final class PrintIds {
    public static void main(String[] args) {
      int count = Integer.parseInt(args[0]);
      StringBuilder out = new StringBuilder(count * 37);
      for (int i = 0; i < count; i++) {
        out.append(TransactionIds.next()).append('\n');
      }
      System.out.print(out);
    }
  }
}
