package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.journal.JournalFormatException;
import java.io.IOException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which apply failures are retried for as long as it takes, and which count against the entry. */
class ApplyFailuresTest {

  @Test
  void connectionLockAndServerFailuresAreTransient() {
    List<Throwable> transients = List.of(
        new SQLNonTransientConnectionException("Socket fail to connect", "08000"),
        new SQLTransientConnectionException("pool exhausted", "08001"),
        new SQLTransactionRollbackException("serialization failure", "40001"),
        new SQLException("Deadlock found when trying to get lock", "HY000", 1213),
        new SQLException("Lock wait timeout exceeded", "HY000", 1205),
        new SQLException("could not resolve initial root for database x/", "HY000", 1105),
        new SQLException("wrapped", "HY000", new SocketException("Connection reset")),
        new IOException("cannot read journal row 7", new SQLException("relation does not exist", "42P01")));
    assertThat(transients).allSatisfy(failure ->
        assertThat(ApplyFailures.classify(failure)).as(failure.toString()).isEqualTo(ApplyFailures.Kind.TRANSIENT));
  }

  @Test
  void whatDoltRefusesAndUndecodableEntriesCountAgainstTheEntry() {
    List<Throwable> refused = List.of(
        new SQLException("Data too long for column 'note' at row 1", "22001", 1406),
        new SQLSyntaxErrorException("table not found: nosuch", "42S02", 1146),
        new SQLIntegrityConstraintViolationException("Check constraint small_ids violated", "23000", 3819),
        new SQLException("Out of range value for column 'id'", "22003", 1264),
        new JournalFormatException("journal entry is truncated"),
        new IllegalArgumentException("unexpected value"));
    assertThat(refused).allSatisfy(failure ->
        assertThat(ApplyFailures.classify(failure)).as(failure.toString()).isEqualTo(ApplyFailures.Kind.REFUSED));
  }

  @Test
  void theDescriptionIsTheDeepestSqlErrorsMessage() {
    Exception failure = new RuntimeException("outer", new SQLException("Data too long for column 'note'", "22001"));
    assertThat(ApplyFailures.describe(failure)).isEqualTo("SQLException: Data too long for column 'note'");
  }
}
