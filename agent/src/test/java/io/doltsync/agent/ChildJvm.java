package io.doltsync.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a test application in a child JVM, with or without {@code -javaagent:target/doltsync-agent.jar}, on the
 * test class path less doltsync's own modules (the agent jar brings them, with its dependencies relocated).
 */
final class ChildJvm {

  static final Path AGENT_JAR = Path.of("target", "doltsync-agent.jar").toAbsolutePath();

  private final List<String> jvmOptions = new ArrayList<>();
  private final List<String> classPath = new ArrayList<>(applicationClassPath());

  static ChildJvm withAgent(String arguments) {
    assertThat(AGENT_JAR).as("the build makes the agent jar before the tests").exists();
    ChildJvm jvm = new ChildJvm();
    jvm.jvmOptions.add("-javaagent:" + AGENT_JAR + (arguments == null ? "" : "=" + arguments));
    return jvm;
  }

  static ChildJvm withoutAgent() {
    return new ChildJvm();
  }

  ChildJvm option(String option) {
    jvmOptions.add(option);
    return this;
  }

  /** Puts doltsync's own modules on the class path too (as an application that uses the driver has them). */
  ChildJvm withDriverOnClassPath() {
    classPath.clear();
    classPath.addAll(Arrays.stream(testClassPath()).filter(entry -> !entry.contains("/agent/target/classes"))
        .collect(Collectors.toList()));
    return this;
  }

  /** Starts the class's {@code main}; the caller waits for it with {@link Running#finish}. */
  Running start(Class<?> main, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath));
    command.add(main.getName());
    command.addAll(List.of(arguments));
    Path output = Files.createTempFile("child-jvm", ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    return new Running(process, output);
  }

  /** Runs the class's {@code main} to its end (at most {@code timeoutSeconds}); fails unless it exits with 0. */
  String run(int timeoutSeconds, Class<?> main, String... arguments) throws Exception {
    return start(main, arguments).finish(timeoutSeconds);
  }

  /** A started child JVM. */
  static final class Running {
    private final Process process;
    private final Path output;

    Running(Process process, Path output) {
      this.process = process;
      this.output = output;
    }

    long pid() {
      return process.pid();
    }

    String outputSoFar() throws IOException {
      return Files.readString(output, StandardCharsets.UTF_8);
    }

    String finish(int timeoutSeconds) throws Exception {
      boolean exited = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      if (!exited) {
        process.destroyForcibly();
      }
      String text = outputSoFar();
      Files.deleteIfExists(output);
      assertThat(exited).as("child JVM ended within %d s; output:%n%s", timeoutSeconds, text).isTrue();
      assertThat(process.exitValue()).as("child JVM exit code; output:%n%s", text).isZero();
      return text;
    }
  }

  /** A line {@code <key> <value>} that the application printed. */
  static String printed(String output, String key) {
    return output.lines().filter(line -> line.startsWith(key + " ")).map(line -> line.substring(key.length() + 1))
        .reduce((first, last) -> last)
        .orElseThrow(() -> new AssertionError("the application printed no " + key + "; output:\n" + output));
  }

  private static String[] testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return (surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path"))
        .split(File.pathSeparator);
  }

  /** The test class path without doltsync's driver, SPI and parser extensions, nor the agent's unshaded classes. */
  private static List<String> applicationClassPath() {
    return Arrays.stream(testClassPath())
        .filter(entry -> !entry.contains("/agent/target/classes"))
        .filter(entry -> !isDoltSyncModule(entry))
        .collect(Collectors.toList());
  }

  private static boolean isDoltSyncModule(String entry) {
    String normalized = entry.replace('\\', '/');
    return normalized.matches(".*/(driver|spi|jsqlparser-extensions)/target/classes/?")
        || normalized.matches(".*/doltsync-(driver|spi|jsqlparser-extensions)-[^/]*\\.jar");
  }
}
