package io.doltsync.bench.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The proxy's counts against the project's MariaDB: round trips, commands and bytes each way. */
class CountingProxyTest {

  private static final String HOST = "127.0.0.1";
  private static final int PORT = Integer.getInteger("bench.test.mariadb.port", 33306);

  @Test
  void countsTheBytesOfEachQueryAndItsAnswer() throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    try (CountingProxy proxy = new CountingProxy(HOST, PORT, CountingProxy.Protocol.MYSQL);
        Connection connection = DriverManager.getConnection("jdbc:mariadb://" + HOST + ":" + proxy.port() + "/",
            "doltsync", "doltsync");
        Statement statement = connection.createStatement()) {
      for (int i = 0; i < 20; i++) {
        int answer = random.nextInt(0, 70_000);
        int padding = random.nextInt(0, 5_000);
        String sql = "SELECT REPEAT('x', " + answer + ") /*" + "y".repeat(padding) + "*/";
        long sent = proxy.clientBytes();
        long received = proxy.serverBytes();
        long trips = proxy.roundTrips();
        long commands = proxy.commands();
        try (ResultSet rs = statement.executeQuery(sql)) {
          rs.next();
          assertThat(rs.getString(1)).hasSize(answer);
        }
        // a COM_QUERY packet: 4-byte header, the command byte, the text
        assertThat(proxy.clientBytes() - sent).isEqualTo(sql.length() + 5L);
        assertThat(proxy.serverBytes() - received).isBetween((long) answer, answer + 200L);
        assertThat(proxy.roundTrips() - trips).isEqualTo(1);
        assertThat(proxy.commands() - commands).isEqualTo(1);
      }
    }
  }
}
