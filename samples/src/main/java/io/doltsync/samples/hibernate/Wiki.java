package io.doltsync.samples.hibernate;

import io.doltsync.DoltSyncConnection;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Tuple;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hibernate.Session;

/**
 * The wiki: articles are saved through JPA as usual; their history and past versions are read back from
 * Dolt with native queries on the same persistence unit.
 */
public final class Wiki {

  /** One version of an article, as Dolt remembers it. */
  public record Revision(String commit, String author, Instant date, String title, String text) {}

  private final EntityManagerFactory persistence;

  public Wiki(EntityManagerFactory persistence) {
    this.persistence = persistence;
  }

  /** Creates an article; returns its id. */
  public long create(String title, String text) {
    return inTransaction("Create \"" + title + "\"", em -> {
      Article article = new Article(title, text);
      em.persist(article);
      return article.getId();
    });
  }

  /** Replaces an article's text; the edit summary becomes the Dolt commit message. */
  public void edit(long id, String text, String summary) {
    inTransaction(summary, em -> {
      em.find(Article.class, id).setText(text);
      return null;
    });
  }

  /**
   * The article at every Dolt commit since it was created, oldest first, from {@code dolt_history_article}
   * (which has a row for each commit in which the article exists, changed by it or not).
   */
  public List<Revision> history(long id) {
    try (EntityManager em = persistence.createEntityManager()) {
      List<?> rows = em.createNativeQuery("""
              SELECT commit_hash, committer, commit_date, title, text
              FROM dolt_history_article WHERE id = ?1 ORDER BY commit_date""", Tuple.class)
          .setParameter(1, id)
          .getResultList();
      return rows.stream().map(Tuple.class::cast).map(Wiki::revision).toList();
    }
  }

  /**
   * The article as it was at a Dolt commit (a hash, a branch, {@code HEAD~2}, ...): {@code AS OF}. The
   * entity is detached, a read-only look at the past.
   */
  public Optional<Article> asOf(long id, String commit) {
    try (EntityManager em = persistence.createEntityManager()) {
      List<?> rows = em.createNativeQuery("SELECT * FROM article AS OF ?1 WHERE id = ?2", Article.class)
          .setParameter(1, commit)
          .setParameter(2, id)
          .getResultList();
      return rows.stream().map(Article.class::cast).findFirst();
    }
  }

  private static Revision revision(Tuple row) {
    return new Revision(row.get("commit_hash", String.class), row.get("committer", String.class),
        row.get("commit_date", Timestamp.class).toInstant(), row.get("title", String.class),
        row.get("text", String.class));
  }

  /**
   * Runs {@code work} in a transaction whose Dolt commit gets {@code message}. The author comes from the
   * logged-in user, through {@link CurrentUserCommitMetadata}.
   */
  private <T> T inTransaction(String message, Function<EntityManager, T> work) {
    try (EntityManager em = persistence.createEntityManager()) {
      em.getTransaction().begin();
      try {
        em.unwrap(Session.class).doWork(connection ->
            connection.unwrap(DoltSyncConnection.class).setCommitMessage(message));
        T result = work.apply(em);
        em.getTransaction().commit();
        return result;
      } catch (RuntimeException e) {
        if (em.getTransaction().isActive()) {
          em.getTransaction().rollback();
        }
        throw e;
      }
    }
  }
}
