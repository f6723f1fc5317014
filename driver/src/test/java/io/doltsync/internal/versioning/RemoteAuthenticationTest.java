package io.doltsync.internal.versioning;

import static io.doltsync.internal.versioning.DoltFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.doltsync.testing.CapturedOutput;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --user} with the password in DOLT_REMOTE_PASSWORD of the pushing server's process. The remote is a
 * server of its own whose root has a password, so that anonymous access is refused; the password never
 * shows in what the session reports.
 */
class RemoteAuthenticationTest {

  private static final String PASSWORD = "s3cret-Remote-pw-71";
  private static final String USER = "pusher";
  private static final String UNTOUCHED = "untouched";

  private static CapturedOutput output;
  private static LocalDoltServer remote;
  private static LocalDoltServer pushing;
  private static VersioningSession session;
  private static String remoteUrl;

  @BeforeAll
  static void startServers() throws Exception {
    output = CapturedOutput.start();
    remote = LocalDoltServer.start(Map.of("DOLT_ROOT_PASSWORD", "root-pw-of-the-remote"), true);
    try (Connection root = remote.connect(""); Statement statement = root.createStatement()) {
      statement.execute("CREATE DATABASE " + UNTOUCHED);
      statement.execute("CREATE DATABASE shop");
      statement.execute("USE shop");
      statement.execute("CREATE TABLE orders (id INT PRIMARY KEY, item VARCHAR(40))");
      statement.execute("CALL dolt_commit('-Am', 'orders')");
      statement.execute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
      statement.execute("GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%' WITH GRANT OPTION");
    }
    remoteUrl = remote.remotesApiUrl("shop");
    pushing = LocalDoltServer.start(Map.of("DOLT_REMOTE_PASSWORD", PASSWORD), false);
    try (Connection root = pushing.connect(""); Statement statement = root.createStatement()) {
      statement.execute("CALL dolt_clone('--user', '" + USER + "', '" + remoteUrl + "', 'shop')");
    }
    session = newSession();
  }

  @AfterAll
  static void stopServers() throws Exception {
    try (CapturedOutput o = output; LocalDoltServer r = remote; LocalDoltServer p = pushing) {
      session.close();
    }
  }

  @Test
  void pushWithUserAuthenticatesWithThePasswordOfThePushingServer() throws Exception {
    String commit = DoltFixture.value(run(session, "CALL DOLT_COMMIT('-m', 'to push', '--allow-empty')"));

    run(session, "CALL dolt_push('--user', '" + USER + "', 'origin', 'main')");

    try (Connection root = remote.connect("shop")) {
      assertThat(SqlRunner.value(root, "SELECT HASHOF('main')")).isEqualTo(commit);
    }
    assertPasswordNowhere();
  }

  /**
   * Against a database of the remote never reached with valid credentials: Dolt 1.86.4 keeps the
   * connection to a remote it reached with {@code --user} and reuses it, credentials included, for later
   * pushes to the same URL, even through a remote added without {@code --user}.
   */
  @Test
  void refusedPushesNeverShowThePassword() throws Exception {
    run(session, "CALL dolt_remote('add', 'anonymous', '" + remote.remotesApiUrl(UNTOUCHED) + "')");

    Throwable anonymous = catchThrowable(() -> run(session, "CALL dolt_push('anonymous', 'main')"));
    Throwable stranger = catchThrowable(() -> run(session, "CALL dolt_push('--user', 'stranger', 'anonymous', 'main')"));

    assertThat(anonymous).isInstanceOf(SQLException.class).hasMessageContaining("Access denied for user 'root'");
    assertThat(stranger).isInstanceOf(SQLException.class).hasMessageContaining("Access denied for user 'stranger'");
    assertPasswordNowhere(anonymous, stranger);
  }

  @Test
  void nonFastForwardHintWithUserNeverShowsThePassword() throws Exception {
    try (Connection root = remote.connect("shop"); Statement statement = root.createStatement()) {
      statement.execute("INSERT INTO orders VALUES (100, 'remote only')");
      statement.execute("CALL dolt_commit('-am', 'remote only')");
    }
    run(session, "CALL DOLT_COMMIT('-m', 'local only', '--allow-empty')");

    Throwable rejected = catchThrowable(() -> run(session, "CALL dolt_push('--user', '" + USER + "', 'origin', 'main')"));

    assertThat(rejected).isInstanceOf(SQLException.class).hasMessageContaining("hint:");
    assertPasswordNowhere(rejected);
    run(session, "CALL dolt_push('--user', '" + USER + "', '--force', 'origin', 'main')");
  }

  /** A session on the pushing server's clone, whose "mirror" makes a Dolt commit on main. */
  private static VersioningSession newSession() {
    PrimaryTransactions mirror = (metadata, allowEmpty) -> {
      try (Connection main = pushing.connect("shop")) {
        return SqlRunner.value(main, "CALL dolt_commit('-Am', ?, '--allow-empty')", metadata.message());
      }
    };
    return new VersioningSession(() -> pushing.connect("shop"), "shop", "main", mirror);
  }

  /** Not in the exceptions (messages, causes, stack traces), not in what the JVM logged, not in the servers' logs. */
  private static void assertPasswordNowhere(Throwable... thrown) throws Exception {
    for (Throwable exception : thrown) {
      assertThat(fullText(exception)).doesNotContain(PASSWORD);
    }
    assertThat(output.text()).doesNotContain(PASSWORD);
    assertThat(pushing.log() + remote.log()).doesNotContain(PASSWORD);
  }

  /** The messages of an exception, its causes and suppressed exceptions, and its stack trace. */
  private static String fullText(Throwable thrown) {
    StringWriter text = new StringWriter();
    thrown.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
