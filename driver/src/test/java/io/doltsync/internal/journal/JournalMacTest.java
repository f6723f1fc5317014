package io.doltsync.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The journal MAC streams: for generated payloads of every size (empty, shorter than the MAC, around the read
 * buffer, several megabytes) read back in generated read sizes, the bytes come back whole and the MAC checks;
 * any flipped byte, a truncated entry, another transaction id or another secret fails.
 */
class JournalMacTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", 21L);

  @Test
  void generatedPayloadsRoundTripAndEveryTamperingIsCaught() throws IOException {
    Random random = new Random(SEED);
    JournalMac mac = new JournalMac("secret");
    int[] sizes = {0, 1, 31, 32, 33, 8191, 65_536, 65_569, 3 * 1024 * 1024 + 7};
    for (int size : sizes) {
      byte[] payload = new byte[size];
      random.nextBytes(payload);
      byte[] signed = sign(mac, "txn", payload);
      assertThat(signed).hasSize(size + JournalMac.LENGTH);
      assertThat(readVerified(mac, "txn", signed, random)).isEqualTo(payload);

      byte[] flipped = signed.clone();
      flipped[random.nextInt(flipped.length)] ^= (byte) (1 + random.nextInt(255));
      assertThatThrownBy(() -> readVerified(mac, "txn", flipped, random)).isInstanceOf(JournalFormatException.class);
      byte[] truncated = java.util.Arrays.copyOf(signed, signed.length - 1 - random.nextInt(Math.min(signed.length, 40)));
      assertThatThrownBy(() -> readVerified(mac, "txn", truncated, random)).isInstanceOf(JournalFormatException.class);
      assertThatThrownBy(() -> readVerified(mac, "other", signed, random)).isInstanceOf(JournalFormatException.class);
      assertThatThrownBy(() -> readVerified(new JournalMac("guess"), "txn", signed, random))
          .isInstanceOf(JournalFormatException.class).hasMessageContaining("no valid MAC");
    }
  }

  private static byte[] sign(JournalMac mac, String txn, byte[] payload) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = mac.signing(txn, sink)) {
      out.write(payload);
    }
    return sink.toByteArray();
  }

  private static byte[] readVerified(JournalMac mac, String txn, byte[] signed, Random random) throws IOException {
    InputStream trickle = new ByteArrayInputStream(signed) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(70_000)));
      }
    };
    JournalMac.Verifying verifying = mac.verifying(txn, trickle);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1 + random.nextInt(100_000)];
    for (int n = verifying.read(buffer, 0, buffer.length); n >= 0; n = verifying.read(buffer, 0, buffer.length)) {
      out.write(buffer, 0, n);
    }
    verifying.verify();
    return out.toByteArray();
  }
}
