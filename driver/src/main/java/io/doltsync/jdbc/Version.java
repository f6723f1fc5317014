package io.doltsync.jdbc;

/** doltsync's version, as the driver reports it. */
final class Version {
  static final int MAJOR = 0;
  static final int MINOR = 1;

  private Version() {}
}
