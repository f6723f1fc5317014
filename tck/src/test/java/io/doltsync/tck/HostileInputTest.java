package io.doltsync.tck;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hostile-input suite ({@link HostileInputTck}) on every primary: MariaDB, PostgreSQL and H2. */
class HostileInputTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.doltsync.tck.Primaries#selected")
  void everyHostileInputIsRefusedMirroredOrQuarantinedAndHealed(TckPrimary primaries) {
    HostileInputTck.run(primaries.primary());
  }
}
