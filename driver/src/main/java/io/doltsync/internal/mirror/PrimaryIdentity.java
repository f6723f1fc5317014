package io.doltsync.internal.mirror;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import io.doltsync.internal.dolt.DoltTarget;
import org.slf4j.Logger;
import io.doltsync.internal.logging.DoltSyncLoggers;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which primary a Dolt database mirrors: the primary's JDBC URL without credentials and parameters, plus its
 * schema, e.g. {@code postgresql://db:5432/shop#public}. The bootstrap commit records it in its trailer
 * ({@code Doltsync-Primary}); a mirror of another primary pointed at the same Dolt branch is refused at
 * connect unless {@code doltsync.adopt=true}, which makes the new primary the source with a fresh bootstrap.
 */
public final class PrimaryIdentity {

  private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");
  /** Oracle's {@code jdbc:oracle:thin:user/password@host:port/service}. */
  private static final Pattern ORACLE_USER = Pattern.compile("^(oracle:[a-z0-9]+:)[^@/]*/[^@]*@", Pattern.CASE_INSENSITIVE);

  private static final Logger LOG = DoltSyncLoggers.get(PrimaryIdentity.class);

  private final String value;
  private final boolean adopt;
  private final DoltTarget target;

  /**
   * @param value  this primary's identity ({@link #of})
   * @param adopt  {@code doltsync.adopt}: take over a branch another primary's bootstrap recorded
   * @param target the Dolt target, for messages
   */
  PrimaryIdentity(String value, boolean adopt, DoltTarget target) {
    this.value = value;
    this.adopt = adopt;
    this.target = target;
  }

  /** This primary's identity, as bootstrap commits record it. */
  String value() {
    return value;
  }

  /**
   * Checks that the Dolt branch the connection is on mirrors this primary (or none yet); returns true when it
   * mirrors another one that this primary is to adopt, which takes a fresh bootstrap.
   *
   * @throws SQLNonTransientConnectionException when it mirrors another primary and adopting is not allowed
   */
  boolean check(Connection dolt) throws SQLException {
    Optional<String> recorded = recorded(dolt);
    if (recorded.isEmpty() || recorded.get().equals(value)) {
      return false;
    }
    if (!adopt) {
      throw new SQLNonTransientConnectionException("the Dolt database " + target.database() + " (branch "
          + target.branch() + ") mirrors another primary, " + recorded.get() + ", not this one, " + value
          + "; point doltsync.target or doltsync.database at another Dolt database, or set doltsync.adopt=true to make"
          + " this primary its source (a fresh bootstrap then replaces every table of the branch)", "08004");
    }
    LOG.warn("doltsync adopts the Dolt database {} (branch {}), which mirrored {}, for {} (doltsync.adopt=true):"
        + " a fresh bootstrap replaces its tables", target.database(), target.branch(), recorded.get(), value);
    return true;
  }

  /**
   * Fails unless the Dolt branch the connection is on mirrors this primary (or records none): for operations
   * that write Dolt's history back into the primary, where adopting is never implied.
   */
  void requireSame(Connection dolt) throws SQLException {
    Optional<String> recorded = recorded(dolt);
    if (recorded.isPresent() && !recorded.get().equals(value)) {
      throw new SQLNonTransientConnectionException("the Dolt database " + target.database() + " (branch "
          + target.branch() + ") mirrors another primary, " + recorded.get() + ", not this one, " + value
          + "; nothing was written", "08004");
    }
  }

  /** The identity of the primary reached through {@code realUrl} with the connection's current schema. */
  public static String of(String realUrl, Connection primary) throws SQLException {
    String url = realUrl.startsWith("jdbc:") ? realUrl.substring("jdbc:".length()) : realUrl;
    url = ORACLE_USER.matcher(url).replaceFirst("$1");
    url = USER_INFO.matcher(url).replaceFirst("//");
    int parameters = indexOfAny(url, '?', ';');
    if (parameters >= 0) {
      url = url.substring(0, parameters);
    }
    String schema = primary.getSchema();
    if (schema == null || schema.isBlank()) {
      schema = primary.getCatalog();
    }
    String identity = url.toLowerCase(Locale.ROOT) + (schema == null ? "" : "#" + schema);
    return identity.replaceAll("\\s", " ");
  }

  /** The identity recorded on the branch the Dolt connection is on, if any. */
  static Optional<String> recorded(Connection dolt) throws SQLException {
    try (PreparedStatement select = dolt.prepareStatement("SELECT message FROM dolt_log WHERE message LIKE ?")) {
      select.setString(1, "%" + CommitTrailer.PRIMARY + ": %");
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          String primary = CommitTrailer.primaryOf(rs.getString(1));
          if (primary != null) {
            return Optional.of(primary);
          }
        }
        return Optional.empty();
      }
    }
  }

  private static int indexOfAny(String text, char a, char b) {
    int i = text.indexOf(a);
    int j = text.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }
}
