package io.doltsync.setup;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Runs a main class of the test classes in a JVM of its own, on a class path the test chooses. */
final class ChildJvm {

  /** What the child printed (stdout and stderr together) and how it ended. */
  record Outcome(int exitCode, String output) {}

  private ChildJvm() {}

  /** This JVM's class path without the entries the filter rejects. */
  static List<String> classPathWithout(Predicate<String> unwanted) {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isBlank() && !unwanted.test(Path.of(entry).getFileName().toString())) {
        entries.add(entry);
      }
    }
    return entries;
  }

  static Outcome run(List<String> classPath, String mainClass, String... arguments) throws Exception {
    return run(List.of(), classPath, mainClass, arguments);
  }

  static Outcome run(List<String> jvmOptions, List<String> classPath, String mainClass, String... arguments)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1"); // a short-lived child: start fast
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), mainClass));
    command.addAll(Arrays.asList(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("child JVM did not end: " + new String(output, StandardCharsets.UTF_8));
    }
    return new Outcome(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
