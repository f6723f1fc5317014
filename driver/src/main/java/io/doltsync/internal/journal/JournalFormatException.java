package io.doltsync.internal.journal;

import java.io.IOException;

/** A journal payload that cannot be decoded: corrupt, truncated, forged, or written by an unknown version. */
public final class JournalFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  public JournalFormatException(String message) {
    super(message);
  }

  public JournalFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
