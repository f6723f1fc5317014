package io.doltsync.tck;

/**
 * One primary a parameterized suite runs against: a local test server's ({@link Primaries}) or a container's
 * ({@link ContainerPrimaries}).
 *
 * @param label         the name in test reports
 * @param primary       the primary
 * @param childArgument how a child JVM gets a primary with the same statements (a {@link Primaries} name), for
 *                      the application-crash test
 */
record TckPrimary(String label, Primary primary, String childArgument) {

  static TckPrimary of(Primaries primaries) {
    return new TckPrimary(primaries.name(), primaries.primary(), primaries.name());
  }

  /** True for the given built-in primary. */
  boolean is(Primaries primaries) {
    return primaries.name().equals(label) && primaries.primary() == primary;
  }

  @Override
  public String toString() {
    return label;
  }
}
