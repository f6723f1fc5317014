package io.doltsync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.SourceDialects;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The workload's own model, checked against the raw driver (no doltsync): every error the generated statements
 * meet is one the workload provokes on purpose ({@link ExpectedErrors}). Savepoints are frequent here, so that
 * schema statements rolled back to a savepoint (undone where DDL is transactional, as on PostgreSQL) are common;
 * the oracles' findings are doltsync's only if the model is right.
 */
class WorkloadModelTest {

  private static final int SEEDS = 4;
  private static final int TRANSACTIONS_PER_SEED = 150;
  /** Schema statements twenty times as often as in the oracles, and savepoints in most committed transactions. */
  private static final WorkloadOptions SAVEPOINT_HEAVY = new WorkloadOptions(false, true, 5, 10, 8, 70, 0, 20);

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.doltsync.tck.Primaries#selected")
  void theGeneratedStatementsMeetOnlyTheErrorsTheyProvokeOnTheRawDriver(TckPrimary primaries) throws Exception {
    Primary primary = primaries.primary();
    long base = TckSettings.seed();
    for (int s = 0; s < SEEDS; s++) {
      long seed = base + s;
      WorkloadStats stats = runRaw(primary, seed);
      assertThat(stats.unexpectedErrors()).as("raw run on " + primary.name() + " with seed " + seed + ":\n"
          + stats.describe()).isEmpty();
      assertThat(stats.successes(OpKind.CREATE_TABLE) + stats.successes(OpKind.DROP_TABLE))
          .as("schema statements ran").isPositive();
    }
  }

  private static WorkloadStats runRaw(Primary primary, long seed) throws SQLException {
    PrimaryDatabase database = primary.createDatabase();
    WorkloadStats stats = new WorkloadStats();
    try (Connection writer = database.connect(); Connection observer = database.connect()) {
      try (Statement statement = writer.createStatement()) {
        for (String sql : primary.schema()) {
          statement.execute(sql);
        }
        for (String sql : WorkloadSchema.seedRows(new Random(seed))) {
          statement.execute(sql);
        }
      }
      StateReader reader = new StateReader(primary, SourceDialects.forUrl(database.url()),
          TckEnvironment.JOURNAL_TABLE);
      WorkloadGenerator generator = new WorkloadGenerator(primary, SAVEPOINT_HEAVY, seed, new Keys.Shared());
      TransactionExecutor executor = new TransactionExecutor(primary, stats, new TransactionExecutor.Listener() {});
      DatabaseState state = reader.readPrimary(observer, null);
      for (int number = 1; number <= TRANSACTIONS_PER_SEED; number++) {
        generator.observe(state);
        TransactionPlan plan = generator.next(number);
        executor.run(writer, plan);
        if (plan.operations().stream().anyMatch(op -> op.kind().isSchemaStatement())) {
          state = reader.readPrimary(observer, state); // only schema statements change what the model observes
        }
      }
      writer.setAutoCommit(true);
    }
    primary.drop(database);
    return stats;
  }
}
