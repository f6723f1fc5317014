package io.doltsync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The multi-writer oracle ({@link RowHistoryVerifier}) reads a row's {@code version} going down along Dolt's
 * history as a mirror that applied two transactions out of order, so no statement the multi-writer workload
 * generates may lower a version on the primary: every assignment of {@code version} is {@code version + 1}, or
 * a value computed from a version read earlier, under a WHERE that checks the row still has the version read
 * (optimistic locking: a concurrent writer's increment in between makes it match no row). A
 * {@code SET version = ?} of a random value lowered customer 16's version from 3 to 2 on the primary when
 * another writer had incremented it first (CI, MariaDB, seed -3748497027804516349); Dolt mirrored that
 * faithfully and the oracle blamed the mirror.
 */
class VersionedWritesTest {

  private static final int SEEDS = 12;
  private static final int TRANSACTIONS_PER_WRITER = 100;
  private static final Pattern VERSION_ASSIGNMENT = Pattern.compile(
      "(?i)(?:\\bset\\s+|,\\s*)((?:\\w+\\.)?version)\\s*=\\s*([^,\\[]+?)(?=\\s*,|\\s+(?:where|from|when)\\b|\\s*\\[|\\s*$)");

  @Test
  void multiWriterWorkloadsNeverLowerAVersion() {
    List<String> lowering = new ArrayList<>();
    long statements = 0;
    Random seeds = new Random(TckSettings.seed());
    for (Primaries builtIn : Primaries.values()) {
      for (int s = 0; s < SEEDS; s++) {
        long seed = seeds.nextLong();
        Keys.Shared shared = new Keys.Shared();
        for (int w = 0; w <= MultiWriterRun.APPLYING_INSTANCE_WRITERS; w++) {
          WorkloadGenerator generator = new WorkloadGenerator(builtIn.primary(), WorkloadOptions.multiWriter(),
              seed + w, shared);
          for (int number = 1; number <= TRANSACTIONS_PER_WRITER; number++) {
            for (Operation operation : generator.next(number).operations()) {
              for (String statement : operation.description().split(";")) {
                statements++;
                String problem = problem(statement);
                if (problem != null && lowering.size() < 10) {
                  lowering.add(builtIn + " seed " + seed + " writer " + w + " #" + number + ": " + problem + " in "
                      + operation);
                }
              }
            }
          }
        }
      }
    }
    assertThat(statements).isGreaterThan(1000);
    assertThat(lowering).as("statements that may lower a row's version").isEmpty();
  }

  @Test
  void theCheckRefusesAnAssignmentThatCanLowerAVersion() {
    assertThat(problem("UPDATE customer SET name = ?, tier = ?, version = ? WHERE id = ? [a, 1, 2, 16]")).isNotNull();
    assertThat(problem("UPDATE customer SET version = 0, name = 'x' WHERE id = 3")).isNotNull();
    assertThat(problem("UPDATE customer SET version = version - 1 WHERE id = 3")).isNotNull();
    assertThat(problem("UPDATE customer SET name = ?, version = version + 1 WHERE id = ?")).isNull();
    assertThat(problem("ON CONFLICT (sku) DO UPDATE SET qty = item.qty + EXCLUDED.qty, version = item.version + 1"))
        .isNull();
    assertThat(problem("UPDATE customer SET name = ?, tier = ?, version = ? WHERE id = ? AND version = ?")).isNull();
    assertThat(problem("UPDATE orders o SET status = ?, version = o.version + 1 FROM customer c WHERE c.id = ?")).isNull();
    assertThat(problem("UPDATE orders o SET version = ? FROM customer c WHERE c.id = o.customer_id")).isNotNull();
  }

  /** Why the statement may lower a version, or {@code null}. */
  static String problem(String statement) {
    Matcher assignment = VERSION_ASSIGNMENT.matcher(statement);
    boolean checksVersion = Pattern.compile("(?i)\\bwhere\\b.*\\bversion\\s*=\\s*\\?").matcher(statement).find();
    while (assignment.find()) {
      String value = assignment.group(2).trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
      if (value.matches("(\\w+\\.)?version \\+ 1")) {
        continue;
      }
      if (!checksVersion) {
        return "version = " + value + " without a WHERE checking the version read";
      }
    }
    return null;
  }
}
