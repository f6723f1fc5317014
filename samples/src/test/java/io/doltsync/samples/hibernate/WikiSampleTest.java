package io.doltsync.samples.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSync;
import io.doltsync.testing.DoltServer;
import io.doltsync.testing.DoltServer.Commit;
import io.doltsync.samples.hibernate.Wiki.Revision;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.h2.jdbc.JdbcConnection;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Hibernate sample on an H2 primary, mirrored into a database of the Dolt test server. */
class WikiSampleTest {

  private final DoltServer dolt = DoltServer.newDatabase("wiki");

  @AfterEach
  void dropDolt() throws Exception {
    DoltSync.stopMirrors();
    dolt.drop();
  }

  @Test
  void articlesSavedThroughJpaAreDoltCommitsByTheLoggedInUser() throws Exception {
    String url = "jdbc:doltsync:h2:mem:" + dolt.database() + ";DB_CLOSE_DELAY=-1;doltsync.target=" + dolt.targetUrl()
        + ";doltsync.mode=sync";
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    long id;
    try (EntityManagerFactory persistence = WikiSample.persistenceUnit(url)) {
      id = WikiSample.run(persistence, new PrintStream(printed, true, StandardCharsets.UTF_8));

      Wiki wiki = new Wiki(persistence);
      List<Revision> history = wiki.history(id);
      assertThat(history).extracting(Revision::author).containsExactly("alice", "bob", "alice");
      assertThat(history).allSatisfy(revision -> assertThat(revision.date()).isNotNull());
      assertThat(history).extracting(Revision::text).containsExactly("Dolt is a database.",
          "Dolt is a SQL database you can branch and merge.",
          "Dolt is a SQL database you can fork, clone, branch and merge, like a Git repository.");
      assertThat(wiki.asOf(id, history.get(0).commit())).get().extracting(Article::getText)
          .isEqualTo("Dolt is a database.");
      assertThat(wiki.asOf(id, "HEAD~1")).get().extracting(Article::getText)
          .isEqualTo("Dolt is a SQL database you can branch and merge.");

      try (EntityManager em = persistence.createEntityManager()) { // unwrap from Hibernate to the vendor's class
        Object h2 = em.unwrap(Session.class).doReturningWork(connection -> connection.unwrap(JdbcConnection.class));
        assertThat(h2).isInstanceOf(JdbcConnection.class);
      }
    }

    List<Commit> transactions = dolt.log().stream().filter(Commit::isTransaction).toList();
    assertThat(transactions).map(Commit::toString).endsWith(
        "alice <alice@wiki.example>: Create \"Dolt\"",
        "bob <bob@wiki.example>: Say what kind of database",
        "alice <alice@wiki.example>: Compare with Git");
    assertThat(dolt.rows("SELECT id, title, text, version FROM article")).containsExactly(
        id + "|Dolt|Dolt is a SQL database you can fork, clone, branch and merge, like a Git repository.|2");
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("History of article " + id)
        .contains("The article as Bob left it, read AS OF '")
        .contains("Dolt is a SQL database you can branch and merge.");
  }
}
