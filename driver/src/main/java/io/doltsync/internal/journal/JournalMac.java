package io.doltsync.internal.journal;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 that journal entries carry when {@code doltsync.journalSecret} is set: computed over the
 * transaction id and the encoded entry, appended to the entry's bytes as they stream into the journal, and
 * checked as they stream out, before the entry is applied. A row another client of the primary forged (or
 * an entry written without the secret) has no valid MAC: it fails to decode with a {@link JournalFormatException},
 * which the applier quarantines instead of applying.
 */
final class JournalMac {

  static final int LENGTH = 32;
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  JournalMac(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  private Mac start(String transactionId) throws IOException {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(transactionId.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot compute the journal MAC: " + e.getMessage(), e);
    }
  }

  /** A stream that passes the entry's bytes to {@code sink} and appends their MAC when closed. */
  OutputStream signing(String transactionId, OutputStream sink) throws IOException {
    Mac mac = start(transactionId);
    return new FilterOutputStream(sink) {
      private boolean closed;

      @Override
      public void write(int b) throws IOException {
        mac.update((byte) b);
        out.write(b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        mac.update(bytes, offset, length);
        out.write(bytes, offset, length);
      }

      @Override
      public void close() throws IOException {
        if (!closed) {
          closed = true;
          out.write(mac.doFinal());
          out.close();
        }
      }
    };
  }

  /** A stream of the entry's bytes without their MAC; {@link Verifying#verify} then checks it. */
  Verifying verifying(String transactionId, InputStream source) throws IOException {
    return new Verifying(start(transactionId), source, transactionId);
  }

  /** Holds back the last {@link #LENGTH} bytes of the stream: the MAC, compared once the entry is read. */
  static final class Verifying extends FilterInputStream {
    private final Mac mac;
    private final String transactionId;
    private final byte[] held = new byte[LENGTH];
    private int heldCount;
    private boolean ended;

    private Verifying(Mac mac, InputStream source, String transactionId) {
      super(source);
      this.mac = mac;
      this.transactionId = transactionId;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      while (!ended && heldCount < LENGTH) {
        int n = in.read(held, heldCount, LENGTH - heldCount);
        if (n < 0) {
          ended = true;
        } else {
          heldCount += n;
        }
      }
      if (ended) {
        return -1;
      }
      byte[] incoming = new byte[Math.min(length, 64 * 1024)];
      int n = in.read(incoming, 0, incoming.length);
      if (n < 0) {
        ended = true;
        return -1;
      }
      // the oldest n bytes of held + incoming go out; the newest LENGTH stay held
      byte[] all = new byte[heldCount + n];
      System.arraycopy(held, 0, all, 0, heldCount);
      System.arraycopy(incoming, 0, all, heldCount, n);
      int out = all.length - LENGTH;
      System.arraycopy(all, 0, bytes, offset, out);
      System.arraycopy(all, out, held, 0, LENGTH);
      mac.update(bytes, offset, out);
      return out;
    }

    /** Reads what is left and checks the MAC; throws when it is missing or wrong. */
    void verify() throws IOException {
      byte[] rest = new byte[8192];
      while (read(rest, 0, rest.length) >= 0) {
        // drain: a valid entry has nothing left but its MAC
      }
      if (heldCount < LENGTH || !MessageDigest.isEqual(mac.doFinal(), held)) {
        throw new JournalFormatException("the journal entry of transaction " + transactionId + " has no valid MAC"
            + " (doltsync.journalSecret): doltsync with this secret did not write it, so it is not applied");
      }
    }

    @Override
    public long skip(long n) throws IOException {
      throw new IOException("skip is not supported");
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
