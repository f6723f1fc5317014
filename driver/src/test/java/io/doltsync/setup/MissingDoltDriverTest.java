package io.doltsync.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An application with no MySQL-protocol JDBC driver for Dolt (a PostgreSQL or H2 application without
 * mariadb-java-client or mysql-connector-j) gets one clear error at its first connection, naming the jar to
 * add, for every kind of target; never a connection that works while nothing mirrors and an applier that
 * logs "No suitable driver" for ever. Run in a child JVM whose class path lacks the MariaDB driver.
 */
class MissingDoltDriverTest {

  @Test
  void everyTargetFailsAtTheFirstConnectionNamingTheJar() throws Exception {
    List<String> classPath = ChildJvm.classPathWithout(
        jar -> jar.startsWith("mariadb-java-client") || jar.startsWith("mysql-connector"));
    assertThat(classPath).noneMatch(entry -> entry.contains("mariadb-java-client"));
    Path embedded = Files.createTempDirectory("doltsync-nodriver");
    String h2 = TestServers.h2Url(null);
    String postgres = TestServers.postgresUrl();
    List<String> urls = List.of(
        DoltSyncUrls.wrap(h2, "doltsync.target", TestServers.doltUrl("nodriver")),
        DoltSyncUrls.wrap(h2, "doltsync.target", "jdbc:mysql://127.0.0.1:" + TestServers.doltPort() + "/nodriver"),
        DoltSyncUrls.wrap(h2, "doltsync.target", "embedded:" + embedded),
        DoltSyncUrls.wrap(postgres, "doltsync.target", TestServers.doltUrl("nodriver")));
    ChildJvm.Outcome outcome = ChildJvm.run(classPath, ConnectProbe.class.getName(),
        "sa", "", urls.get(0), "sa", "", urls.get(1), "sa", "", urls.get(2),
        TestServers.USER, TestServers.PASSWORD, urls.get(3));
    List<String> lines = outcome.output().lines().filter(line -> line.startsWith("FAILED") || line.startsWith("CONNECTED"))
        .toList();
    assertThat(lines).as(outcome.output()).hasSize(8).allSatisfy(line -> assertThat(line)
        .startsWith("FAILED java.sql.SQLNonTransientConnectionException 08001")
        .contains("org.mariadb.jdbc:mariadb-java-client").contains("mysql-connector-j"));
    assertThat(outcome.output()).doesNotContain("No suitable driver").doesNotContain("applier");
    try (var files = Files.list(embedded)) {
      assertThat(files).as("no Dolt server was started for the embedded target").isEmpty();
    }
  }
}
