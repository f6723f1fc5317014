package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.TableSchema;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The writer's schema work (creating, re-creating and dropping tables, which looks up the name Dolt has a table under)
 * reads its own database only: while other sessions create and drop databases on the same Dolt server, generated runs
 * of creates, re-creates, drops and row writes all commit, and the commit holds exactly the tables a model holds.
 * Dolt's {@code information_schema} walks every database of the server and failed such a lookup ("could not resolve
 * initial root for database ...") when another session dropped a database meanwhile.
 */
class OtherDatabasesChurnTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final List<String> NAMES = List.of("orders", "notes", "Items", "log");

  @Test
  void schemaChangesCommitWhileOtherDatabasesComeAndGo() throws Exception {
    String database = TestServers.createDoltDatabase("churn");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger churned = new AtomicInteger();
    AtomicReference<Throwable> churnFailure = new AtomicReference<>();
    Thread churn = new Thread(() -> {
      try (Connection server = TestServers.dolt(); Statement statement = server.createStatement()) {
        while (!stop.get()) {
          String other = TestServers.uniqueName("churn_other");
          statement.execute("CREATE DATABASE `" + other + "`");
          statement.execute("CREATE TABLE `" + other + "`.t (id INT PRIMARY KEY)");
          statement.execute("DROP DATABASE `" + other + "`");
          churned.incrementAndGet();
        }
      } catch (Throwable e) {
        churnFailure.set(e);
      }
    }, "dolt-database-churn");
    churn.start();
    Random random = new Random(SEED);
    DoltWriter writer = new DoltWriter(SourceDialects.forUrl(TestServers.mariadbUrl()), false);
    TreeSet<String> model = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    try (Connection dolt = TestServers.dolt(database)) {
      dolt.setAutoCommit(false);
      for (int commit = 0; commit < 25; commit++) {
        for (int step = 1 + random.nextInt(4); step > 0; step--) {
          String table = NAMES.get(random.nextInt(NAMES.size()));
          switch (random.nextInt(3)) {
            case 0 -> {
              writer.apply(dolt, new TableChange(table, TableChange.Kind.RESHAPE, schema(table), List.of("id", "note"),
                  List.of("id"), List.<Object[]>of(new Object[] {step, "r"}), List.of()));
              model.add(table);
            }
            case 1 -> {
              writer.apply(dolt, TableChange.drop(table));
              model.remove(table);
            }
            default -> {
              if (model.contains(table)) {
                writer.apply(dolt, new TableChange(table, TableChange.Kind.ROWS, schema(table), List.of("id", "note"),
                    List.of("id"), List.<Object[]>of(new Object[] {commit, "w"}), List.of()));
              }
            }
          }
        }
        writer.commit(dolt, "commit " + commit, "test", "test@example.com", Instant.now(), true);
        assertThat(tables(dolt)).as("tables after commit %d (seed %d)", commit, SEED)
            .containsExactlyInAnyOrderElementsOf(model.stream().map(name -> name.toLowerCase(java.util.Locale.ROOT))
                .toList());
        dolt.commit();
      }
    } finally {
      stop.set(true);
      churn.join();
      TestServers.dropDoltDatabase(database);
    }
    assertThat(churnFailure.get()).as("the churning session").isNull();
    assertThat(churned.get()).as("databases created and dropped meanwhile").isPositive();
  }

  private static TableSchema schema(String table) {
    return new TableSchema(table, List.of(new ColumnSchema("id", Types.INTEGER, "int", 10, 0, false, false, null),
        new ColumnSchema("note", Types.VARCHAR, "varchar(20)", 20, null, true, false, null)), List.of("id"), List.of(),
        List.of(), List.of());
  }

  private static List<String> tables(Connection dolt) throws Exception {
    List<String> tables = new java.util.ArrayList<>();
    try (Statement statement = dolt.createStatement(); ResultSet rs = statement.executeQuery("SHOW TABLES")) {
      while (rs.next()) {
        tables.add(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return tables;
  }
}
