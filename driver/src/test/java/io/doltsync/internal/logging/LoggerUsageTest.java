package io.doltsync.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every doltsync class gets its logger from {@link DoltSyncLoggers}, so that its lines survive an SLF4J 1.x
 * binding next to slf4j-api 2 (see LoggingSetupsTest); a class that calls {@code LoggerFactory} directly
 * would log nothing there.
 */
class LoggerUsageTest {

  @Test
  void noDriverClassAsksLoggerFactoryDirectly() throws IOException {
    Path sources = Path.of("src", "main", "java");
    assertThat(sources).isDirectory();
    try (Stream<Path> files = Files.walk(sources)) {
      List<Path> direct = files.filter(file -> file.toString().endsWith(".java"))
          .filter(file -> !file.endsWith(Path.of("io", "doltsync", "internal", "logging", "DoltSyncLoggers.java")))
          .filter(file -> read(file).contains("LoggerFactory.getLogger("))
          .toList();
      assertThat(direct).as("use DoltSyncLoggers.get(...) instead of LoggerFactory.getLogger(...)").isEmpty();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
