package io.doltsync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.journal.JournalEntry;
import io.doltsync.internal.journal.JournalTable;
import io.doltsync.internal.journal.QuarantineTable;
import io.doltsync.internal.journal.TableChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Poison in the journal under load: while writers commit, another client of the primary forges journal rows
 * that Dolt refuses (a table Dolt does not have, a value too long for its column) or that cannot be decoded
 * (random bytes, an impossible chunk count). Each poison entry ends in the quarantine table, and every
 * committed transaction is still mirrored exactly once, with Dolt's head equal to the primary.
 */
class PoisonEntryTest {

  private static final int WRITERS = 2;
  private static final int POISONS = 4;

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.doltsync.tck.Primaries#concurrent")
  void poisonEntriesAreQuarantinedAndEveryTransactionIsMirroredExactlyOnce(TckPrimary primaries) throws Exception {
    run(primaries.primary());
  }

  /** The run on one primary: forged entries quarantined, every real transaction mirrored once. */
  static void run(Primary primary) throws Exception {
    long seed = TckSettings.seed();
    Random random = new Random(seed);
    try (TckEnvironment environment = TckEnvironment.create(primary, DoltDatabase.fresh(), seed)) {
      FaultWorkload.createTables(environment.primary());
      Set<String> poisons = new LinkedHashSet<>();
      try (FaultWriters writers = new FaultWriters(environment, WRITERS, seed, 0)) {
        environment.dolt().awaitBootstrap(TckEnvironment.MIRROR_TIMEOUT);
        writers.start();
        try (Connection forger = environment.primary().connect()) {
          forger.setAutoCommit(true);
          new JournalTable(environment.dialect(), TckEnvironment.JOURNAL_TABLE).ensureExists(forger);
          for (int i = 0; i < POISONS; i++) {
            Thread.sleep(200 + random.nextInt(300));
            poisons.add(forge(environment, forger, random));
          }
        }
        Thread.sleep(500);
        writers.stopAndAwaitMirrored(TckEnvironment.MIRROR_TIMEOUT);

        List<String> violations = new ArrayList<>(ExactlyOnceCheck.verify(environment, writers.committed()));
        violations.addAll(writers.unexpectedErrors());
        try (Connection primaryConnection = environment.primary().connect()) {
          Set<String> quarantined = new LinkedHashSet<>();
          new QuarantineTable(environment.dialect(), TckEnvironment.JOURNAL_TABLE).quarantined(primaryConnection)
              .forEach(q -> quarantined.add(q.transactionId()));
          if (!quarantined.equals(poisons)) {
            violations.add("quarantined " + quarantined + ", forged " + poisons);
          }
        }
        System.out.println("[tck] poison entries on " + primary.name() + ": " + writers.committedCount()
            + " transactions, " + poisons.size() + " poison entries quarantined, seed " + seed);
        if (violations.isEmpty()) {
          environment.succeeded();
        }
        assertThat(violations).as("seed " + seed).isEmpty();
      }
    }
  }

  /** Forges one poison row of a random kind; returns its transaction id. */
  private static String forge(TckEnvironment environment, Connection forger, Random random) throws Exception {
    String txn = UUID.randomUUID().toString();
    JournalTable journal = new JournalTable(environment.dialect(), TckEnvironment.JOURNAL_TABLE);
    switch (random.nextInt(4)) {
      case 0 -> journal.append(forger, entry(txn, new TableChange("not_in_dolt_" + random.nextInt(1000),
          TableChange.Kind.ROWS, null, List.of("id"), List.of("id"), List.<Object[]>of(new Object[] {1L}), List.of())));
      case 1 -> journal.append(forger, entry(txn, new TableChange("marker", TableChange.Kind.ROWS, null,
          List.of("seq", "writer"), List.of("seq"), List.<Object[]>of(new Object[] {-1 - random.nextInt(1000),
          "w".repeat(41 + random.nextInt(200))}), List.of())));
      default -> {
        byte[] payload = new byte[1 + random.nextInt(500)];
        random.nextBytes(payload);
        boolean badChunks = random.nextBoolean();
        try (PreparedStatement insert = forger.prepareStatement("INSERT INTO "
            + environment.dialect().quoteIdentifier(TckEnvironment.JOURNAL_TABLE)
            + " (txn, chunk, chunks, instance, payload) VALUES (?, ?, ?, ?, ?)")) {
          insert.setString(1, txn);
          insert.setInt(2, 0);
          insert.setInt(3, badChunks ? Integer.MAX_VALUE : 1);
          insert.setString(4, "forger");
          insert.setBytes(5, payload);
          insert.executeUpdate();
        }
      }
    }
    return txn;
  }

  private static JournalEntry entry(String txn, TableChange change) {
    return new JournalEntry(txn, "forger", "Mallory", "mallory@example.com", "poison", List.of(change), false);
  }
}
