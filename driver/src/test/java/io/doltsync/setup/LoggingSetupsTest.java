package io.doltsync.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * doltsync's log lines reach the application's log under the usual logging setups, each run in a child
 * JVM whose class path holds the driver, H2 and MariaDB's driver plus exactly that setup's jars (copied
 * from Maven Central by the build into {@code target/logging-setups/}): the child opens a mirroring
 * connection, and the mirror's start line must come out through the setup's own layout. The two setups
 * that pair an SLF4J 1.x binding with slf4j-api 2 (what Maven picks when doltsync is declared before the
 * binding) lose every line without {@link io.doltsync.internal.logging.DoltSyncLoggers}' fallback.
 */
class LoggingSetupsTest {

  /** A logging setup: its jars' folder, the configuration folder or JVM options, and its layout's prefix. */
  enum Setup {
    LOGBACK("logback", "logback", List.of(), "LOGBACK|INFO|io.doltsync.internal.mirror.Mirror|"),
    LOG4J2_SLF4J1("log4j2-slf4j1", "log4j2", List.of(), "LOG4J2|INFO|io.doltsync.internal.mirror.Mirror|"),
    /** log4j-slf4j-impl (SLF4J 1.x binding) with slf4j-api 2, as Maven resolves it when doltsync is declared first. */
    LOG4J2_SLF4J1_WITH_API2("log4j2-slf4j1-api2", "log4j2", List.of(), "LOG4J2|INFO|io.doltsync.internal.mirror.Mirror|"),
    LOG4J2_SLF4J2("log4j2-slf4j2", "log4j2", List.of(), "LOG4J2|INFO|io.doltsync.internal.mirror.Mirror|"),
    JUL("jul", null, List.of("-Djava.util.logging.SimpleFormatter.format=JUL|%4$s|%3$s|%5$s%n"),
        "JUL|INFO|io.doltsync.internal.mirror.Mirror|"),
    /** slf4j-jdk14 1.7 with slf4j-api 2. */
    JUL_SLF4J1_WITH_API2("jul-slf4j1-api2", null,
        List.of("-Djava.util.logging.SimpleFormatter.format=JUL|%4$s|%3$s|%5$s%n"), "JUL|INFO|io.doltsync.internal.mirror.Mirror|");

    final String jars;
    final String configuration;
    final List<String> jvmOptions;
    final String prefix;

    Setup(String jars, String configuration, List<String> jvmOptions, String prefix) {
      this.jars = jars;
      this.configuration = configuration;
      this.jvmOptions = jvmOptions;
      this.prefix = prefix;
    }
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void theMirrorsStartLineReachesTheApplicationsLog(Setup setup) throws Exception {
    Path setups = Path.of("target", "logging-setups");
    List<String> classPath = new ArrayList<>(ChildJvm.classPathWithout(
        jar -> jar.startsWith("slf4j-") || jar.startsWith("logback-") || jar.startsWith("log4j-")));
    try (Stream<Path> jars = Files.list(setups.resolve(setup.jars))) {
      List<String> setupJars = jars.map(Path::toString).sorted().toList();
      assertThat(setupJars).as("jars of %s (copied by the build's logging-setups step)", setup).isNotEmpty();
      classPath.addAll(0, setupJars);
    } catch (IOException e) {
      throw new AssertionError("run the build's generate-test-resources phase first: " + e.getMessage(), e);
    }
    if (setup.configuration != null) {
      classPath.add(0, Path.of("target", "test-classes", "logging-setups", setup.configuration).toString());
    }
    // the mirror logs its start before its applier first reaches Dolt: no Dolt server is needed (none listens on port 1)
    String url = DoltSyncUrls.wrap(TestServers.h2Url(null), "doltsync.target", "jdbc:mariadb://127.0.0.1:1/logsetup");
    ChildJvm.Outcome outcome = ChildJvm.run(setup.jvmOptions, classPath, ConnectProbe.class.getName(), "sa", "", url);
    assertThat(outcome.output()).as(outcome.output())
        .contains("CONNECTED")
        .contains(setup.prefix + "doltsync mirrors h2 into dolt sql-server")
        .doesNotContain("NOPLogger");
  }
}
