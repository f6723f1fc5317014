package io.doltsync.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The health document's strings go through the one JSON string writer the driver has
 * ({@code CanonicalJson.writeString}): error messages of every kind of character (quotes, backslashes, every
 * control character, non-ASCII, emoji) come out as valid JSON that reads back as the message. Generated; read
 * back with Jackson, an independent parser.
 */
class SyncHealthJsonTest {

  private static final String SPECIAL = "\"\\/'{}[]:,\u00e9\u4e2d\ud83d\ude00";

  @Test
  void everyErrorMessageReadsBackFromTheHealthDocument() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      String message = message(random, round);
      SyncHealth health = new SyncHealth(Duration.ofSeconds(60));
      health.runFailed(new SQLException(message));
      String document = health.json(Instant.now());
      JsonNode root = json.readTree(document);
      assertThat(root.path("last_error").path("message").asText()).as(document).isEqualTo(message);
    }
  }

  /** Round {@code i} &lt; 32 holds control character {@code i}; later rounds mix everything at random. */
  private static String message(Random random, int round) {
    if (round < 32) {
      return "before " + (char) round + " after";
    }
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(40);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(3)) {
        case 0 -> text.append((char) random.nextInt(0x20));
        case 1 -> text.append(SPECIAL.charAt(random.nextInt(SPECIAL.length() - 2)));
        default -> text.append((char) ('a' + random.nextInt(26)));
      }
    }
    return text.append(SPECIAL.substring(SPECIAL.length() - 2)).toString();
  }
}
