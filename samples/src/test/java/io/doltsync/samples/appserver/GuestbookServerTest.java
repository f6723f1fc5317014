package io.doltsync.samples.appserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSync;
import io.doltsync.testing.DoltServer;
import io.doltsync.testing.DoltServer.Commit;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The guestbook in an embedded Tomcat, its JNDI DataSource mirroring an H2 primary into the Dolt test server. */
class GuestbookServerTest {

  private final DoltServer dolt = DoltServer.newDatabase("guestbook");
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
  private Tomcat tomcat;

  @AfterEach
  void stop() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
    DoltSync.stopMirrors();
    dolt.drop();
  }

  @Test
  void eachSignatureIsADoltCommitBySigner() throws Exception {
    tomcat = GuestbookServer.start(0, "jdbc:h2:mem:" + dolt.database() + ";DB_CLOSE_DELAY=-1", dolt.targetUrl());
    String url = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/guestbook";
    dolt.awaitRows("SHOW TABLES", tables -> tables.contains("entry")); // the servlet's DDL is in Dolt

    assertThat(sign(url, "Ann Lee", "What a lovely place").statusCode()).isEqualTo(200);
    assertThat(sign(url, "Bo", "Hello from Bo").statusCode()).isEqualTo(200);
    assertThat(sign(url, "", "nobody").statusCode()).isEqualTo(400);

    List<Commit> signatures = dolt.awaitLog(log -> log.stream().filter(Commit::isTransaction)
        .filter(commit -> commit.message().equals("Sign the guestbook")).count() == 2);
    assertThat(signatures).filteredOn(commit -> commit.message().equals("Sign the guestbook")).map(Commit::toString)
        .containsExactly("Ann Lee <ann.lee@guestbook.example>: Sign the guestbook",
            "Bo <bo@guestbook.example>: Sign the guestbook");
    assertThat(dolt.rows("SELECT id, name, message FROM entry ORDER BY id"))
        .containsExactly("1|Ann Lee|What a lovely place", "2|Bo|Hello from Bo");

    String page = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(page).contains("Ann Lee: What a lovely place", "Bo: Hello from Bo", "Bo: Sign the guestbook");
  }

  private HttpResponse<String> sign(String url, String name, String message) throws Exception {
    String form = "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
        + "&message=" + URLEncoder.encode(message, StandardCharsets.UTF_8);
    return http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
