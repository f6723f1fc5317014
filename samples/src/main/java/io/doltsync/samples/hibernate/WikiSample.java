package io.doltsync.samples.hibernate;

import io.doltsync.samples.hibernate.Wiki.Revision;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Hibernate ORM through {@code jdbc:doltsync:}: {@code META-INF/persistence.xml} names the doltsync driver
 * and URL (an H2 primary in {@code target/wiki}, mirrored into an embedded Dolt the driver starts itself).
 * Articles are saved through JPA by logged-in users, who become the Dolt commits' authors; then an
 * article's history and a past version are read back with native queries.
 *
 * <p>Run it with {@code scripts/sample.sh hibernate} (which installs Dolt if needed, builds doltsync and runs this
 * class in the {@code samples} directory), or run this class from your IDE there.
 */
public final class WikiSample {

  private WikiSample() {}

  public static void main(String[] args) {
    try (EntityManagerFactory persistence = Persistence.createEntityManagerFactory("wiki")) {
      run(persistence, System.out);
    }
  }

  /** Runs the sample on a persistence unit, e.g. {@code Persistence.createEntityManagerFactory("wiki", overrides)}. */
  public static long run(EntityManagerFactory persistence, PrintStream out) {
    Wiki wiki = new Wiki(persistence);
    long id = CurrentUser.callAs("alice", () -> wiki.create("Dolt", "Dolt is a database."));
    CurrentUser.runAs("bob", () ->
        wiki.edit(id, "Dolt is a SQL database you can branch and merge.", "Say what kind of database"));
    CurrentUser.runAs("alice", () ->
        wiki.edit(id, "Dolt is a SQL database you can fork, clone, branch and merge, like a Git repository.",
            "Compare with Git"));

    out.println("History of article " + id + ", from dolt_history_article:");
    List<Revision> history = wiki.history(id);
    for (Revision revision : history) {
      out.printf("  %.8s  %-6s  %s%n", revision.commit(), revision.author(), revision.text());
    }
    Revision bobs = history.get(1);
    wiki.asOf(id, bobs.commit()).ifPresent(article ->
        out.printf("The article as Bob left it, read AS OF '%.8s': %s%n", bobs.commit(), article.getText()));
    return id;
  }

  /** The persistence unit with another primary or Dolt target, for tests: {@code jakarta.persistence.jdbc.url}. */
  public static EntityManagerFactory persistenceUnit(String doltSyncUrl) {
    return Persistence.createEntityManagerFactory("wiki", Map.of("jakarta.persistence.jdbc.url", doltSyncUrl));
  }
}
