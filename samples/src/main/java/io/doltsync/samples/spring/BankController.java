package io.doltsync.samples.spring;

import io.doltsync.samples.spring.Bank.Account;
import io.doltsync.samples.spring.Bank.AccountVersion;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class BankController {

  public record OpenAccount(String owner, BigDecimal deposit) {}

  public record Transfer(long from, long to, BigDecimal amount) {}

  private final Bank bank;

  public BankController(Bank bank) {
    this.bank = bank;
  }

  @PostMapping("/accounts")
  @ResponseStatus(HttpStatus.CREATED)
  public Account open(@RequestBody OpenAccount request) {
    return bank.open(request.owner(), request.deposit());
  }

  @GetMapping("/accounts")
  public List<Account> accounts() {
    return bank.accounts();
  }

  @PostMapping("/transfers")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void transfer(@RequestBody Transfer transfer) {
    bank.transfer(transfer.from(), transfer.to(), transfer.amount());
  }

  /** Who changed the account's balance and when: read from Dolt through the same DataSource. */
  @GetMapping("/accounts/{id}/history")
  public List<AccountVersion> history(@PathVariable long id) {
    return bank.history(id);
  }
}
