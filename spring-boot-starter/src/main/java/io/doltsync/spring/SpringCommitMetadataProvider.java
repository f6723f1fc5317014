package io.doltsync.spring;

import io.doltsync.spi.CommitMetadata;
import io.doltsync.spi.CommitMetadataProvider;
import io.doltsync.spi.TransactionSummary;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Names each Dolt commit after Spring's view of the transaction, on the committing thread: the author is Spring
 * Security's authenticated user (when Spring Security is present; {@code name@emailDomain} unless the name is an
 * email), the message is the web request ({@code POST /accounts}) or else the {@code @Transactional} method's
 * transaction name ({@code com.example.Bank.transfer}). Whatever it cannot find is left to the next source
 * (the connection's own metadata wins over it; the {@code doltsync.author} option and the summary come after).
 */
public class SpringCommitMetadataProvider implements CommitMetadataProvider {

  private static final boolean SECURITY = ClassUtils.isPresent(
      "org.springframework.security.core.context.SecurityContextHolder", SpringCommitMetadataProvider.class.getClassLoader());
  private static final boolean SERVLET_WEB = ClassUtils.isPresent(
      "org.springframework.web.context.request.ServletRequestAttributes", SpringCommitMetadataProvider.class.getClassLoader())
      && ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest", SpringCommitMetadataProvider.class.getClassLoader());

  private final String emailDomain;

  public SpringCommitMetadataProvider(String emailDomain) {
    this.emailDomain = emailDomain;
  }

  @Override
  public CommitMetadata metadataFor(TransactionSummary transaction) {
    String user = SECURITY ? SecurityUser.name() : null;
    String message = SERVLET_WEB ? WebRequest.describe() : null;
    if (message == null) {
      message = TransactionSynchronizationManager.getCurrentTransactionName();
    }
    String email = user == null ? null : user.contains("@") ? user : user + "@" + emailDomain;
    return new CommitMetadata(user, email, message);
  }

  /** Spring Security's authenticated, non-anonymous user; only touched when Spring Security is present. */
  private static final class SecurityUser {
    static String name() {
      org.springframework.security.core.Authentication authentication =
          org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
      if (authentication == null || !authentication.isAuthenticated()
          || authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
        return null;
      }
      return authentication.getName();
    }
  }

  /** The current servlet request as {@code METHOD /path}; only touched when Spring MVC's servlet support is present. */
  private static final class WebRequest {
    static String describe() {
      RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
      if (attributes instanceof ServletRequestAttributes servlet) {
        return servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI();
      }
      return null;
    }
  }
}
