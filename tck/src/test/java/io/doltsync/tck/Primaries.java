package io.doltsync.tck;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The primaries the suite runs against; parameterized tests iterate over {@link #selected()}: all of
 * them, or those named in {@code -Dtck.primaries=H2,POSTGRESQL}.
 */
enum Primaries {
  MARIADB(new MariaDbPrimary()),
  POSTGRESQL(new PostgresPrimary()),
  H2(new H2Primary()),
  /** MariaDB and Dolt through mysql-connector-j; by default only in {@link #singleWriter()}. */
  MARIADB_CONNECTORJ(MariaDbPrimary.connectorJ());

  private final Primary primary;

  Primaries(Primary primary) {
    this.primary = primary;
  }

  Primary primary() {
    return primary;
  }

  /** The primaries this run covers (the method source of the parameterized tests). */
  static Stream<Primaries> selected() {
    String names = System.getProperty("tck.primaries");
    if (names == null || names.isBlank()) {
      return Arrays.stream(values()).filter(p -> p != MARIADB_CONNECTORJ);
    }
    return Arrays.stream(names.split(",")).map(name -> valueOf(name.trim().toUpperCase(Locale.ROOT)));
  }

  /**
   * The primaries of the single-writer oracle: {@link #selected()}, plus MariaDB through mysql-connector-j
   * when no {@code tck.primaries} is given (the other suites run it only when named).
   */
  static Stream<Primaries> singleWriter() {
    String names = System.getProperty("tck.primaries");
    return names == null || names.isBlank() ? Stream.concat(selected(), Stream.of(MARIADB_CONNECTORJ)) : selected();
  }

  /** The selected primaries for runs with concurrent writers (see {@link TckSettings#h2ConcurrentWholeTableCopies}). */
  static Stream<Primaries> concurrent() {
    return selected().filter(p -> p != H2 || TckSettings.h2ConcurrentWholeTableCopies());
  }

  /** The selected primaries a second process can reach (H2 lives in this JVM's memory). */
  static Stream<Primaries> sharedWithOtherProcesses() {
    return selected().filter(p -> p != H2);
  }
}
