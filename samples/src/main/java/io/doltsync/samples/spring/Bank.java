package io.doltsync.samples.spring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The bank's accounts. Each {@code @Transactional} method is one primary transaction, so one Dolt commit. */
@Service
public class Bank {

  public record Account(long id, String owner, BigDecimal balance, String currency) {}

  /** An account's balance as of one Dolt commit. */
  public record AccountVersion(String commit, String author, Instant date, BigDecimal balance) {}

  @ResponseStatus(HttpStatus.CONFLICT)
  public static class InsufficientFundsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InsufficientFundsException(long account) {
      super("account " + account + " cannot cover the transfer");
    }
  }

  private final JdbcClient jdbc;

  public Bank(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional
  public Account open(String owner, BigDecimal deposit) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO account (owner, balance) VALUES (?, ?)").params(owner, deposit).update(key, "id");
    return account(key.getKeyAs(Long.class));
  }

  /** Moves money between two accounts: both balances and the ledger change in one Dolt commit, or not at all. */
  @Transactional
  public void transfer(long from, long to, BigDecimal amount) {
    jdbc.sql("UPDATE account SET balance = balance - ? WHERE id = ?").params(amount, from).update();
    jdbc.sql("UPDATE account SET balance = balance + ? WHERE id = ?").params(amount, to).update();
    if (account(from).balance().signum() < 0) {
      throw new InsufficientFundsException(from); // rolls both updates back: nothing reaches Dolt
    }
    jdbc.sql("INSERT INTO transfer (from_account, to_account, amount) VALUES (?, ?, ?)").params(from, to, amount)
        .update();
  }

  @Transactional(readOnly = true)
  public List<Account> accounts() {
    return jdbc.sql("SELECT id, owner, balance, currency FROM account ORDER BY id").query(Account.class).list();
  }

  @Transactional(readOnly = true)
  public Account account(long id) {
    return jdbc.sql("SELECT id, owner, balance, currency FROM account WHERE id = ?").param(id).query(Account.class)
        .single();
  }

  /** The account's balance after each Dolt commit, newest first, from {@code dolt_history_account}. */
  public List<AccountVersion> history(long id) {
    return jdbc.sql("SELECT commit_hash, committer, commit_date, balance FROM dolt_history_account"
            + " WHERE id = ? ORDER BY commit_date DESC")
        .param(id)
        .query((row, number) -> new AccountVersion(row.getString("commit_hash"), row.getString("committer"),
            row.getTimestamp("commit_date").toInstant(), row.getBigDecimal("balance")))
        .list();
  }
}
