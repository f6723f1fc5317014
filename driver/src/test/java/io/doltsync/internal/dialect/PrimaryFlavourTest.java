package io.doltsync.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.MySqlClient;
import io.doltsync.testing.PrimaryKind;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mirror's one probe of which primary server and driver it reaches, on each primary and MySQL-protocol
 * driver: the facts match the server and driver, and the metadata is read once however often (and from how
 * many connections) the facts are asked for.
 */
class PrimaryFlavourTest {

  static Stream<Arguments> primaries() {
    return Stream.of(
        Arguments.of(PrimaryKind.MARIADB, MySqlClient.MARIADB_JAVA_CLIENT, new PrimaryFlavour.Facts(true, false, true, false)),
        Arguments.of(PrimaryKind.MARIADB, MySqlClient.CONNECTOR_J, new PrimaryFlavour.Facts(true, false, false, false)),
        Arguments.of(PrimaryKind.POSTGRES, MySqlClient.MARIADB_JAVA_CLIENT, new PrimaryFlavour.Facts(false, true, false, true)),
        Arguments.of(PrimaryKind.H2, MySqlClient.MARIADB_JAVA_CLIENT, new PrimaryFlavour.Facts(false, false, false, false)));
  }

  @ParameterizedTest
  @MethodSource("primaries")
  void probedOnceWithTheServersAndDriversFacts(PrimaryKind kind, MySqlClient client, PrimaryFlavour.Facts expected)
      throws Exception {
    try (PrimaryKind.Space space = kind.createSpace("flavour")) {
      String url = client.url(space.url());
      PrimaryFlavour flavour = new PrimaryFlavour(SourceDialects.forUrl(url));
      AtomicInteger metadataReads = new AtomicInteger();
      try (Connection first = DriverManager.getConnection(url, kind.credentials());
          Connection second = DriverManager.getConnection(url, kind.credentials())) {
        for (int i = 0; i < 5; i++) {
          Connection connection = counting(i % 2 == 0 ? first : second, metadataReads);
          assertThat(flavour.of(connection)).as("facts of %s through %s", kind, client).isEqualTo(expected);
        }
      }
      assertThat(metadataReads.get()).as("metadata reads for 5 questions on 2 connections").isEqualTo(1);
    }
  }

  /** The real connection, counting its getMetaData calls. */
  private static Connection counting(Connection connection, AtomicInteger metadataReads) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getMetaData")) {
            metadataReads.incrementAndGet();
          }
          try {
            return method.invoke(connection, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
