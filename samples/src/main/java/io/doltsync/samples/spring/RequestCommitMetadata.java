package io.doltsync.samples.spring;

import io.doltsync.DoltSync;
import io.doltsync.spi.CommitMetadata;
import io.doltsync.spi.CommitMetadataProvider;
import io.doltsync.spi.TransactionSummary;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Gives each Dolt commit the author and message of the web request whose transaction it is: the logged-in
 * user ({@link HttpServletRequest#getUserPrincipal()}, which Spring Security also fills) and the request's
 * method, path and MDC request id. doltsync asks it on the committing thread, where Spring holds the request.
 */
@Component
public class RequestCommitMetadata implements CommitMetadataProvider {

  @PostConstruct
  void register() {
    DoltSync.registerCommitMetadataProvider(this);
  }

  @PreDestroy
  void unregister() {
    DoltSync.unregisterCommitMetadataProvider(this);
  }

  @Override
  public CommitMetadata metadataFor(TransactionSummary transaction) {
    if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
      return CommitMetadata.NONE; // not a web request: Flyway at startup, a scheduled job, ...
    }
    HttpServletRequest request = attributes.getRequest();
    Principal user = request.getUserPrincipal();
    String message = request.getMethod() + " " + request.getRequestURI()
        + " (request " + MDC.get(RequestIdFilter.MDC_KEY) + ")";
    return user == null ? CommitMetadata.message(message)
        : new CommitMetadata(user.getName(), user.getName() + "@bank.example", message);
  }
}
