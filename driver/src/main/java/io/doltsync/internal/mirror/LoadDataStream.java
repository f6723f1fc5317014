package io.doltsync.internal.mirror;

import io.doltsync.internal.dialect.DoltLoadData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a {@link RowPipe} as the byte stream a {@code LOAD DATA LOCAL INFILE} sends: batches are taken
 * and encoded ({@link DoltLoadData#writeRow}) only as the JDBC driver reads, so no more than a batch is held
 * in encoded form. Counts the rows it has encoded. Rows LOAD DATA cannot carry ({@link DoltLoadData#needsInsert})
 * are set aside for the caller to insert; once {@value #MAX_ASIDE} are, the stream ends early, and the caller
 * inserts them and continues with a new stream over the same source, so memory stays bounded.
 */
final class LoadDataStream extends InputStream {

  static final int MAX_ASIDE = 1_000;

  private final RowPipe.BatchSource source;
  private final ByteArrayOutputStream encoded = new ByteArrayOutputStream(1 << 16);
  private byte[] buffer = new byte[0];
  private int position;
  private boolean ended;
  private boolean started;
  private long rows;
  private boolean exhausted;
  private final List<Object[]> aside = new ArrayList<>();

  LoadDataStream(RowPipe.BatchSource source) {
    this.source = source;
  }

  /** True once the driver has read from the stream (the server accepted the load). */
  boolean started() {
    return started;
  }

  /** The rows encoded into the stream so far. */
  long rows() {
    return rows;
  }

  /** The rows read from the source but not put into the stream, for the caller to insert. */
  List<Object[]> aside() {
    return aside;
  }

  /** True when the source has no more rows (false when the stream ended early, with rows set aside). */
  boolean exhausted() {
    return exhausted;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    started = true;
    if (length == 0) {
      return 0;
    }
    while (position == buffer.length) {
      if (ended || !refill()) {
        ended = true;
        return -1;
      }
    }
    int n = Math.min(length, buffer.length - position);
    System.arraycopy(buffer, position, target, offset, n);
    position += n;
    return n;
  }

  private boolean refill() throws IOException {
    if (aside.size() >= MAX_ASIDE) {
      return false;
    }
    List<Object[]> batch;
    try {
      batch = source.next();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while streaming rows to Dolt");
    }
    if (batch == null) {
      exhausted = true;
      return false;
    }
    encoded.reset();
    try {
      for (Object[] row : batch) {
        if (DoltLoadData.needsInsert(row)) {
          aside.add(row);
        } else {
          DoltLoadData.writeRow(row, encoded);
          rows++;
        }
      }
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    buffer = encoded.toByteArray();
    position = 0;
    return true;
  }
}
