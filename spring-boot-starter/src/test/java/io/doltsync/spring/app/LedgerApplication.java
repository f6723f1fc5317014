package io.doltsync.spring.app;

import java.math.BigDecimal;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A Spring Boot application that knows nothing of doltsync but its starter: Boot's embedded H2 (no URL, user
 * {@code sa}), HikariCP, Flyway, and a {@code @Transactional} service.
 */
@SpringBootApplication
public class LedgerApplication {

  /** The application's one service. */
  @Service
  public static class Ledger {
    private final JdbcTemplate jdbc;

    public Ledger(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    @Transactional
    public void deposit(int id, String owner, BigDecimal amount) {
      jdbc.update("INSERT INTO ledger (id, owner, amount) VALUES (?, ?, ?)", id, owner, amount);
    }

    @Transactional
    public void depositThenFail(int id, String owner, BigDecimal amount) {
      deposit(id, owner, amount);
      throw new IllegalStateException("rolled back");
    }
  }
}
