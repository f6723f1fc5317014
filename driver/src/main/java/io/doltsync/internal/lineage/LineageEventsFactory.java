package io.doltsync.internal.lineage;

/** The {@link LineageEvents} the option {@code doltsync.lineage.openLineage} names. */
public final class LineageEventsFactory {

  private LineageEventsFactory() {}

  /**
   * Events for a transport spec: {@code null} or empty for none, else {@code console}, {@code file:<path>}
   * or an {@code http(s)://} URL (see {@link OpenLineageEmitter}).
   *
   * @throws IllegalArgumentException for another spec, or when openlineage-java is not on the class path
   */
  public static LineageEvents of(String spec) {
    if (spec == null || spec.isBlank()) {
      return LineageEvents.NONE;
    }
    try {
      Class.forName("io.openlineage.client.OpenLineageClient", false, LineageEventsFactory.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("doltsync.lineage.openLineage is set, but io.openlineage:openlineage-java is"
          + " not on the class path; add it (doltsync was built with 1.55.0)", e);
    }
    return OpenLineageEmitter.forSpec(spec.strip());
  }
}
