package io.doltsync.spi;

/**
 * Who made a mirrored transaction and why: the author and message of its Dolt commit.
 *
 * <p>Any field may be {@code null}, meaning "no opinion": doltsync then falls back to the next source
 * (a per-connection override, then {@link CommitMetadataProvider}s, then the {@code doltsync.author}
 * option, then the primary database user and a generated summary of the change).
 *
 * @param authorName  the author's name, e.g. {@code "Ann Smith"}
 * @param authorEmail the author's e-mail, e.g. {@code "ann@example.com"}
 * @param message     the commit message
 */
public record CommitMetadata(String authorName, String authorEmail, String message) {

  /** Metadata with no opinion on anything. */
  public static final CommitMetadata NONE = new CommitMetadata(null, null, null);

  /** Metadata that only sets the author. */
  public static CommitMetadata author(String name, String email) {
    return new CommitMetadata(name, email, null);
  }

  /** Metadata that only sets the message. */
  public static CommitMetadata message(String message) {
    return new CommitMetadata(null, null, message);
  }

  /** This metadata with every {@code null} field taken from {@code fallback}. */
  public CommitMetadata orElse(CommitMetadata fallback) {
    if (fallback == null) {
      return this;
    }
    return new CommitMetadata(
        authorName != null ? authorName : fallback.authorName,
        authorEmail != null ? authorEmail : fallback.authorEmail,
        message != null ? message : fallback.message);
  }

  /** True when every field is set. */
  public boolean isComplete() {
    return authorName != null && authorEmail != null && message != null;
  }
}
