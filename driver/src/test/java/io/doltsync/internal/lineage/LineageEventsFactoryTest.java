package io.doltsync.internal.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code doltsync.lineage.openLineage}: the three transports it names, and generated specs it refuses. */
class LineageEventsFactoryTest {

  @Test
  void noSpecMeansNoEvents() {
    assertThat(LineageEventsFactory.of(null)).isSameAs(LineageEvents.NONE);
    assertThat(LineageEventsFactory.of("  ")).isSameAs(LineageEvents.NONE);
  }

  @Test
  void consoleFileAndHttpMakeEmitters() {
    for (String spec : List.of("console", "CONSOLE", "file:/tmp/doltsync-openlineage-test.jsonl",
        "http://127.0.0.1:5000", "https://marquez.example/api/v1/lineage")) {
      assertThat(LineageEventsFactory.of(spec)).as(spec).isInstanceOf(OpenLineageEmitter.class);
    }
  }

  @Test
  void generatedSpecsOfOtherTransportsAreRefusedByName() {
    Random random = new Random(23);
    String[] schemes = {"kafka", "ftp", "s3", "gcs", "datadog", "consol", "files", "htp"};
    for (int i = 0; i < 40; i++) {
      String spec = schemes[random.nextInt(schemes.length)] + (random.nextBoolean() ? "://host:" + random.nextInt(65536)
          : ":" + Long.toHexString(random.nextLong()));
      assertThatThrownBy(() -> LineageEventsFactory.of(spec)).as(spec).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(spec).hasMessageContaining("console, file:<path> or an http(s):// URL");
    }
  }
}
