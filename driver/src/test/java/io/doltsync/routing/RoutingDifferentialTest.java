package io.doltsync.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The routing differential: generated statements, and what Hibernate, Flyway and Spring send, run through the
 * raw driver and through doltsync on each primary, in the same order on two identical schemas; every
 * statement must give the same result set, update count or SQLState on both. In the routing mode the
 * doltsync side mirrors no table into a Dolt database with no applier, where none of the primary's tables
 * exist: a statement wrongly sent to Dolt fails there and shows up as a difference. In the mirrored mode
 * (a shorter corpus) the tables are mirrored, so every write goes through the capture, whose update counts
 * and results must be the raw driver's too.
 *
 * <p>{@code -Ddoltsync.routingDifferential.statements=N} generates N random statements per primary in the
 * routing mode (default 600) and a fifth of that in the mirrored mode: with the fixed statements, about
 * 2,350 statements over the three primaries and both modes;
 * {@code -Ddoltsync.routingDifferential.seed=S} picks another corpus.
 */
class RoutingDifferentialTest {

  private static final int STATEMENTS = Integer.getInteger("doltsync.routingDifferential.statements", 600);
  private static final long SEED = Long.getLong("doltsync.routingDifferential.seed", 20261206L);

  static Stream<Arguments> setups() {
    return Stream.of(PrimaryKind.values()).flatMap(kind -> Stream.of(Arguments.of(kind, false), Arguments.of(kind, true)));
  }

  @ParameterizedTest(name = "{0}, mirrored {1}")
  @MethodSource("setups")
  void doltsyncAnswersEveryStatementAsTheRawDriverDoes(PrimaryKind kind, boolean mirrored) throws Exception {
    String dolt = TestServers.createDoltDatabase("rt_diff");
    int statementCount = mirrored ? STATEMENTS / 5 : STATEMENTS;
    try (PrimaryKind.Space rawSpace = kind.createSpace("rt_raw");
        PrimaryKind.Space syncSpace = kind.createSpace("rt_sync");
        Connection raw = rawSpace.connect();
        Connection doltsync = DriverManager.getConnection(doltsyncUrl(syncSpace, dolt, mirrored),
            kind.credentials())) {
      RoutingStatements statements = new RoutingStatements(kind, SEED + kind.ordinal());
      for (String ddl : RoutingStatements.schema()) {
        raw.createStatement().execute(ddl);
        doltsync.createStatement().execute(ddl);
      }
      List<RoutingStatements.Probe> corpus = new ArrayList<>(statements.seed());
      corpus.addAll(statements.frameworks());
      corpus.addAll(statements.generate(statementCount));
      corpus.addAll(statements.frameworks().subList(0, 1));

      List<String> differences = new ArrayList<>();
      int succeeded = 0;
      long rawNanos = 0;
      long doltsyncNanos = 0;
      for (RoutingStatements.Probe probe : corpus) {
        long start = System.nanoTime();
        Outcome expected = Outcome.of(raw, probe);
        long middle = System.nanoTime();
        Outcome actual = Outcome.of(doltsync, probe);
        rawNanos += middle - start;
        doltsyncNanos += System.nanoTime() - middle;
        if (!expected.equals(actual)) {
          differences.add(probe + "\n    raw:      " + expected + "\n    doltsync: " + actual);
        } else if (!expected.failed()) {
          succeeded++;
        }
      }

      System.out.printf("routing differential on %s (mirrored %s): %d statements, %d ran on the primary, raw %d ms, doltsync %d ms%n",
          kind, mirrored, corpus.size(), succeeded, rawNanos / 1_000_000, doltsyncNanos / 1_000_000);
      if (!differences.isEmpty()) {
        fail(differences.size() + " of " + corpus.size() + " statements differ on " + kind + " (mirrored " + mirrored
            + "):\n  "
            + String.join("\n  ", differences.subList(0, Math.min(30, differences.size()))));
      }
      assertThat(corpus).hasSizeGreaterThanOrEqualTo(statementCount);
      assertThat(succeeded).as("statements that ran on the primary").isGreaterThan(corpus.size() * 3 / 4);
      assertRoutingIsLive(raw, doltsync);
    } finally {
      DoltDatabases.drop(dolt);
    }
  }

  /** Dolt's own SQL does reach Dolt on this connection, so the equal answers above are not routing switched off. */
  private static void assertRoutingIsLive(Connection raw, Connection doltsync) {
    RoutingStatements.Probe log = RoutingStatements.Probe.text("SELECT COUNT(*) AS commits FROM dolt_log");
    assertThat(Outcome.of(raw, log).failed()).isTrue();
    Outcome viaDoltsync = Outcome.of(doltsync, log);
    assertThat(viaDoltsync.failed()).as(viaDoltsync.toString()).isFalse();
    assertThat(viaDoltsync.rows()).hasSize(1);
  }

  private static String doltsyncUrl(PrimaryKind.Space space, String doltDatabase, boolean mirrored) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("doltsync.target", TestServers.doltUrl(doltDatabase));
    if (mirrored) {
      parameters.put("doltsync.exclude", "dolt_*"); // Dolt keeps dolt_* names for itself
    } else {
      parameters.put("doltsync.applier", "false");
      parameters.put("doltsync.exclude", "*");
    }
    return DoltSyncUrls.wrap(space.url(), parameters);
  }
}
