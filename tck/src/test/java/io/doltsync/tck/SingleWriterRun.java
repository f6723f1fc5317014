package io.doltsync.tck;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The single-writer oracle: one doltsync connection runs the generated workload; after every commit
 * point the {@link HistoryRecorder} notes the primary's state and the Dolt commit; at the end the
 * {@link HistoryVerifier} checks every Dolt commit against those states.
 */
final class SingleWriterRun {

  private final Primary primary;
  private final int transactions;
  private final long seed;

  SingleWriterRun(Primary primary, int transactions, long seed) {
    this.primary = primary;
    this.transactions = transactions;
    this.seed = seed;
  }

  RunSummary run() throws Exception {
    WorkloadStats stats = new WorkloadStats();
    try (TckEnvironment environment = TckEnvironment.create(primary, DoltDatabase.fresh(), seed);
        AsOfComparisons comparisons = new AsOfComparisons(environment.reader(), environment.dolt())) {
      Connection writer = environment.openDoltSync();
      environment.dolt().awaitBootstrap(TckEnvironment.MIRROR_TIMEOUT);
      Connection observer = environment.openPrimary();
      StateReader reader = environment.reader();
      DatabaseState initial = reader.readPrimary(observer, null);
      HistoryRecorder recorder = new HistoryRecorder(reader, observer, initial, TckEnvironment.MIRROR_TIMEOUT,
          comparisons);
      WorkloadGenerator generator = new WorkloadGenerator(primary, WorkloadOptions.singleWriter(), seed, new Keys.Shared());
      TransactionExecutor executor = new TransactionExecutor(primary, stats, recorder);

      long started = System.nanoTime();
      for (int number = 1; number <= transactions; number++) {
        generator.observe(recorder.lastState());
        executor.run(writer, generator.next(number));
      }
      Duration workload = Duration.ofNanos(System.nanoTime() - started);
      System.out.println("[tck] single-writer on " + primary.name() + ": " + recorder.timing());

      started = System.nanoTime();
      List<String> violations = new ArrayList<>(recorder.violations());
      HistoryVerifier verifier = new HistoryVerifier(comparisons, writer.getMetaData().getUserName());
      violations.addAll(verifier.verify(initial, recorder.expected(), environment.dolt()));
      violations.addAll(stats.unexpectedErrors());
      violations.addAll(Coverage.missing(generator.kinds(), stats));
      Duration verification = Duration.ofNanos(System.nanoTime() - started);
      if (violations.isEmpty()) {
        environment.succeeded();
      }
      return new RunSummary("single-writer", primary.name(), seed, transactions, verifier.commitsChecked(), workload,
          verification, stats, violations);
    }
  }
}
