package io.doltsync.internal.versioning;

/**
 * Dolt's revision database names: {@code shop/feature} and {@code shop@feature} name the branch (or commit,
 * or tag) {@code feature} of database {@code shop}.
 */
final class Revisions {

  private Revisions() {
  }

  /** The database of a database name: {@code shop} for {@code shop}, {@code shop/feature} and {@code shop@feature}. */
  static String databaseOf(String databaseName) {
    int delimiter = delimiter(databaseName);
    return delimiter < 0 ? databaseName : databaseName.substring(0, delimiter);
  }

  /** The revision of a revision database name ({@code feature} for {@code shop/feature}), or null for a plain name. */
  static String revisionOf(String databaseName) {
    int delimiter = delimiter(databaseName);
    return delimiter < 0 ? null : databaseName.substring(delimiter + 1);
  }

  private static int delimiter(String databaseName) {
    int slash = databaseName.indexOf('/');
    int at = databaseName.indexOf('@');
    return slash < 0 ? at : at < 0 ? slash : Math.min(slash, at);
  }
}
