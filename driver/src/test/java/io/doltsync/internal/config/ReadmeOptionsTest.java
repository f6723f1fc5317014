package io.doltsync.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's option table documents every option with its real default. */
class ReadmeOptionsTest {

  @Test
  void everyOptionIsDocumentedWithItsDefault() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (DoltSyncOption option : DoltSyncOption.values()) {
      String row = readme.lines().filter(line -> line.startsWith("| `" + option.key() + "` |")).findFirst()
          .orElseThrow(() -> new AssertionError("README.md has no option row for " + option.key()));
      if (option.defaultValue() != null && !option.defaultValue().isEmpty()) {
        assertThat(row).as(option.key()).contains("`" + option.defaultValue() + "`");
      }
    }
  }
}
