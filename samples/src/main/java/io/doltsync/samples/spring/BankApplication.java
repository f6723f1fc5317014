package io.doltsync.samples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small bank on Spring Boot, mirrored into Dolt by {@code doltsync-spring-boot-starter}: its
 * {@code spring.datasource.*} stay as they are and {@code doltsync.target} says where the history goes (see
 * {@code application.properties}). HikariCP pools the connections, Flyway creates the tables through the same
 * mirrored DataSource, every {@code @Transactional} method of
 * {@link Bank} becomes one Dolt commit, and {@link RequestCommitMetadata} names each commit after the
 * request that made it.
 *
 * <p>Run it with {@code scripts/sample.sh spring} (which installs Dolt if needed, builds doltsync and runs this
 * class in the {@code samples} directory), then for example:
 * <pre>
 * curl -H 'X-User: ann' -H 'Content-Type: application/json' -d '{"owner":"ann","deposit":100}' localhost:8080/accounts
 * curl -H 'X-User: bob' -H 'Content-Type: application/json' -d '{"owner":"bob","deposit":50}' localhost:8080/accounts
 * curl -H 'X-User: ann' -H 'Content-Type: application/json' -d '{"from":1,"to":2,"amount":30}' localhost:8080/transfers
 * curl localhost:8080/accounts/1/history
 * </pre>
 */
@SpringBootApplication
public class BankApplication {

  public static void main(String[] args) {
    SpringApplication.run(BankApplication.class, args);
  }
}
