package io.doltsync.tck;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The primaries the suite runs against; parameterized tests iterate over {@link #selected()}: all of
 * them, or those named in {@code -Dtck.primaries=H2,POSTGRESQL}; with {@code -Dtck.containers=...}, the
 * containers {@link ContainerPrimaries} starts instead.
 */
enum Primaries {
  MARIADB(new MariaDbPrimary()),
  POSTGRESQL(new PostgresPrimary()),
  H2(new H2Primary()),
  /** MariaDB and Dolt through mysql-connector-j; by default only in {@link #singleWriter()}. */
  MARIADB_CONNECTORJ(MariaDbPrimary.connectorJ()),
  /** PostgreSQL through wal capture ({@code doltsync.capture=wal}); only when named in {@code tck.primaries}. */
  POSTGRESQL_WAL(PostgresPrimary.wal()),
  /** MariaDB through binlog capture ({@code doltsync.capture=binlog}); only when named in {@code tck.primaries}. */
  MARIADB_BINLOG(MariaDbPrimary.binlog());

  private final Primary primary;

  Primaries(Primary primary) {
    this.primary = primary;
  }

  Primary primary() {
    return primary;
  }

  /** The primaries this run covers (the method source of the parameterized tests). */
  static Stream<TckPrimary> selected() {
    List<ContainerPrimaries.Spec> containers = ContainerPrimaries.requested();
    if (!containers.isEmpty()) {
      return ContainerPrimaries.start(containers, ContainerPrimaries.DockerProbe.TESTCONTAINERS).stream();
    }
    return builtIn().map(TckPrimary::of);
  }

  /** The local primaries {@code tck.primaries} names (all but Connector/J by default). */
  static Stream<Primaries> builtIn() {
    String names = System.getProperty("tck.primaries");
    if (names == null || names.isBlank()) {
      return Arrays.stream(values()).filter(p -> p != MARIADB_CONNECTORJ && p != POSTGRESQL_WAL
          && p != MARIADB_BINLOG);
    }
    return Arrays.stream(names.split(",")).map(name -> valueOf(name.trim().toUpperCase(Locale.ROOT)));
  }

  /**
   * The primaries of the single-writer oracle: {@link #selected()}, plus MariaDB through mysql-connector-j
   * when neither {@code tck.primaries} nor {@code tck.containers} is given (the other suites run it only when named).
   */
  static Stream<TckPrimary> singleWriter() {
    String names = System.getProperty("tck.primaries");
    boolean defaults = (names == null || names.isBlank()) && ContainerPrimaries.requested().isEmpty();
    return defaults ? Stream.concat(selected(), Stream.of(TckPrimary.of(MARIADB_CONNECTORJ))) : selected();
  }

  /** The selected primaries for runs with concurrent writers (see {@link TckSettings#h2ConcurrentWholeTableCopies}). */
  static Stream<TckPrimary> concurrent() {
    return selected().filter(p -> !p.is(H2) || TckSettings.h2ConcurrentWholeTableCopies());
  }

  /** The selected primaries a second process can reach (H2 lives in this JVM's memory). */
  static Stream<TckPrimary> sharedWithOtherProcesses() {
    return selected().filter(p -> !p.is(H2));
  }
}
