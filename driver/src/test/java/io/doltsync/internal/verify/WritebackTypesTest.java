package io.doltsync.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.VerifyReport;
import io.doltsync.WritebackOptions;
import io.doltsync.WritebackReport;
import io.doltsync.internal.verify.DriftFixture.Column;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.QueryRows;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Write-back over every column type the dialects map (verify's drift fixture, NULLs included): a
 * transaction rewriting random rows in every column, deleting and inserting some, is reverted, then the
 * table is restored to that transaction's state; each time Dolt's new head equals the revision it defines
 * and verify finds the primary equal to Dolt, so every value went from Dolt back into the primary exactly.
 * The seed comes from {@code -Ddoltsync.writebackSeed} (default: random, printed with every failure).
 */
class WritebackTypesTest {

  private static final int ROWS = 40;

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void everyMappedTypeGoesBackIntoThePrimaryExactly(PrimaryKind kind) throws Exception {
    long seed = Long.getLong("doltsync.writebackSeed", new Random().nextLong());
    Random random = new Random(seed);
    String context = kind + " seed " + seed;
    String doltDb = DoltDatabases.newName("wbtypes");
    List<Column> columns = DriftFixture.columns(kind);
    try (PrimaryKind.Space space = kind.createSpace("wbtypes")) {
      String url = DoltSyncUrls.withParameter(DoltSyncUrls.mirroring(space.url(), doltDb), "doltsync.mode", "sync");
      try (Connection app = DriverManager.getConnection(url, kind.credentials());
          Connection dolt = TestServers.dolt(doltDb)) {
        try (Statement statement = app.createStatement()) {
          statement.execute(DriftFixture.createTable(DriftFixture.KEYED, columns, true));
        }
        app.setAutoCommit(false);
        for (long id = 1; id <= ROWS; id++) {
          write(app, DriftFixture.insert(DriftFixture.KEYED, columns, true), columns, id, random);
        }
        String filled = commit(app);
        for (long id = 1; id <= ROWS; id += 1 + random.nextInt(3)) {
          if (random.nextInt(5) == 0) {
            try (Statement statement = app.createStatement()) {
              statement.executeUpdate("DELETE FROM " + DriftFixture.KEYED + " WHERE id = " + id);
            }
          } else {
            write(app, update(columns), columns, id, random);
          }
        }
        for (long id = ROWS + 1; id <= ROWS + 5; id++) {
          write(app, DriftFixture.insert(DriftFixture.KEYED, columns, true), columns, id, random);
        }
        String rewritten = commit(app);
        app.setAutoCommit(true);

        WritebackReport reverted = DoltSync.revert(app, rewritten, WritebackOptions.DEFAULT);
        assertThat(reverted.commitHash()).as(context).isNotBlank();
        assertThat(reverted.conflictCount()).isZero();
        assertThat(table(dolt, "HEAD")).as(context).isEqualTo(table(dolt, filled));
        VerifyReport afterRevert = DoltSync.verify(app);
        assertThat(afterRevert.inSync()).as(context + ": " + afterRevert.differingTables()).isTrue();

        WritebackReport restored = DoltSync.restore(app, rewritten, WritebackOptions.DEFAULT);
        assertThat(restored.commitHash()).as(context).isNotBlank();
        assertThat(table(dolt, "HEAD")).as(context).isEqualTo(table(dolt, rewritten));
        VerifyReport afterRestore = DoltSync.verify(app);
        assertThat(afterRestore.inSync()).as(context + ": " + afterRestore.differingTables()).isTrue();
      }
    } finally {
      DoltDatabases.drop(doltDb);
    }
  }

  private static String update(List<Column> columns) {
    StringBuilder sql = new StringBuilder("UPDATE ").append(DriftFixture.KEYED).append(" SET ");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(columns.get(i).name()).append(" = ").append(columns.get(i).placeholder());
    }
    return sql.append(" WHERE id = ?").toString();
  }

  /** Runs an insert ({@code id} first) or an update ({@code id} last) with random values in every column. */
  private static void write(Connection app, String sql, List<Column> columns, long id, Random random) throws SQLException {
    boolean insert = sql.startsWith("INSERT");
    try (PreparedStatement statement = app.prepareStatement(sql)) {
      int index = 1;
      if (insert) {
        statement.setLong(index++, id);
      }
      for (Column column : columns) {
        statement.setObject(index++, DriftFixture.value(column, random));
      }
      if (!insert) {
        statement.setLong(index, id);
      }
      statement.executeUpdate();
    }
  }

  private static String commit(Connection app) throws SQLException {
    app.commit();
    return app.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
  }

  private static List<List<String>> table(Connection dolt, String revision) throws SQLException {
    return QueryRows.rows(dolt, "SELECT * FROM " + DriftFixture.KEYED + " AS OF '" + revision + "' ORDER BY id");
  }
}
